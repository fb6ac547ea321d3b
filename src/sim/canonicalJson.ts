/**
 * Canonical JSON: object keys sorted (by UTF-16 code units), no whitespace, numbers as
 * `JSON.stringify` writes them. Two equal values always give the same text, so hashes over it
 * are stable across runs, machines and key insertion orders.
 */
import { LabError } from '../engine/base/errors.ts'

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject
export interface JsonObject {
  readonly [key: string]: JsonValue
}

/**
 * Serializes a plain JSON value canonically. Object properties whose value is undefined are
 * left out (as JSON.stringify does); anything else that is not JSON (non-finite numbers,
 * bigints, functions, class instances such as Uint8Array) raises INTERNAL, because it would not
 * survive a trace round trip.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return PLAIN.test(value) ? `"${value}"` : JSON.stringify(value)
    case 'number':
      if (!Number.isFinite(value)) throw notJson(`the number ${value}`)
      return `${value}` // what JSON.stringify writes for a finite number, -0 included
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object':
      if (value === null) return 'null'
      return Array.isArray(value) ? canonicalArray(value) : canonicalObject(value)
    default:
      throw notJson(`a ${typeof value}`)
  }
}

/** Strings JSON writes verbatim between quotes: the journal's hot path skips JSON.stringify. */
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/

function canonicalArray(value: readonly unknown[]): string {
  let out = '['
  for (let i = 0; i < value.length; i++) {
    if (i > 0) out += ','
    out += value[i] === undefined ? 'null' : canonicalJson(value[i])
  }
  return `${out}]`
}

function canonicalObject(value: object): string {
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null)
    throw notJson(`an instance of ${proto?.constructor?.name ?? 'a class'}`)
  const record = value as Record<string, unknown>
  const keys = sortedKeys(record)
  let out = '{'
  for (const key of keys) {
    const v = record[key]
    if (v === undefined) continue
    if (out.length > 1) out += ','
    out += `${quotedKey(key)}:${canonicalJson(v)}`
  }
  return `${out}}`
}

/** Quoted keys, cached: records reuse a handful of keys, so the hot path skips the escape check. */
const QUOTED = new Map<string, string>()

function quotedKey(key: string): string {
  let q = QUOTED.get(key)
  if (q === undefined) {
    q = canonicalJson(key)
    if (QUOTED.size < 4096) QUOTED.set(key, q)
  }
  return q
}

/** Keys in code-unit order; insertion sort, as journal records have a handful of keys. */
function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record)
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i]!
    let j = i - 1
    while (j >= 0 && keys[j]! > k) {
      keys[j + 1] = keys[j]!
      j--
    }
    keys[j + 1] = k
  }
  return keys
}

const notJson = (what: string): LabError => new LabError('INTERNAL', `canonical JSON cannot hold ${what}`)
