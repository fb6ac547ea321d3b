/**
 * Canvas ops (element add/update/delete, undo/redo, cursor) and queries. Every op validates its
 * arguments and checks the size limit before it writes; undo and redo follow the profile's
 * history (concerns/canvas/history.ts); a cursor move writes nothing to the document and goes out
 * as a throttled CursorUpdate (concerns/canvas/session.ts).
 */
import { LabError } from '../base/errors.ts'
import { DELETED, type Fields, type RecordView } from '../ports/records.ts'
import { num, obj, oneOf, str, type Args } from '../concerns/args.ts'
import { writeCanvas, writeRecords } from '../concerns/canvas/canvasWrite.ts'
import { metadataOf, type ElementView } from '../concerns/canvas/model.ts'
import { geometryValue, patchOf } from '../concerns/canvas/patch.ts'
import { entriesBytes } from '../concerns/canvas/sizeLimit.ts'
import type { OpDef, OpEntity } from './types.ts'
import { defineOp, defineQuery } from './define.ts'
import { Coordinate, ElementFields, ElementType, Extent, Ref } from './argSchemas.ts'
import { ELEMENT_TYPES } from '../base/enums.ts'
import type { OpResult } from '../ports/effects.ts'

const LIVE = 'canvas.live'

/** Live elements in stacking order (cached per document version: adds read the top z_index). */
export function liveElements(e: OpEntity): ElementView[] {
  const rctx = e.read('canvas')
  // Whose writes count (fencing) follows the core document, so its version keys the cache too.
  const key = `${rctx.md.version}/${e.doc('core').version}`
  const hit = rctx.md.ext.get(LIVE) as { key: string; value: ElementView[] } | undefined
  if (hit?.key === key) return hit.value
  const value = e.profile.canvas.elements(rctx).filter((el) => !el.deleted)
  rctx.md.ext.set(LIVE, { key, value })
  return value
}

/** The record of a live element this replica shows. */
function liveRecord(e: OpEntity, id: string, op: string): RecordView {
  const v = e.profile.canvas.record(e.read('canvas'), id)
  if (!v || v.deleted)
    throw new LabError('NOT_FOUND', `${op}: no live element ${JSON.stringify(id)} in ${e.entityId}`, {
      path: 'args.element',
    })
  return v
}

function add(e: OpEntity, args: Args): OpResult {
  const op = 'canvas.add'
  e.requireMember()
  const element_type = oneOf(args, 'elementType', op, ELEMENT_TYPES)
  const [x, y, width, height] = (['x', 'y', 'width', 'height'] as const).map((k) =>
    geometryValue(op, k, k, args[k]),
  ) as [number, number, number, number]
  const live = liveElements(e)
  // New elements go on top of what this replica shows.
  const z_index = live.length > 0 ? live[live.length - 1]!.z_index + 1 : 0
  const id = e.ids.next('el')
  const fields: Fields = {
    id,
    element_type,
    x,
    y,
    width,
    height,
    rotation: 0,
    z_index,
    created_at: e.profile.time(e.now()),
  }
  const writes = writeCanvas(e, entriesBytes({ ...fields, updated_at: 0, data: {} }), (ctx) =>
    e.profile.canvas.add(ctx, id, fields),
  )
  e.profile.canvasHistory.record(e, { kind: 'life', element: id, live: true })
  return { createdId: id, writes: writeRecords(e, id, writes) }
}

function update(e: OpEntity, args: Args): OpResult {
  const op = 'canvas.update'
  e.requireMember()
  const id = str(args, 'element', op)
  const patch = patchOf(op, obj(args, 'fields', op))
  const before = liveRecord(e, id, op)
  const from: Fields = Object.fromEntries(Object.keys(patch).map((f) => [f, before.fields[f] ?? null]))
  const writes = writeCanvas(e, entriesBytes({ ...patch, updated_at: 0 }), (ctx) =>
    e.profile.canvas.update(ctx, id, patch),
  )
  const stamps = Object.fromEntries(writes.map((w) => [w.field, w.stamp]))
  const ours = Object.keys(patch).filter((f) => before.writers?.[f] === e.member && before.stamps[f] !== undefined)
  const prior = Object.fromEntries(ours.map((f) => [f, before.stamps[f]!]))
  e.profile.canvasHistory.record(e, { kind: 'fields', element: id, from, to: patch, stamps, prior })
  return { writes: writeRecords(e, id, writes) }
}

