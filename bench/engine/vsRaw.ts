/**
 * Engine against raw Yjs, per operation (table `engine`, as DESIGN §7 allows): the ratio of CPU
 * medians (engine ÷ raw Yjs) and the difference of update bytes (engine − raw Yjs), derived from
 * the sync rows of the same run, so they quote exactly the figures above them. There is no spec
 * claim here: the rows carry the project's targets as their claim (CPU at most 1.5× raw Yjs,
 * update bytes at most raw + 32 B), judged for both profiles; the row's verdict is the
 * reference's, the profile the targets are set for.
 */
import { rowKey } from '../harness.ts'
import { rowVerdict, verdictOf } from '../../src/report/claimRules.ts'
import type { BenchRow } from '../../src/report/inputs.ts'

/** The operations compared, by their sync-table row names. */
export const COMPARED_OPS = ['Add member', 'Send message', 'Edit message', 'Delete (tombstone)'] as const

/** The project's targets for the reference profile against raw Yjs. */
export const VS_RAW_TARGETS = { cpuRatio: 1.5, extraBytes: 32 } as const

/** Row names of the derived rows. */
export const vsRawRow = (op: string): string => `${op}: engine vs raw Yjs`

type Combine = (engine: number, raw: number) => number

function derived(
  source: BenchRow,
  combine: Combine,
  unit: string,
  identity: number,
  target: number,
  claimText: string,
  note: string,
): BenchRow {
  const raw = source.rawYjs
  const of = (v: number | null): number | null => (v === null || raw === null ? null : combine(v, raw))
  const measured = { reference: of(source.measured.reference), spec: of(source.measured.spec) }
  const verdicts = {
    reference: verdictOf(target, 'atMost', measured.reference),
    spec: verdictOf(target, 'atMost', measured.spec),
  }
  return {
    table: 'engine',
    row: vsRawRow(source.row),
    metric: source.metric,
    claimed: target,
    unit,
    measured,
    rawYjs: raw === null ? null : identity,
    verdict: rowVerdict(verdicts),
    verdicts,
    bound: 'atMost',
    claimText,
    note,
  }
}

/** The derived rows for every compared operation whose sync rows are in `rows`. */
export function engineVsRawRows(rows: readonly BenchRow[]): BenchRow[] {
  const byKey = new Map(rows.map((r) => [rowKey(r), r]))
  const out: BenchRow[] = []
  for (const op of COMPARED_OPS) {
    const cpu = byKey.get(rowKey({ table: 'sync', row: op, metric: 'cpuMs' }))
    const bytes = byKey.get(rowKey({ table: 'sync', row: op, metric: 'updateBytes' }))
    if (cpu !== undefined)
      out.push(
        derived(
          cpu,
          (e, r) => e / r,
          '×',
          1,
          VS_RAW_TARGETS.cpuRatio,
          `≤${VS_RAW_TARGETS.cpuRatio}× (project target)`,
          "CPU p50 of the sync row ÷ raw Yjs's",
        ),
      )
    if (bytes !== undefined)
      out.push(
        derived(
          bytes,
          (e, r) => e - r,
          'B',
          0,
          VS_RAW_TARGETS.extraBytes,
          `≤ raw + ${VS_RAW_TARGETS.extraBytes} B (project target)`,
          "update bytes (V1) of the sync row − raw Yjs's",
        ),
      )
  }
  return out
}
