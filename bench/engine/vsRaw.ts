/**
 * Engine against raw Yjs (table `engine`, as DESIGN §7 allows): the project's targets for the
 * reference profile, as rows derived from other rows of the same run, so they quote exactly the
 * figures above them. There is no spec claim here: a row carries its target as its claim (bound
 * `atMost`), judged for both profiles; the row's verdict is the reference's, the profile the
 * targets are set for. The targets are data (`VS_RAW_TARGETS`):
 *
 * - CPU p50 per operation, engine ÷ raw Yjs (the sync rows): at most 1.5× for send and edit, 3×
 *   for add member and delete (the stretch, 1.5× for all, is quoted beside), 1.5× for the full
 *   entity sync;
 * - update bytes per operation, engine − raw Yjs: at most 32 B;
 * - B3.1-B3.4 document size (dmonad/crdt-benchmarks, the suite's random clientIDs), engine ÷ raw
 *   Yjs: at most 2×.
 *
 * The tombstone rows' targets are the spec's own claims (~200 B + ~20 B per member, ~2.2 MB for
 * the worst case), judged on their rows.
 */
import { rowKey } from '../harness.ts'
import { B3_CASES } from '../b3.ts'
import { rowVerdict, verdictOf } from '../../src/report/claimRules.ts'
import type { BenchMetric, BenchRow, BenchTable } from '../../src/report/inputs.ts'

/** One target: the engine figure of a row against raw Yjs's, as a ratio or a difference. */
export interface VsRawTarget {
  /** The row compared (its table, name and metric). */
  readonly table: BenchTable
  readonly row: string
  readonly metric: BenchMetric
  /** `ratio`: engine ÷ raw Yjs (unit ×); `extra`: engine − raw Yjs (unit B). */
  readonly kind: 'ratio' | 'extra'
  /** At most this. */
  readonly target: number
  /** A stricter target the project aims at, quoted in the claim, not judged. */
  readonly stretch?: number
}

const cpu = (row: string, target: number, stretch?: number): VsRawTarget => ({
  table: 'sync',
  row,
  metric: 'cpuMs',
  kind: 'ratio',
  target,
  ...(stretch !== undefined ? { stretch } : {}),
})
const bytes = (row: string): VsRawTarget => ({ table: 'sync', row, metric: 'updateBytes', kind: 'extra', target: 32 })

/** The project's targets for the reference profile against raw Yjs, in report order. */
export const VS_RAW_TARGETS: readonly VsRawTarget[] = [
  cpu('Add member', 3, 1.5),
  bytes('Add member'),
  cpu('Send message', 1.5),
  bytes('Send message'),
  cpu('Edit message', 1.5),
  bytes('Edit message'),
  cpu('Delete (tombstone)', 3, 1.5),
  bytes('Delete (tombstone)'),
  cpu('Full entity sync', 1.5),
  ...B3_CASES.map((c): VsRawTarget => ({ table: 'engine', row: c.name, metric: 'docBytes', kind: 'ratio', target: 2 })),
]

/** Row names of the derived rows. */
export const vsRawRow = (op: string): string => `${op}: engine vs raw Yjs`

const NOTES: Partial<Record<BenchMetric, string>> = {
  cpuMs: "CPU p50 of the row ÷ raw Yjs's",
  updateBytes: "update bytes (V1) of the row − raw Yjs's",
  docBytes: "encoded document (V2, as the suite's) of the row ÷ raw Yjs's",
}

function derived(source: BenchRow, t: VsRawTarget): BenchRow {
  const raw = source.rawYjs
  const combine = t.kind === 'ratio' ? (e: number, r: number) => e / r : (e: number, r: number) => e - r
  const of = (v: number | null): number | null => (v === null || raw === null || raw === 0 ? null : combine(v, raw))
  const measured = { reference: of(source.measured.reference), spec: of(source.measured.spec) }
  const verdicts = {
    reference: verdictOf(t.target, 'atMost', measured.reference),
    spec: verdictOf(t.target, 'atMost', measured.spec),
  }
  const stretch = t.stretch === undefined ? '' : `, stretch ≤${t.stretch}×`
  return {
    table: 'engine',
    row: vsRawRow(source.row),
    metric: source.metric,
    claimed: t.target,
    unit: t.kind === 'ratio' ? '×' : 'B',
    measured,
    rawYjs: raw === null ? null : t.kind === 'ratio' ? 1 : 0,
    verdict: rowVerdict(verdicts),
    verdicts,
    bound: 'atMost',
    claimText:
      t.kind === 'ratio' ? `≤${t.target}× (project target${stretch})` : `≤ raw + ${t.target} B (project target)`,
    note: NOTES[source.metric] ?? "the row's figure against raw Yjs's",
  }
}

/** The derived rows for every target whose source row is in `rows`. */
export function engineVsRawRows(rows: readonly BenchRow[]): BenchRow[] {
  const byKey = new Map(rows.map((r) => [rowKey(r), r]))
  return VS_RAW_TARGETS.flatMap((t) => {
    const source = byKey.get(rowKey(t))
    return source === undefined ? [] : [derived(source, t)]
  })
}
