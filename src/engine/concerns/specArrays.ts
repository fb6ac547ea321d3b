/**
 * The spec's `Array<Map>` layouts (kanban `columns`, an issue's `comments`): elements are Y.Maps
 * in a Y.Array, found by their `id` field and written key by key, as the schema draws them. Such
 * an element has no key in a collection map, so the record strategies do not apply; conflicts on
 * one key are resolved by Yjs (clientID), as everywhere in the spec profile.
 */
import * as Y from 'yjs'
import type { FieldWrite, Fields, Json, WriteCtx } from '../ports/records.ts'
import { specSeconds } from '../spec/records.ts'

/** The element whose `id` is `id`, if the array holds one. */
export function elementById(arr: Y.Array<unknown>, id: string): Y.Map<unknown> | undefined {
  for (const el of arr) if (el instanceof Y.Map && el.get('id') === id) return el
  return undefined
}

/** Sets each field on the element; the writes carry the spec's wall-clock seconds as their stamp. */
export function setFields(ctx: WriteCtx, el: Y.Map<unknown>, fields: Fields): FieldWrite[] {
  const stamp = specSeconds(ctx.now)
  return Object.entries(fields).map(([field, value]) => {
    el.set(field, value)
    return { field, value, stamp, replica: ctx.member }
  })
}

/** An element's fields as JSON. */
export const fieldsOf = (el: Y.Map<unknown>): Record<string, Json> => el.toJSON() as Record<string, Json>
