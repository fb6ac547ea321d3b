/**
 * The spec's canvas schema: each element a map of ElementData keys with a nested `data` map; the
 * reader flattens `data` to `data.k` fields, stamped with the element's `updated_at`.
 */
import * as Y from 'yjs'
import type { ElementRead, ItemRecord, Json } from '../views.ts'
import { specRecord } from './records.ts'

function flat(r: ItemRecord): ItemRecord {
  const fields: Record<string, Json> = { ...r.fields }
  const stamps: Record<string, number> = { ...r.stamps }
  const writers: Record<string, string> = { ...r.writers }
  const data = fields.data
  delete fields.data
  delete stamps.data
  delete writers.data
  if (data && typeof data === 'object' && !Array.isArray(data))
    for (const [k, v] of Object.entries(data)) {
      fields[`data.${k}`] = v
      stamps[`data.${k}`] = r.stamps.data ?? 0
      writers[`data.${k}`] = ''
    }
  return { ...r, fields, stamps, writers }
}

export function specElementRecord(doc: Y.Doc, id: string): ItemRecord | undefined {
  const m = doc.getMap<unknown>('elements').get(id)
  return m instanceof Y.Map ? flat(specRecord(m, id, 'deleted')) : undefined
}

/** Every element held (tombstones included), by id. */
export function specElements(doc: Y.Doc): ElementRead[] {
  const els = doc.getMap<unknown>('elements')
  return [...els.keys()].sort().flatMap((id) => {
    const r = specElementRecord(doc, id)
    return r ? [{ id, deleted: r.deleted, record: r }] : []
  })
}
