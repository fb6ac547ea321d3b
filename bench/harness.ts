/**
 * A small bench framework. A row is a claim of the spec's tables plus one measure per column
 * (`reference`, `spec`, `rawYjs`); a measure is either a function returning the figure (sizes,
 * counts, heap deltas) or a timed task run with tinybench (CPU and load times, reported as the
 * median with mean, p99 and relative margin of error). The runner produces the `BenchResult`
 * of DESIGN §7, with verdicts decided by the shared claim rules (src/report/claimRules.ts).
 *
 * Engine profiles plug in through `plugProfile`, keyed by `rowKey` (table/row/metric), so a
 * profile supplies measures for the rows it can do and the rest stay "not measured".
 */
import { Bench } from 'tinybench'
import { LabError } from '../src/engine/base/errors.ts'
import { rowVerdict, verdictOf } from '../src/report/claimRules.ts'
import type {
  BenchColumn,
  BenchMetric,
  BenchResult,
  BenchRow,
  BenchTable,
  BenchVerdict,
  ClaimBound,
  LatencyStats,
} from '../src/report/inputs.ts'
import { machineInfo } from './machine.ts'

/** A figure computed directly: bytes, item counts, heap deltas. */
export type ValueMeasure = () => number | Promise<number>

/**
 * A timed operation. `setup` runs once, untimed, and returns the task's state (its replicas,
 * documents, fixtures); `beforeEach` runs before every sample, untimed; both it and `fn` get that
 * state. The state lives only while the task runs, never in the task: a suite keeps every row's
 * measures until it ends, so state held in closures piled up (the main job's bench phase held
 * 0.55 GB of finished rows' replicas and peaked at 2.2 GB RSS).
 */
export interface TimedTask<S = unknown> {
  kind: 'timed'
  setup?(): S | Promise<S>
  beforeEach?(state: S): void
  fn(state: S): unknown
  /**
   * A fixed number of samples instead of the time budget, for tasks whose untimed `beforeEach`
   * costs far more than `fn` (tinybench's budget counts timed work only, so the run would take
   * hundreds of stagings). Quick mode takes a quarter of it, at least 5.
   */
  samples?: number
  /**
   * Untimed runs before a fixed-sample task's samples (default 2). Where the raw Yjs column runs
   * on the time budget (warmed for 20 ms or 250 ms), a fixed-sample engine task would otherwise
   * be timed with V8 still compiling its path: the reference's delete measured 1.3 ms after two
   * runs and about 0.6 ms from the twentieth on (quick mode's 8 samples were all cold).
   */
  warmups?: number
}

export type Measure = ValueMeasure | TimedTask
export type ProfileColumn = Exclude<BenchColumn, 'rawYjs'>

/** A figure at several item counts, for the report's line charts. */
export interface SeriesDef {
  x: number[]
  xLabel: string
  measure: Partial<Record<BenchColumn, (items: number) => number | Promise<number>>>
}

/** What a row claims: the spec's row and figure, and how the claim is worded. */
export interface RowClaim {
  table: BenchTable
  /** The spec's own row name. */
  row: string
  metric: BenchMetric
  /** The spec's figure in `unit`, or null where the spec gives none. */
  claimed: number | null
  unit: string
  /** How the claim is worded; absent when there is no claim. */
  bound?: ClaimBound
  /** The spec's wording, e.g. `~50KB`. */
  claimText?: string
  /** The logical workload, in a sentence. */
  note?: string
}

/** A claim with its measures. */
export interface RowDef extends RowClaim {
  /** `rawYjs` is absent only where raw Yjs does no comparable work (the explorer's `sim` rows). */
  measure: { reference?: Measure; spec?: Measure; rawYjs?: Measure }
  /** The raw Yjs figure in the V2 encoding, where the row is about bytes on the wire. */
  rawYjsV2?: ValueMeasure
  /** The simulator's figure (table `sim`): the raw Yjs column's work done through the simulator. */
  sim?: ValueMeasure
  series?: SeriesDef
}

/** Identity of a row across producers: `table/row/metric`. */
export const rowKey = (r: Pick<RowDef, 'table' | 'row' | 'metric'>): string => `${r.table}/${r.row}/${r.metric}`

/**
 * Returns `rows` with `profile`'s measures (and series measures) set, by row key. Unknown keys
 * throw, naming the known ones, so a renamed row cannot silently drop an engine measure.
 */
export function plugProfile(
  rows: readonly RowDef[],
  profile: ProfileColumn,
  measures: Readonly<Record<string, Measure>>,
  series: Readonly<Record<string, (items: number) => number | Promise<number>>> = {},
): RowDef[] {
  const known = new Set(rows.map(rowKey))
  for (const key of [...Object.keys(measures), ...Object.keys(series)]) {
    if (!known.has(key))
      throw new LabError('INVALID_ARG', `no bench row "${key}"; rows are: ${[...known].join(', ')}`, { path: key })
  }
  return rows.map((r) => {
    const m = measures[rowKey(r)]
    const s = series[rowKey(r)]
    const next: RowDef = m === undefined ? r : { ...r, measure: { ...r.measure, [profile]: m } }
    return s === undefined || next.series === undefined
      ? next
      : { ...next, series: { ...next.series, measure: { ...next.series.measure, [profile]: s } } }
  })
}

