/**
 * The shapes of the reference profile's records, as guards every read applies to remote data. A
 * record that fails its guard is ignored (and noted in the document's ledger of ignored records):
 * reads are a function of the document's state alone, so every replica ignores the same records
 * and replicas still converge. Stamps are finite non-negative safe integers; wall-clock times are
 * finite numbers; values are JSON (finite numbers, no `undefined`, no bytes), nested at most
 * MAX_JSON_DEPTH levels.
 */
import * as Y from 'yjs'
import type { MemberId } from '../base/ids.ts'
import type { Fields, Json } from '../ports/records.ts'

/** `_`: written once, by the creator. */
export interface Creation {
  readonly s: number
  readonly t: number
  readonly f: Fields
}
/** `<field>~<ck>`: one LWW slot per field per writer client. */
export type Slot = readonly [stamp: number, value: Json, wallMs: number]
/** `~d~<ck>`: the writer's deletions of the item, counted. */
export type DeletionRecord = readonly [stamp: number, seq: number, wallMs: number, by: MemberId]
/** `~a~<member>`: the member attests holding these deletions (client key -> count). */
export type AckRecord = readonly [stamp: number, covers: Readonly<Record<string, number>>]
/** `~r~<ck>`: a revival covering these deletions of its member. */
export type RevivalRecord = readonly [
  stamp: number,
  covers: Readonly<Record<string, number>>,
  wallMs: number,
  by: MemberId,
]

/** Deepest JSON a record value may hold (the scenario format allows 64 levels of nesting in all). */
export const MAX_JSON_DEPTH = 64

/** A Lamport stamp: a non-negative safe integer (Infinity or 2^60 would freeze a field and the clock). */
export const isStamp = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0

const isWall = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)

const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0

/** A plain object as Yjs decodes one from an update (not an array, a shared type or bytes). */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return (
    x !== null &&
    typeof x === 'object' &&
    !Array.isArray(x) &&
    !(x instanceof Y.AbstractType) &&
    !(x instanceof Uint8Array) &&
    !(x instanceof Y.Doc)
  )
}

/** JSON as the engine's fields hold it: finite numbers, strings, booleans, null, arrays and objects. */
export function isJson(x: unknown, depth = 0): x is Json {
  if (x === null || typeof x === 'string' || typeof x === 'boolean') return true
  if (typeof x === 'number') return Number.isFinite(x)
  if (depth >= MAX_JSON_DEPTH) return false
  if (Array.isArray(x)) return x.every((v) => isJson(v, depth + 1))
  return isPlainObject(x) && Object.values(x).every((v) => isJson(v, depth + 1))
}

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

export function asAck(raw: unknown): AckRecord | undefined {
  return Array.isArray(raw) && isStamp(raw[0]) && isCovers(raw[1]) ? (raw as unknown as AckRecord) : undefined
}

export function asRevival(raw: unknown): RevivalRecord | undefined {
  return Array.isArray(raw) && isStamp(raw[0]) && isCovers(raw[1]) && isWall(raw[2]) && typeof raw[3] === 'string'
    ? (raw as unknown as RevivalRecord)
    : undefined
}