function remove(e: OpEntity, args: Args): OpResult {
  const op = 'canvas.delete'
  e.requireMember()
  const id = str(args, 'element', op)
  liveRecord(e, id, op)
  const bytes = entriesBytes({ [DELETED.flag]: true, [DELETED.at]: e.now(), ack_vector: {} })
  writeCanvas(e, bytes, (ctx) => e.profile.canvas.remove(ctx, id))
  e.profile.canvasHistory.record(e, { kind: 'life', element: id, live: false })
  return { deleted: [[e.doc('canvas').id, id]] }
}

function history(dir: 'undo' | 'redo'): OpDef['run'] {
  return (e) => {
    e.requireMember()
    return dir === 'undo' ? e.profile.canvasHistory.undo(e) : e.profile.canvasHistory.redo(e)
  }
}

function cursor(e: OpEntity, args: Args): OpResult {
  e.requireMember()
  const x = num(args, 'x', 'canvas.cursor')
  const y = num(args, 'y', 'canvas.cursor')
  e.canvas().moveCursor(x, y, e.now())
  return {}
}

const element = { element: 'element' } as const

/** The canvas ops of the registry (DESIGN.md section 4). */
export const canvasOps = [
  defineOp({
    name: 'canvas.add',
    concern: 'canvas',
    args: { elementType: ElementType, x: Coordinate, y: Coordinate, width: Extent, height: Extent },
    creates: 'element',
    label: 'elementType',
    summary: 'add an element (text, image, chart or shape) on top',
    run: add,
  }),
  defineOp({
    name: 'canvas.update',
    concern: 'canvas',
    args: { element: Ref, fields: ElementFields },
    refs: element,
    summary: "write an element's x, y, width, height, rotation, z_index or data keys (LWW per field)",
    run: update,
  }),
  defineOp({
    name: 'canvas.delete',
    concern: 'canvas',
    args: { element: Ref },
    refs: element,
    summary: 'delete an element (a tombstone until pruned)',
    run: remove,
  }),
  defineOp({
    name: 'canvas.undo',
    concern: 'canvas',
    args: {},
    summary: "undo this member's newest canvas operation that still has an effect",
    run: history('undo'),
  }),
  defineOp({
    name: 'canvas.redo',
    concern: 'canvas',
    args: {},
    summary: 'redo the newest undone canvas operation',
    run: history('redo'),
  }),
  defineOp({
    name: 'canvas.cursor',
    concern: 'canvas',
    args: { x: Coordinate, y: Coordinate },
    summary: 'move the cursor (broadcast at most 10 times a second, never stored)',
    run: cursor,
  }),
]

/**
 * `canvas.elements` (DESIGN.md) and richer reads: live elements, metadata, remote cursors. The
 * richer ones hold generated ids, times and what this replica heard, which a scenario cannot
 * write down in advance, so `expect.final` does not take them (`final: false`).
 */
export const canvasQueries = [
  defineQuery({
    name: 'canvas.elements',
    concern: 'canvas',
    args: {},
    answer: 'value',
    summary: 'number of live elements',
    run: (e) => liveElements(e).length,
  }),
  defineQuery({
    name: 'canvas.list',
    concern: 'canvas',
    args: {},
    answer: 'list',
    final: false,
    summary: 'live elements (ElementData) in stacking order',
    run: (e) => [...liveElements(e)],
  }),
  defineQuery({
    name: 'canvas.metadata',
    concern: 'canvas',
    args: {},
    answer: 'object',
    final: false,
    summary: "the canvas document's metadata (width, height, background_color)",
    run: (e) => metadataOf(e.doc('canvas').doc),
  }),
  defineQuery({
    name: 'canvas.cursors',
    concern: 'canvas',
    args: {},
    answer: 'object',
    final: false,
    summary: 'remote cursors this replica heard of, by member',
    run: (e) => e.canvas().cursors(),
  }),
]
