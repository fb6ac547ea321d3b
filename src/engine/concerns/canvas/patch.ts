/**
 * Validation of canvas op arguments, all of it before anything is written: an element's geometry
 * is finite numbers (width and height not negative, z_index an integer), and `data` a map of
 * scalar values (`null` removes a key).
 */
import { bad, describe } from '../args.ts'
import type { Fields } from '../../ports/records.ts'
import { DATA, GEOMETRY, type GeometryField } from './model.ts'

const MAX_DATA_KEYS = 64
const MAX_KEY_LENGTH = 64
const MAX_STRING = 65536

/** Checks one geometry value; `name` is its argument path for the error. */
export function geometryValue(op: string, name: string, field: GeometryField, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(op, name, `must be a finite number, got ${describe(v)}`)
  if ((field === 'width' || field === 'height') && v < 0) throw bad(op, name, `must not be negative, got ${v}`)
  if (field === 'z_index' && !Number.isSafeInteger(v)) throw bad(op, name, `must be an integer, got ${v}`)
  return v
}

function dataValue(op: string, name: string, v: unknown): string | number | boolean | null {
  if (v === null || typeof v === 'boolean') return v
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (typeof v === 'string' && v.length <= MAX_STRING) return v
  throw bad(
    op,
    name,
    `must be a string (at most ${MAX_STRING} characters), a finite number, a boolean or null (removes the key), ` +
      `got ${describe(v)}`,
  )
}

function dataPatch(op: string, raw: unknown, into: Fields): void {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw bad(op, 'fields.data', `must be an object, got ${describe(raw)}`)
  const entries = Object.entries(raw as Record<string, unknown>)
  if (entries.length > MAX_DATA_KEYS)
    throw bad(op, 'fields.data', `has ${entries.length} keys; at most ${MAX_DATA_KEYS} per update`)
  for (const [k, v] of entries) {
    if (k.length === 0 || k.length > MAX_KEY_LENGTH)
      throw bad(op, 'fields.data', `key ${describe(k)} must be 1 to ${MAX_KEY_LENGTH} characters`)
    into[`${DATA}${k}`] = dataValue(op, `fields.data.${k}`, v)
  }
}

/** The flat patch (`x`, ..., `data.k`) of `canvas.update`'s `fields`. */
export function patchOf(op: string, raw: Record<string, unknown>): Fields {
  const patch: Fields = {}
  for (const [k, v] of Object.entries(raw)) {
    if ((GEOMETRY as readonly string[]).includes(k)) patch[k] = geometryValue(op, `fields.${k}`, k as GeometryField, v)
    else if (k === 'data') dataPatch(op, v, patch)
    else
      throw bad(
        op,
        `fields.${k}`,
        `is not an element field an update may write; expected ${[...GEOMETRY, 'data'].join(', ')}`,
      )
  }
  if (Object.keys(patch).length === 0) throw bad(op, 'fields', 'must name at least one field')
  return patch
}
