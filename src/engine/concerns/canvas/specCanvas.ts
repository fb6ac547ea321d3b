/**
 * Canvas layout of the spec profile, as its schema draws it: each element a nested Y.Map with the
 * ElementData keys, `updated_at` in wall-clock seconds, and `data` a nested Y.Map of its own
 * (two concurrent writes of one key are resolved by Yjs, by clientID).
 */
import * as Y from 'yjs'
import {
  DELETED,
  type FieldWrite,
  type Fields,
  type Json,
  type ReadCtx,
  type RecordStrategy,
  type RecordView,
  type WriteCtx,
} from '../../ports/records.ts'
import { specSeconds } from '../../spec/records.ts'
import {
  byStacking,
  DATA,
  elementOf,
  elementsOf,
  splitPatch,
  type CanvasLayout,
  type DataValue,
  type ElementView,
} from './model.ts'

const DATA_MAP = 'data'

/** The element's `data` map, created if a replica somehow lacks it (inside the write's transaction). */
function dataMap(coll: Y.Map<unknown>, id: string): Y.Map<unknown> {
  const item = coll.get(id) as Y.Map<unknown>
  const data = item.get(DATA_MAP)
  if (data instanceof Y.Map) return data
  const fresh = new Y.Map<unknown>()
  item.set(DATA_MAP, fresh)
  return fresh
}

const dataOf = (v: RecordView): Record<string, DataValue> => {
  const d = v.fields[DATA_MAP]
  return d !== null && typeof d === 'object' && !Array.isArray(d) ? (d as Record<string, DataValue>) : {}
}

/** The spec profile's CanvasLayout. */
export class SpecCanvas implements CanvasLayout {
  constructor(private readonly records: RecordStrategy) {}

  add(ctx: WriteCtx, id: string, fields: Fields): FieldWrite[] {
    const coll = elementsOf(ctx.md.doc)
    const writes = this.records.create(ctx, coll, id, fields)
    ;(coll.get(id) as Y.Map<unknown>).set(DATA_MAP, new Y.Map())
    return writes
  }

  update(ctx: WriteCtx, id: string, patch: Fields): FieldWrite[] {
    const coll = elementsOf(ctx.md.doc)
    const { geometry, data } = splitPatch(patch)
    // Called even for a data-only patch: it stamps `updated_at`, as every spec edit does.
    const writes = this.records.update(ctx, coll, id, geometry)
    const map = dataMap(coll, id)
    const stamp = specSeconds(ctx.now)
    for (const [k, v] of Object.entries(data)) {
      if (v === null) map.delete(k)
      else map.set(k, v)
      writes.push({ field: `${DATA}${k}`, value: v, stamp, replica: ctx.member })
    }
    return writes
  }

  remove(ctx: WriteCtx, id: string): void {
    this.records.remove(ctx, elementsOf(ctx.md.doc), id, DELETED)
  }

  revive(ctx: WriteCtx, id: string): FieldWrite[] {
    return this.records.revive(ctx, elementsOf(ctx.md.doc), id, DELETED)
  }

  record(rctx: ReadCtx, id: string): RecordView | undefined {
    const v = this.records.read(rctx, elementsOf(rctx.md.doc), id, DELETED)
    if (!v) return undefined
    const fields: Fields = { ...v.fields }
    const stamps: Record<string, number> = { ...v.stamps }
    delete fields[DATA_MAP]
    delete stamps[DATA_MAP]
    for (const [k, value] of Object.entries(dataOf(v))) {
      fields[`${DATA}${k}`] = value as Json
      stamps[`${DATA}${k}`] = v.stamps[DATA_MAP] ?? 0
    }
    return { ...v, fields, stamps }
  }

  elements(rctx: ReadCtx): ElementView[] {
    const coll = elementsOf(rctx.md.doc)
    const out: ElementView[] = []
    for (const id of this.records.keys(coll)) {
      const v = this.records.read(rctx, coll, id, DELETED)
      if (v) out.push(elementOf(v, dataOf(v)))
    }
    return out.sort(byStacking)
  }
}
