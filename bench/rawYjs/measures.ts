/**
 * The raw Yjs measure of every spec row, keyed by row key (`table/row/metric`): the same logical
 * work as the engine profiles, done with plain Yjs maps.
 */
import type { BenchMetric, BenchTable } from '../../src/report/inputs.ts'
import type { Measure, SeriesDef, ValueMeasure } from '../harness.ts'
import { rowKey } from '../harness.ts'
import { MEMORY_DOCS, SCALABILITY, TOMBSTONE_MEMBERS, TOMBSTONE_MOMENTS, tombstoneRow } from '../specClaims.ts'
import { fullSyncBytes, fullSyncBytesV2, fullSyncTask } from './fullSync.ts'
import { docBytes, docBytesV2, loadTask, medianLoadMs, memBytes } from './memory.ts'
import { itemsFitting } from './scalability.ts'
import { meanBytes, opTask, SYNC_OPS } from './syncOps.ts'
import { memberTombstoneBytes, worstCaseTombstoneBytes } from './tombstone.ts'

export interface RawMeasure {
  measure: Measure
  v2?: ValueMeasure
  series?: SeriesDef
}

export interface RawOptions {
  quick: boolean
}

const key = (table: BenchTable, row: string, metric: BenchMetric): string => rowKey({ table, row, metric })

/** Item counts of a series around a document's nominal count. */
const seriesCounts = (count: number): number[] => [count / 10, count / 4, count / 2, count, count * 2].map(Math.round)

function memoryMeasures(o: RawOptions): Record<string, RawMeasure> {
  const out: Record<string, RawMeasure> = {}
  for (const d of MEMORY_DOCS) {
    const x = seriesCounts(d.count)
    out[key('memory', d.row, 'docBytes')] = {
      measure: () => docBytes(d.kind, d.count),
      v2: () => docBytesV2(d.kind, d.count),
      series: { x, xLabel: d.items, measure: { rawYjs: (n) => docBytes(d.kind, n) } },
    }
    out[key('memory', d.row, 'loadMs')] = {
      measure: loadTask(d.kind, d.count),
      series: { x, xLabel: d.items, measure: { rawYjs: (n) => medianLoadMs(d.kind, n, o.quick ? 3 : 9) } },
    }
    out[key('memory', d.row, 'memBytes')] = { measure: () => memBytes(d.kind, d.count, o.quick ? 1 : 3) }
  }
  return out
}

function syncMeasures(): Record<string, RawMeasure> {
  const out: Record<string, RawMeasure> = {}
  for (const [row, spec] of Object.entries(SYNC_OPS)) {
    const prep = 'prep' in spec ? spec.prep : undefined
    let bytes: { v1: number; v2: number } | undefined
    const get = (): { v1: number; v2: number } => (bytes ??= meanBytes(spec.make, spec.op, prep))
    out[key('sync', row, 'updateBytes')] = { measure: () => get().v1, v2: () => get().v2 }
    out[key('sync', row, 'cpuMs')] = { measure: opTask(spec.make, spec.op, prep) }
  }
  out[key('sync', 'Full entity sync', 'updateBytes')] = { measure: fullSyncBytes, v2: fullSyncBytesV2 }
  out[key('sync', 'Full entity sync', 'cpuMs')] = { measure: fullSyncTask() }
  return out
}

function scalabilityMeasures(): Record<string, RawMeasure> {
  return Object.fromEntries(
    SCALABILITY.map(([row, limit, , , kind]) => [
      key('scalability', row, 'items'),
      { measure: () => itemsFitting(kind, limit) },
    ]),
  )
}

function tombstoneMeasures(): Record<string, RawMeasure> {
  const out: Record<string, RawMeasure> = Object.fromEntries(
    TOMBSTONE_MOMENTS.flatMap((moment) =>
      TOMBSTONE_MEMBERS.map((n) => [
        key('tombstone', tombstoneRow(n, moment), 'bytesPerTombstone'),
        { measure: () => memberTombstoneBytes(n, moment) },
      ]),
    ),
  )
  out[key('tombstone', 'Worst case: 1000 tombstones × 100 members', 'docBytes')] = {
    measure: () => worstCaseTombstoneBytes(),
  }
  return out
}

/** Raw Yjs measures for every spec claim. */
export function rawYjsMeasures(o: RawOptions): Record<string, RawMeasure> {
  return { ...memoryMeasures(o), ...syncMeasures(), ...scalabilityMeasures(), ...tombstoneMeasures() }
}
