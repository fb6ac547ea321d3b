/**
 * All bench rows: the spec's claims with their raw Yjs measures, then the crdt-benchmarks B3
 * workloads, with both engine profiles plugged in (bench/engine/measures.ts), then what signed
 * authorship costs (bench/engine/signatureRows.ts), then the simulator's overhead
 * (bench/sim/simRows.ts, no profile involved).
 */
import { LabError } from '../src/engine/base/errors.ts'
import { b3N, b3Rows } from './b3.ts'
import { engineMeasures, engineNotes, quickNotes } from './engine/measures.ts'
import { plugProfile, rowKey, type RowDef } from './harness.ts'
import { yjsB3Factory } from './rawYjs/b3Crdt.ts'
import { rawYjsMeasures, type RawOptions } from './rawYjs/measures.ts'
import { simRows } from './sim/simRows.ts'
import { signatureRows } from './engine/signatureRows.ts'
import { exploreRows } from './sim/exploreRows.ts'
import { specClaims } from './specClaims.ts'
import { PROFILE_NAMES } from '../src/engine/base/enums.ts'

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

/** Every row of `crdt-lab bench`: raw Yjs, each engine profile where the engine can do the work, the simulator. */
export function allRows(o: RawOptions): RowDef[] {
  let rows = [...specRows(o), ...b3Rows(yjsB3Factory, b3N(o.quick))]
  for (const profile of PROFILE_NAMES) rows = plugProfile(rows, profile, engineMeasures(profile, o))
  return [
    ...withNotes(withNotes(rows, engineNotes(o)), o.quick ? quickNotes() : {}),
    ...signatureRows(),
    ...simRows(o.quick),
    ...exploreRows(o.quick),
  ]
}

/** Appends `notes` (by row key) to the rows' notes, in parentheses. */
function withNotes(rows: RowDef[], notes: Readonly<Record<string, string>>): RowDef[] {
  return rows.map((r) => {
    const extra = notes[rowKey(r)]
    return extra === undefined ? r : { ...r, note: r.note === undefined ? extra : `${r.note} (${extra})` }
  })
}
