/**
 * When a bench row is too noisy to judge. A timed figure is the mean of its samples with a relative
 * margin of error (tinybench's `rme`, the 95% confidence interval of the mean); a ratio against raw
 * Yjs carries the margins of both figures it divides (to first order, they add). When the figure's
 * interval straddles the claim's threshold (its rule gives `meets` at one end and `misses` at the
 * other), the samples cannot tell the two apart: the row is "too noisy to judge" rather than a
 * verdict that flips from run to run. Rows without samples (sizes, counts) are judged as measured.
 */
import { verdictOf } from './claimRules.ts'
import type { BenchColumn, BenchRow, BenchVerdict } from './inputs.ts'

/** A row's verdict as the report shows it: the bench's own, or `noisy`. */
export type ShownVerdict = BenchVerdict | 'noisy'

export interface Judgement {
  readonly verdict: ShownVerdict
  /** The column whose figure decides (reference, or spec when only it was measured). */
  readonly column: BenchColumn | null
  /** The decisive figure's confidence interval, when its samples give one. */
  readonly interval?: readonly [number, number]
}

/** A ratio row `X: engine vs raw Yjs` is derived from row `X` of the same metric. */
const RATIO = /^(.*): engine vs raw Yjs$/

/** Relative margin (a fraction) of `column`'s figure of `row`, or null without samples. */
function margin(row: BenchRow, column: BenchColumn, rows: readonly BenchRow[]): number | null {
  const own = row.latency?.[column]?.rme
  if (own !== undefined) return own / 100
  const base = RATIO.exec(row.row)?.[1]
  if (base === undefined || row.unit !== '×') return null
  const source = rows.find((r) => r.row === base && r.metric === row.metric)
  const a = source?.latency?.[column]?.rme
  const b = source?.latency?.rawYjs?.rme
  return a === undefined || b === undefined ? null : (a + b) / 100
}

/** The verdict of one row, `noisy` when its samples' interval straddles the claim's threshold. */
export function judgeRow(row: BenchRow, rows: readonly BenchRow[]): Judgement {
  const column: BenchColumn | null =
    row.measured.reference !== null ? 'reference' : row.measured.spec !== null ? 'spec' : null
  if (column === null) return { verdict: row.verdict, column }
  const { verdict, interval } = judgeFigure(row, column, rows, row.verdict)
  return { verdict: verdict ?? row.verdict, column, ...(interval ? { interval } : {}) }
}

/**
 * The verdict of one column's figure (`verdict`: the bench's, by default the column's own), `noisy`
 * when that figure's interval straddles the claim's threshold; so a cell never says `misses` where
 * the row says its samples cannot tell.
 */
export function judgeFigure(
  row: BenchRow,
  column: BenchColumn,
  rows: readonly BenchRow[],
  verdict: BenchVerdict | undefined = row.verdicts?.[column],
): { readonly verdict: ShownVerdict | undefined; readonly interval?: readonly [number, number] } {
  const value = column === 'rawYjs' ? row.rawYjs : row.measured[column]
  if (verdict === undefined || verdict === 'n/a' || value === null || row.bound === undefined || row.claimed === null)
    return { verdict }
  const m = margin(row, column, rows)
  if (m === null) return { verdict }
  const interval = [Math.max(0, value * (1 - m)), value * (1 + m)] as const
  const ends = interval.map((v) => verdictOf(row.claimed, row.bound!, v))
  return { verdict: ends[0] === ends[1] ? verdict : 'noisy', interval }
}

/** Every row's shown verdict, in order. */
export const judgeRows = (rows: readonly BenchRow[]): ShownVerdict[] => rows.map((r) => judgeRow(r, rows).verdict)
