/**
 * Undo of the spec profile, the well-kept way on Yjs: a Y.UndoManager on the `elements` map that
 * tracks ORIGIN_LOCAL transactions only, so remote updates, engine bookkeeping (acks, prunes) and
 * loads are never undone. Yjs restores the old map entries as they were, `updated_at` included,
 * and refuses to restore a key another client wrote since; an element pruned meanwhile cannot come
 * back (its map was deleted by an untracked transaction), so such stack items change nothing and
 * Yjs moves on to the next one.
 *
 * The manager lives in the document's `ext` and is bound to its Y.Doc: when the document is
 * rebuilt after a rejected update, `ext` is cleared and a fresh manager starts with an empty
 * history on the next canvas op (the old one is destroyed with its doc).
 */
import * as Y from 'yjs'
import type { ManagedDoc } from '../../docs/documentManager.ts'
import { ORIGIN_LOCAL } from '../../docs/origins.ts'
import type { DocId } from '../../base/ids.ts'
import { DELETED } from '../../ports/records.ts'
import { itemsIn } from '../../base/yjsInternals.ts'
import type { CanvasHistory, CanvasEntity } from './history.ts'
import { DATA, elementsOf } from './model.ts'
import { contentBytes, ensureRoom, ENTRY_OVERHEAD_BYTES } from './sizeLimit.ts'
import { writeRecords, type OpResult, type WriteRecord } from '../../ports/effects.ts'

const KEY = 'canvas.undoManager'
/** Marks an element whose map itself was re-created: every field counts as written. */
const ALL = '*'

type StackItem = Y.UndoManager['undoStack'][number]

/** The document's undo manager, created on first use (and again after a rebuild). */
function undoManagerOf(md: ManagedDoc): Y.UndoManager {
  const held = md.ext.get(KEY)
  if (held instanceof Y.UndoManager && held.doc === md.doc) return held
  // captureTimeout 0: Yjs would merge ops that follow within 500 ms of Date.now() into one stack
  // item; one op per stack item keeps a run independent of the wall clock.
  const um = new Y.UndoManager(elementsOf(md.doc), { trackedOrigins: new Set([ORIGIN_LOCAL]), captureTimeout: 0 })
  md.ext.set(KEY, um)
  return um
}

/**
 * Estimated bytes an undo or redo re-creates: the content of the items the stack item deleted.
 * Yjs skips stack items that change nothing and applies the next one, so this is the most any
 * item of the stack re-creates.
 */
function stackBytes(md: ManagedDoc, stack: readonly StackItem[]): number {
  const scope = elementsOf(md.doc)
  let most = 0
  for (const s of stack) {
    let n = 0
    itemsIn(md.doc, s.deletions, (item) => {
      if (Y.isParentOf(scope, item)) n += contentBytes(item) + (item.parentSub?.length ?? 0) + ENTRY_OVERHEAD_BYTES
    })
    most = Math.max(most, n)
  }
  return most
}

const fieldsOf = (out: Map<string, Set<string>>, id: string): Set<string> => {
  let s = out.get(id)
  if (!s) out.set(id, (s = new Set()))
  return s
}

/** Element fields a transaction changed: keys of an element's map, and `data.k` of its data map. */
function collectChanged(tr: Y.Transaction, elements: Y.Map<unknown>, out: Map<string, Set<string>>): void {
  for (const [type, keys] of tr.changed) {
    const named = [...keys].filter((k): k is string => k !== null)
    if ((type as unknown) === elements) {
      for (const id of named) fieldsOf(out, id).add(ALL)
      continue
    }
    const item = type._item
    if (!item) continue
    if ((item.parent as unknown) === elements && item.parentSub !== null) {
      for (const k of named) fieldsOf(out, item.parentSub).add(k)
      continue
    }
    const element = (item.parent as Y.AbstractType<unknown>)._item
    if (
      element &&
      (element.parent as unknown) === elements &&
      element.parentSub !== null &&
      item.parentSub === 'data'
    ) {
      for (const k of named) fieldsOf(out, element.parentSub).add(`${DATA}${k}`)
    }
  }
}

/**
 * The writes an undo made, as the elements show them after it (removed elements have none), and the tombstones it made.
 */
function resultOf(e: CanvasEntity, changed: Map<string, Set<string>>): OpResult {
  const rctx = e.read('canvas')
  const writes: WriteRecord[] = []
  const deleted: [DocId, string][] = []
  for (const [id, fields] of changed) {
    const v = e.profile.canvas.record(rctx, id)
    if (!v) continue
    const names = fields.has(ALL)
      ? Object.keys(v.fields)
      : [...fields].filter((f) => f in v.fields || f.startsWith(DATA))
    const restored = names.map((field) => ({
      field,
      value: v.fields[field] ?? null,
      stamp: v.stamps[field] ?? 0,
      replica: e.member,
    }))
    writes.push(...writeRecords(rctx.md.id, id, restored))
    if (v.deleted && names.includes(DELETED.flag)) deleted.push([rctx.md.id, id])
  }
  return deleted.length > 0 ? { writes, deleted } : { writes }
}

function step(e: CanvasEntity, dir: 'undo' | 'redo'): OpResult {
  const md = e.doc('canvas')
  const um = undoManagerOf(md)
  const stack = dir === 'undo' ? um.undoStack : um.redoStack
  if (stack.length === 0) return {}
  ensureRoom(md, e.canvasLimitBytes, stackBytes(md, stack))
  const changed = new Map<string, Set<string>>()
  const listen = (tr: Y.Transaction): void => {
    if (tr.origin === um) collectChanged(tr, elementsOf(md.doc), changed)
  }
  md.doc.on('afterTransaction', listen)
  try {
    // Not inside e.write: nested in our transaction, Yjs would record the undo as a new op.
    e.writeOwn(md, () => (dir === 'undo' ? um.undo() : um.redo()))
  } finally {
    md.doc.off('afterTransaction', listen)
  }
  return resultOf(e, changed)
}

/** The spec profile's CanvasHistory: Y.UndoManager per canvas document. */
export class UndoManagerHistory implements CanvasHistory {
  beforeOp(e: CanvasEntity): void {
    undoManagerOf(e.doc('canvas'))
  }

  record(): void {}

  undo(e: CanvasEntity): OpResult {
    return step(e, 'undo')
  }

  redo(e: CanvasEntity): OpResult {
    return step(e, 'redo')
  }
}
