/**
 * Canonical JSON: object keys sorted (by UTF-16 code units), no whitespace, numbers as
 * `JSON.stringify` writes them. Two equal values always give the same text, so hashes over it
 * are stable across runs, machines and key insertion orders.
 */
import { LabError } from '../engine/errors.ts'

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
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      if (!Number.isFinite(value)) throw notJson(`the number ${value}`)
      return JSON.stringify(value)
    case 'object':
      if (value === null) return 'null'
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
      return canonicalObject(value)
    default:
      throw notJson(`a ${typeof value}`)
  }
}

function canonicalObject(value: object): string {
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) throw notJson(`an instance of ${proto?.constructor?.name ?? 'a class'}`)
  const record = value as Record<string, unknown>
  const keys = Object.keys(record).sort()
  let out = '{'
  for (const key of keys) {
    const v = record[key]
    if (v === undefined) continue
    if (out.length > 1) out += ','
    out += `${JSON.stringify(key)}:${canonicalJson(v)}`
  }
  return `${out}}`
}

const notJson = (what: string): LabError => new LabError('INTERNAL', `canonical JSON cannot hold ${what}`)
