/**
 * The measures of an engine profile, keyed by row key (`table/row/metric`) for `plugProfile`:
 * every spec row, and the B3 rows. A concern joins a table through its registry entry
 * (catalog.ts for memory, syncOps.ts for sync, scalability.ts for scalability), not here.
 *
 * Quick mode keeps every row but shrinks the heaviest work, and `quickNotes` says how on the rows.
 */
import type { BenchMetric, BenchTable } from '../../src/report/inputs.ts'
import { b3N, b3ProfileMeasures } from '../b3.ts'
import { rowKey, type Measure } from '../harness.ts'
import { OPS_PER_MEAN } from '../rawYjs/syncOps.ts'
import {
  MEMORY_DOCS,
  SCALABILITY,
  TOMBSTONE_MEMBERS,
  TOMBSTONE_MOMENTS,
  tombstoneRow,
  type TombstoneMoment,
} from '../specClaims.ts'
import { ENGINE_DOCS, type EngineDocKind } from './catalog.ts'
import {
  engineFullSyncBytes,
  engineFullSyncTask,
  FULL_ENTITY,
  QUICK_SAMPLES,
  QUICK_SHRINK,
  quickFullSync,
} from './fullSync.ts'
import { engineB3Factory } from './b3Crdt.ts'
import { engineDocBytes, engineLoadTask, engineMemBytes } from './memory.ts'
import { ENGINE_GROWERS, engineItemsFitting } from './scalability.ts'
import { ENGINE_SYNC_OPS, engineMeanBytes, engineOpTask } from './syncOps.ts'
import { engineMemberTombstoneBytes, engineWorstCaseBytes, engineWorstCaseExtended } from './tombstone.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'

/** How the engine measures run. */
export interface EngineOptions {
  quick: boolean
}

/**
 * Scalability through the engine grows to limit / scale and multiplies the count: growing a 10 MB
 * chat or a 1 MB reference core (O(n²): every member change refolds the membership) takes
 * minutes. Checked once against growth to the full limit (reference / spec): core 7,377 / 5,307
 * and chat 34,457 / 31,620 items. Growth to 1/8 gave core 7,520 / 5,408 (+1.9%) and chat
 * 34,440 / 31,536 (-0.1 / -0.3%); 1/20 to 1/40 stay within 2.5%. The core over-counts a little
 * because later members cost more (longer ids, larger clocks and stamps).
 */
export const SCALE = { full: 8, quick: 40 } as const

/** How quick mode shrinks the heavy engine work (the full run does all of it but `FULL_LATER_ACKERS`). */
export const QUICK = {
  /** Staged sync ops (delete, prune): operations averaged for bytes. */
  stagedOps: 5,
  /** Tombstone rows: ackers measured before extrapolating. */
  ackers: 50,
  /**
   * Worst case: tombstones measured (and half as many; extended to 1000 along their line) and
   * ackers measured (scaled up to 99).
   */
  worstTombstones: 50,
  worstAckers: 10,
} as const

/**
 * Ackers the full run measures a later tombstone with (and half as many, extended along their
 * line; laterTombstone.ts): every acker's replica stays online through both tombstones, and at
 * 1000 members all of them held 3.7 GB of RSS and ran over 14 minutes without finishing.
 */
export const FULL_LATER_ACKERS = 200

const WORST = 'Worst case: 1000 tombstones × 100 members'
const key = (table: BenchTable, row: string, metric: BenchMetric): string => rowKey({ table, row, metric })

function memoryMeasures(profile: ProfileName, o: EngineOptions): Record<string, Measure> {
  const out: Record<string, Measure> = {}
  for (const d of MEMORY_DOCS) {
    if (!(d.kind in ENGINE_DOCS)) continue
    const kind = d.kind as EngineDocKind
    out[key('memory', d.row, 'docBytes')] = () => engineDocBytes(profile, kind, d.count)
    out[key('memory', d.row, 'loadMs')] = engineLoadTask(profile, kind, d.count)
    out[key('memory', d.row, 'memBytes')] = () => engineMemBytes(profile, kind, d.count, o.quick ? 1 : 3)
  }
  return out
}

function syncMeasures(profile: ProfileName, o: EngineOptions): Record<string, Measure> {
  const out: Record<string, Measure> = {}
  for (const [row, spec] of Object.entries(ENGINE_SYNC_OPS)) {
    const ops = o.quick && spec.prep !== undefined ? QUICK.stagedOps : OPS_PER_MEAN
    out[key('sync', row, 'updateBytes')] = () => engineMeanBytes(profile, spec, ops).v1
    out[key('sync', row, 'cpuMs')] = engineOpTask(profile, spec)
  }
  const quickSync = quickFullSync(profile)
  out[key('sync', 'Full entity sync', 'updateBytes')] = o.quick ? quickSync.bytes : () => engineFullSyncBytes(profile)
  out[key('sync', 'Full entity sync', 'cpuMs')] = o.quick ? quickSync.ms : engineFullSyncTask(profile)
  return out
}

function scalabilityMeasures(profile: ProfileName, o: EngineOptions): Record<string, Measure> {
  const out: Record<string, Measure> = {}
  for (const [row, limit, , , kind] of SCALABILITY) {
    if (!(kind in ENGINE_GROWERS)) continue
    out[key('scalability', row, 'items')] = () =>
      engineItemsFitting(profile, kind as keyof typeof ENGINE_GROWERS, limit, o.quick ? SCALE.quick : SCALE.full)
  }
  return out
}

