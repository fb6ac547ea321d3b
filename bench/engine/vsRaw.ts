/**
 * Engine against raw Yjs, per operation (table `engine`, as DESIGN §7 allows): the ratio of CPU
 * medians (engine ÷ raw Yjs) and the difference of update bytes (engine − raw Yjs), derived from
 * the sync rows of the same run, so they quote exactly the figures above them. There is no spec
 * claim here; the project's targets are in the notes (reference: CPU at most 1.5× raw Yjs, update
 * bytes at most raw + 32 B).
 */
import { rowKey } from '../harness.ts'
import type { BenchRow } from '../../src/report/inputs.ts'

/** The operations compared, by their sync-table row names. */
export const COMPARED_OPS = ['Add member', 'Send message', 'Edit message', 'Delete (tombstone)'] as const

/** Row names of the derived rows. */
export const vsRawRow = (op: string): string => `${op}: engine vs raw Yjs`

type Combine = (engine: number, raw: number) => number

function derived(source: BenchRow, combine: Combine, unit: string, identity: number, note: string): BenchRow {
  const raw = source.rawYjs
  const of = (v: number | null): number | null => (v === null || raw === null ? null : combine(v, raw))
  return {
    table: 'engine', row: vsRawRow(source.row), metric: source.metric, claimed: null, unit,
    measured: { reference: of(source.measured.reference), spec: of(source.measured.spec) },
    rawYjs: raw === null ? null : identity,
    verdict: 'n/a',
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
    if (cpu !== undefined) out.push(derived(cpu, (e, r) => e / r, '×', 1, 'CPU p50 of the sync row ÷ raw Yjs\'s; project target for reference: at most 1.5×'))
    if (bytes !== undefined) out.push(derived(bytes, (e, r) => e - r, 'B', 0, 'update bytes (V1) of the sync row − raw Yjs\'s; project target for reference: at most +32 B'))
  }
  return out
}
