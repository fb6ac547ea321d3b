/**
 * The canvas document's model (the spec's ElementData and canvas `metadata`) and the layout
 * interface each profile implements.
 *
 * Fields travel flat: the geometry fields by their spec names and each key `k` of the
 * type-specific `data` map as `data.k`. A patch sets data keys one by one (concurrent edits of
 * different keys both survive, as in the spec's nested `data` map); `null` removes a key.
 */
import type * as Y from 'yjs'
import type { FieldWrite, Fields, Json, ReadCtx, RecordView, WriteCtx } from '../../ports/records.ts'
import { ELEMENT_TYPES, type ElementType } from '../../base/enums.ts'
import { finiteOr } from '../../base/jsonValue.ts'

/** Root names of the canvas document (concerns/schema.ts instantiates them). */
export const ELEMENTS = 'elements'
export const CANVAS_METADATA = 'metadata'

/** Fields `canvas.update` may write besides `data`. */
export const GEOMETRY = ['x', 'y', 'width', 'height', 'rotation', 'z_index'] as const
export type GeometryField = (typeof GEOMETRY)[number]

/** Prefix of a `data` key in a flat patch: `data.text`, `data.fill`. */
export const DATA = 'data.'

/** A value of an element's type-specific `data` map. */
export type DataValue = string | number | boolean

/** The spec's ElementData as a replica shows it. */
export interface ElementView {
  readonly id: string
  readonly element_type: ElementType
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
  readonly rotation: number
  readonly z_index: number
  readonly data: Readonly<Record<string, DataValue>>
  readonly created_at: number
  readonly updated_at: number
  readonly deleted: boolean
  readonly deleted_at: number
}

/** The spec's canvas `metadata` map. */
export interface CanvasMetadata {
  readonly width: number
  readonly height: number
  readonly background_color: string
}

/**
 * The metadata a canvas document holds: each of the spec's keys that is present with a value of
 * its type (finite numbers, a string). Anything else a member wrote there is ignored, the same way
 * on every replica.
 */
export function metadataOf(doc: Y.Doc): Partial<CanvasMetadata> {
  const meta = doc.getMap<unknown>(CANVAS_METADATA)
  const num = (k: 'width' | 'height') => {
    const v = meta.get(k)
    return typeof v === 'number' && Number.isFinite(v) ? { [k]: v } : {}
  }
  const color = meta.get('background_color')
  return { ...num('width'), ...num('height'), ...(typeof color === 'string' ? { background_color: color } : {}) }
}

/** Written with the first local write of a canvas document, key by key where absent. */
export const DEFAULT_METADATA: CanvasMetadata = { width: 1920, height: 1080, background_color: '#ffffff' }

/** Where and how a profile keeps canvas elements. Patches are flat (see the file comment). */
export interface CanvasLayout {
  /** Writes a new element with its initial fields (no data keys yet). */
  add(ctx: WriteCtx, id: string, fields: Fields): FieldWrite[]
  /** Writes a flat patch of geometry fields and `data.k` keys on a live element. */
  update(ctx: WriteCtx, id: string, patch: Fields): FieldWrite[]
  /** Makes the element a tombstone. */
  remove(ctx: WriteCtx, id: string): void
  /** Lifts this member's deletions of the element (undo of a delete). */
  revive(ctx: WriteCtx, id: string): FieldWrite[]
  /** The element's record with flat fields (`data.k`), tombstones included; undefined when absent or pruned. */
  record(rctx: ReadCtx, id: string): RecordView | undefined
  /** Every element this replica stores, tombstones included, in (z_index, id) order. */
  elements(rctx: ReadCtx): ElementView[]
}

/** The document's `elements` map. */
export const elementsOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(ELEMENTS)

/** Stacking order, then id: the same on every replica. */
export const byStacking = (a: ElementView, b: ElementView): number =>
  a.z_index - b.z_index || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

const numberOr = finiteOr

/** Turns a record view into an ElementView; `data` comes from the layout. */
export function elementOf(v: RecordView, data: Record<string, DataValue>): ElementView {
  const f = v.fields
  const created = numberOr(f.created_at, 0)
  return {
    id: v.id,
    element_type: (ELEMENT_TYPES as readonly string[]).includes(String(f.element_type))
      ? (f.element_type as ElementType)
      : 'shape',
    x: numberOr(f.x, 0),
    y: numberOr(f.y, 0),
    width: numberOr(f.width, 0),
    height: numberOr(f.height, 0),
    rotation: numberOr(f.rotation, 0),
    z_index: numberOr(f.z_index, 0),
    data,
    created_at: created,
    updated_at: numberOr(f.updated_at, created),
    deleted: v.deleted,
    deleted_at: numberOr(f.deleted_at, 0),
  }
}

/** Splits a flat patch into geometry fields and data keys (`data.k` -> `k`). */
export function splitPatch(patch: Fields): { geometry: Fields; data: Record<string, DataValue | null> } {
  const geometry: Fields = {}
  const data: Record<string, DataValue | null> = {}
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith(DATA)) data[k.slice(DATA.length)] = v as DataValue | null
    else geometry[k] = v
  }
  return { geometry, data }
}

/** The data keys of flat fields (`data.k`), without removed (null) ones. */
export function dataOfFlat(fields: Fields): Record<string, DataValue> {
  const out: Record<string, DataValue> = {}
  for (const [k, v] of Object.entries(fields)) {
    if (k.startsWith(DATA) && v !== null && typeof v !== 'object') out[k.slice(DATA.length)] = v
  }
  return out
}