function tombstoneMeasures(profile: ProfileName, o: EngineOptions): Record<string, Measure> {
  const out: Record<string, Measure> = {}
  for (const moment of TOMBSTONE_MOMENTS)
    for (const n of TOMBSTONE_MEMBERS)
      out[key('tombstone', tombstoneRow(n, moment), 'bytesPerTombstone')] = () =>
        engineMemberTombstoneBytes(profile, n, ackersMeasured(o, moment), moment)
  out[key('tombstone', WORST, 'docBytes')] = o.quick
    ? () => engineWorstCaseExtended(profile, 1000, 100, QUICK.worstTombstones, QUICK.worstAckers)
    : () => engineWorstCaseBytes(profile, 1000, 100)
  return out
}

/** Ackers a tombstone row measures before extrapolating (Infinity: every one). */
const ackersMeasured = (o: EngineOptions, moment: TombstoneMoment): number =>
  o.quick ? QUICK.ackers : moment === 'later' ? FULL_LATER_ACKERS : Infinity

/** Every measure of `profile`, ready for `plugProfile`. */
export function engineMeasures(profile: ProfileName, o: EngineOptions): Record<string, Measure> {
  return {
    ...memoryMeasures(profile, o),
    ...syncMeasures(profile, o),
    ...scalabilityMeasures(profile, o),
    ...tombstoneMeasures(profile, o),
    ...b3ProfileMeasures(engineB3Factory(profile), b3N(o.quick)),
  }
}

/** What every reference CPU row of the sync table says of its signatures. */
export const SIGNATURES_BESIDE =
  'reference: signed envelopes without the Ed25519 cryptography, which is timed beside ' +
  'in the engine table\'s "Sign + verify one update" row'

/** What the engine columns measure where it differs from the raw workload, by row key (appended to notes). */
export function engineNotes(o: EngineOptions): Record<string, string> {
  const out: Record<string, string> = {}
  for (const n of TOMBSTONE_MEMBERS) {
    out[key('tombstone', tombstoneRow(n), 'bytesPerTombstone')] =
      `engine: the ${n - 1} remaining members ack; the reference's acks overwrite each member's ` +
      `watermark of the core`
    out[key('tombstone', tombstoneRow(n, 'first'), 'bytesPerTombstone')] =
      `engine: the ${n - 1} remaining members ack; the reference's include each member's client ` +
      `registration and first watermark, written once per document`
    if (!o.quick && n - 2 > FULL_LATER_ACKERS)
      out[key('tombstone', tombstoneRow(n), 'bytesPerTombstone')] +=
        `; measured with ${FULL_LATER_ACKERS / 2} and ${FULL_LATER_ACKERS} of the ${n - 2} ackers, ` +
        `extended to all along their line`
  }
  out[key('sync', 'Full entity sync', 'updateBytes')] =
    "engine: the chat's 1000 messages come from 20 of the 100 members (raw Yjs: from all 100)"
  out[key('sync', 'Full entity sync', 'cpuMs')] = out[key('sync', 'Full entity sync', 'updateBytes')]!
  // The reference's CPU rows: its signed envelopes, the cryptography beside (signaturesBeside.ts).
  for (const row of [...Object.keys(ENGINE_SYNC_OPS), 'Full entity sync']) {
    const k = key('sync', row, 'cpuMs')
    out[k] = [out[k], SIGNATURES_BESIDE].filter((s) => s !== undefined).join('; ')
  }
  const scale = o.quick ? SCALE.quick : SCALE.full
  for (const [row, , , , kind] of SCALABILITY) {
    if (kind in ENGINE_GROWERS)
      out[key('scalability', row, 'items')] =
        `engine${o.quick ? ' --quick' : ''}: grown to 1/${scale} of the limit, count × ${scale}`
  }
  return out
}

/** What quick mode changes for the engine columns, by row key (appended to those rows' notes). */
export function quickNotes(): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [row, spec] of Object.entries(ENGINE_SYNC_OPS)) {
    if (spec.prep !== undefined)
      out[key('sync', row, 'updateBytes')] = `engine --quick: mean of ${QUICK.stagedOps} operations`
  }
  for (const moment of TOMBSTONE_MOMENTS)
    for (const n of TOMBSTONE_MEMBERS) {
      if (n - 2 > QUICK.ackers)
        out[key('tombstone', tombstoneRow(n, moment), 'bytesPerTombstone')] =
          moment === 'first'
            ? `engine --quick: ${QUICK.ackers} of ${n - 2} ackers measured, the rest extrapolated`
            : `engine --quick: measured with ${QUICK.ackers / 2} and ${QUICK.ackers} of the ${n - 2} ackers, ` +
              `extended to all along their line`
    }
  out[key('tombstone', WORST, 'docBytes')] =
    `engine --quick: ${QUICK.worstTombstones / 2} and ${QUICK.worstTombstones} tombstones measured, extended ` +
    `to 1000 along their line; ${QUICK.worstAckers} of 99 ackers measured, scaled up`
  const shrink =
    `engine --quick: the board and issues built at 1/${QUICK_SHRINK} ` +
    `(${FULL_ENTITY.cards / QUICK_SHRINK} cards, ` +
    `${FULL_ENTITY.issues / QUICK_SHRINK} issues)`
  out[key('sync', 'Full entity sync', 'updateBytes')] = `${shrink}, their diffs × ${QUICK_SHRINK}`
  out[key('sync', 'Full entity sync', 'cpuMs')] =
    `${shrink}; the core-and-chat join plus ${QUICK_SHRINK} × what they add to it ` +
    `(medians of ${QUICK_SAMPLES} pairs of joins, each pair timed together)`
  return out
}
