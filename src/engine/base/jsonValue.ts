/**
 * What counts as JSON in what a replica reads from remote data: Yjs decodes any value a peer
 * wrote (bytes, `undefined`, Infinity, shared types), and reads keep only JSON.
 */
import * as Y from 'yjs'

/** Deepest JSON a value may hold (the scenario format allows 64 levels of nesting in all). */
export const MAX_JSON_DEPTH = 64

/** A plain object as Yjs decodes one from an update (not an array, a shared type, a document or bytes). */
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

/**
 * JSON as the engine's fields hold it: finite numbers, strings, booleans, null, arrays and plain
 * objects (no `__proto__` key: assigned to an object it would replace its prototype), at most
 * MAX_JSON_DEPTH levels deep.
 */
export function isJson(x: unknown, depth = 0): boolean {
  if (x === null || typeof x === 'string' || typeof x === 'boolean') return true
  if (typeof x === 'number') return Number.isFinite(x)
  if (depth >= MAX_JSON_DEPTH) return false
  if (Array.isArray(x)) return x.every((v) => isJson(v, depth + 1))
  return (
    isPlainObject(x) &&
    Object.getPrototypeOf(x) === Object.prototype &&
    Object.entries(x).every(([k, v]) => k !== '__proto__' && isJson(v, depth + 1))
  )
}

/** `v` when it is a finite number, else `fallback`: a time or a position read from remote data. */
export const finiteOr = (v: unknown, fallback: number): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback
