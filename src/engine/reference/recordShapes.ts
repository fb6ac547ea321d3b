/**
 * The shapes of the reference profile's records, as guards every read applies to remote data. A
 * record that fails its guard is ignored (and noted in the document's ledger of ignored records):
 * reads are a function of the document's state alone, so every replica ignores the same records
 * and replicas still converge. Stamps are finite non-negative safe integers; wall-clock times are
 * finite numbers; values are JSON (base/jsonValue.ts: finite numbers, no `undefined`, no bytes,
 * no `__proto__` key), nested at most 64 levels.
 */
import { isJson, isPlainObject } from '../base/jsonValue.ts'
import type { Creation, DeletionRecord, RevivalRecord, Slot } from './recordLayout.ts'

/** A Lamport stamp: a non-negative safe integer (Infinity or 2^60 would freeze a field and the clock). */
export const isStamp = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0

const isWall = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)

const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0

const isCovers = (x: unknown): x is Record<string, number> => isPlainObject(x) && Object.values(x).every(isCount)

export function asCreation(raw: unknown): Creation | undefined {
  if (!isPlainObject(raw) || !isStamp(raw.s) || !isWall(raw.t) || !isPlainObject(raw.f)) return undefined
  return isJson(raw.f) ? (raw as unknown as Creation) : undefined
}

export function asSlot(raw: unknown): Slot | undefined {
  return Array.isArray(raw) && raw.length >= 3 && isStamp(raw[0]) && isJson(raw[1]) && isWall(raw[2])
    ? (raw as unknown as Slot)
    : undefined
}

export function asDeletion(raw: unknown): DeletionRecord | undefined {
  return Array.isArray(raw) &&
    isStamp(raw[0]) &&
    isCount(raw[1]) &&
    raw[1] > 0 &&
    isWall(raw[2]) &&
    typeof raw[3] === 'string'
    ? (raw as unknown as DeletionRecord)
    : undefined
}

/** A watermark (watermarks.ts): client key -> a clock, each a non-negative safe integer. */
export const isWatermark = (x: unknown): x is Record<string, number> =>
  isPlainObject(x) && Object.getPrototypeOf(x) === Object.prototype && Object.values(x).every(isCount)

export function asRevival(raw: unknown): RevivalRecord | undefined {
  return Array.isArray(raw) && isStamp(raw[0]) && isCovers(raw[1]) && isWall(raw[2]) && typeof raw[3] === 'string'
    ? (raw as unknown as RevivalRecord)
    : undefined
}