export interface RunOptions {
  /** Short sampling (about a tenth of the normal budget) for a fast, indicative run. */
  quick?: boolean
  /** Called before each row, for progress output. */
  onRow?: (row: RowDef, index: number, total: number) => void
}

/**
 * tinybench budgets: quick mode samples each task ~100 ms, normal mode ~1 s. Quick mode warms a
 * task up for 20 ms or one run, whichever is longer (a 200 ms task is warm after one run).
 */
export function benchBudget(quick: boolean): {
  time: number
  iterations: number
  warmupTime: number
  warmupIterations: number
} {
  return quick
    ? { time: 100, iterations: 5, warmupTime: 20, warmupIterations: 1 }
    : { time: 1000, iterations: 64, warmupTime: 250, warmupIterations: 16 }
}

/** The budget of one task: the time budget, or its fixed sample count (see `TimedTask.samples`). */
export function taskBudget(task: TimedTask, quick: boolean): ReturnType<typeof benchBudget> {
  if (task.samples === undefined) return benchBudget(quick)
  const iterations = quick ? Math.max(5, Math.ceil(task.samples / 4)) : task.samples
  return { time: 0, iterations, warmupTime: 0, warmupIterations: task.warmups ?? 2 }
}

/** The median of `xs` (the upper one of an even count), for figures timed outside tinybench. */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!

/** Runs a timed task under tinybench and returns its latency statistics (ms). */
export async function runTimed<S>(name: string, task: TimedTask<S>, quick: boolean): Promise<LatencyStats> {
  const state = (await task.setup?.()) as S
  const bench = new Bench({ ...taskBudget(task, quick), throws: true })
  // Measures are synchronous; saying so spares tinybench a probing call outside `beforeEach`.
  const fn = (): unknown => task.fn(state)
  bench.add(
    name,
    fn,
    task.beforeEach === undefined ? { async: false } : { async: false, beforeEach: () => task.beforeEach!(state) },
  )
  await bench.run()
  const result = bench.tasks[0]?.result
  if (result === undefined || (result.state !== 'completed' && result.state !== 'aborted-with-statistics')) {
    throw new LabError('INTERNAL', `bench task "${name}" did not complete (${result?.state ?? 'no result'})`)
  }
  const l = result.latency
  return { mean: l.mean, p50: l.p50, p99: l.p99, rme: l.rme, samples: l.samplesCount }
}

const isTimed = (m: Measure): m is TimedTask => typeof m !== 'function'

/** Measures one row in every column it has a measure for. */
export async function runRow(def: RowDef, options: RunOptions = {}): Promise<BenchRow> {
  const quick = options.quick === true
  const values: Partial<Record<BenchColumn, number>> = {}
  const latency: Partial<Record<BenchColumn, LatencyStats>> = {}
  for (const column of ['reference', 'spec', 'rawYjs'] as const) {
    const m = def.measure[column]
    if (m === undefined) continue
    if (isTimed(m)) {
      latency[column] = await runTimed(`${rowKey(def)} [${column}]`, m, quick)
      values[column] = latency[column].p50
    } else {
      values[column] = await m()
    }
  }
  // A simulator row's claim is about the simulator's figure; its raw Yjs column is only the baseline.
  const sim = def.sim === undefined ? undefined : await def.sim()
  const judge = (v: number | null | undefined): BenchVerdict =>
    def.bound === undefined ? 'n/a' : verdictOf(def.claimed, def.bound, v)
  const verdicts: Partial<Record<BenchColumn, BenchVerdict>> = {}
  if (sim === undefined)
    for (const column of Object.keys(values) as BenchColumn[]) verdicts[column] = judge(values[column])
  const row: BenchRow = {
    table: def.table,
    row: def.row,
    metric: def.metric,
    claimed: def.claimed,
    unit: def.unit,
    measured: { reference: values.reference ?? null, spec: values.spec ?? null },
    rawYjs: values.rawYjs ?? null,
    verdict: sim === undefined ? rowVerdict(verdicts) : judge(sim),
    verdicts,
  }
  if (def.bound !== undefined) row.bound = def.bound
  if (def.claimText !== undefined) row.claimText = def.claimText
  if (def.note !== undefined) row.note = def.note
  if (def.rawYjsV2 !== undefined) row.rawYjsV2 = await def.rawYjsV2()
  if (sim !== undefined) row.sim = sim
  if (Object.keys(latency).length > 0) row.latency = latency
  if (def.series !== undefined) row.series = await runSeries(def.series)
  return row
}

async function runSeries(s: SeriesDef): Promise<NonNullable<BenchRow['series']>> {
  const y: Partial<Record<BenchColumn, number[]>> = {}
  for (const [column, f] of Object.entries(s.measure) as [BenchColumn, (n: number) => number | Promise<number>][]) {
    const ys: number[] = []
    for (const x of s.x) ys.push(await f(x))
    y[column] = ys
  }
  return { x: s.x, xLabel: s.xLabel, y }
}

/** Runs every row in order and assembles the bench JSON (DESIGN §7 plus optional extras). */
export async function runBench(rows: readonly RowDef[], options: RunOptions = {}): Promise<BenchResult> {
  const start = performance.now()
  const out: BenchRow[] = []
  for (const [i, def] of rows.entries()) {
    options.onRow?.(def, i, rows.length)
    out.push(await runRow(def, options))
  }
  return { machine: machineInfo(), rows: out, quick: options.quick === true, wallMs: performance.now() - start }
}
