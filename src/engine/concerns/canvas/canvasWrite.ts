/**
 * One local write of a canvas op (add, update, delete, and the reference's undo and redo): the
 * size limit is checked first, the undo history is ready to capture it, and the first write of a
 * document also writes the metadata defaults.
 */
import type { ManagedDoc } from '../../docs/documentManager.ts'
import type { FieldWrite, WriteCtx } from '../../ports/records.ts'
import { REGISTRY } from '../../reference/registry.ts'
import { stateVectorOf } from '../../sync/stateVectors.ts'
import { clientKey } from '../../base/yjsInternals.ts'
import { CANVAS_METADATA, DEFAULT_METADATA } from './model.ts'
import { ENTRY_OVERHEAD_BYTES, ensureRoom, entriesBytes } from './sizeLimit.ts'
import { writeRecords as opWriteRecords, type WriteRecord } from '../../ports/effects.ts'
import type { CanvasEntity } from './history.ts'

/** Metadata keys the document does not hold yet, with their defaults. */
function missingDefaults(md: ManagedDoc): Record<string, string | number> {
  const meta = md.doc.getMap<unknown>(CANVAS_METADATA)
  return Object.fromEntries(Object.entries(DEFAULT_METADATA).filter(([k]) => !meta.has(k)))
}

/**
 * What a first write adds besides the op's own entries: the metadata defaults, and a client
 * registration (reference: member and core state vector). The spec profile registers no client,
 * so it is always counted there: a margin of a few bytes per member.
 */
function firstWriteBytes(e: CanvasEntity, md: ManagedDoc): number {
  let n = entriesBytes(missingDefaults(md))
  if (!md.doc.getMap<unknown>(REGISTRY).has(clientKey(md.doc.clientID))) {
    n += e.member.length + ENTRY_OVERHEAD_BYTES + 16 * stateVectorOf(e.doc('core').doc).size
  }
  return n
}

/** Runs one local canvas write of an estimated `writeBytes`; SIZE_LIMIT (changing nothing) if it does not fit. */
export function writeCanvas<T>(e: CanvasEntity, writeBytes: number, fn: (ctx: WriteCtx) => T): T {
  const md = e.doc('canvas')
  ensureRoom(md, e.canvasLimitBytes, writeBytes + firstWriteBytes(e, md))
  e.profile.canvasHistory.beforeOp(e)
  const defaults = missingDefaults(md)
  return e.write('canvas', (ctx) => {
    const meta = ctx.md.doc.getMap<unknown>(CANVAS_METADATA)
    for (const [k, v] of Object.entries(defaults)) meta.set(k, v)
    return fn(ctx)
  })
}

/** An op's field writes on one element, as the oracle records them. */
export const writeRecords = (e: CanvasEntity, item: string, writes: readonly FieldWrite[]): WriteRecord[] =>
  opWriteRecords(e.doc('canvas').id, item, writes)
