/**
 * All bench rows: the spec's claims with their raw Yjs measures, then the crdt-benchmarks B3
 * workloads. This is where engine profiles will be plugged in (see `plugProfile`).
 */
import { LabError } from '../src/engine/errors.ts'
import { b3Rows } from './b3.ts'
import { rowKey, type RowDef } from './harness.ts'
import { yjsMapFactory } from './rawYjs/mapCrdt.ts'
import { rawYjsMeasures, type RawOptions } from './rawYjs/measures.ts'
import { specClaims } from './specClaims.ts'

/** The spec's rows, each measured with raw Yjs; every claim must have a raw measure. */
export function specRows(o: RawOptions): RowDef[] {
  const raw = rawYjsMeasures(o)
  return specClaims().map((c) => {
    const m = raw[rowKey(c)]
    if (m === undefined) throw new LabError('INTERNAL', `no raw Yjs measure for bench row "${rowKey(c)}"`)
    const def: RowDef = { ...c, measure: { rawYjs: m.measure } }
    if (m.v2 !== undefined) def.rawYjsV2 = m.v2
    if (m.series !== undefined) def.series = m.series
    return def
  })
}

/** Every row of `crdt-lab bench`, raw Yjs only until engine profiles are plugged in. */
export const allRows = (o: RawOptions): RowDef[] => [...specRows(o), ...b3Rows(yjsMapFactory)]
