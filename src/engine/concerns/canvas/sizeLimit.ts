/**
 * The canvas document's size limit (spec: 5 MB, "Fallback: None"). A local write that would take
 * the document past it is refused with SIZE_LIMIT before anything is written (Yjs cannot roll
 * back), so the estimate is made up front:
 *
 *   current size   encodeStateAsUpdate(doc).byteLength, cached per document version: one encode
 *                  per op at most, none for an op that follows a cached read;
 *   write size     per map entry: UTF-8 key + UTF-8 JSON of the value + ENTRY_OVERHEAD_BYTES, plus
 *                  WRITE_OVERHEAD_BYTES per transaction.
 *
 * Margin: the overheads are chosen so the estimate is an upper bound of what a write adds to the
 * encoded document (item header, origin ids, the reference profile's `[stamp, value, wallMs]`
 * slot, the delete-set entry of a replaced value); test/engine/canvasSize.test.ts measures growth
 * against it. Measured, the estimate exceeds real growth by about 70 to 300 bytes per write (the
 * spec profile also counts a client registration it never writes: ~16 bytes per core client).
 * A spec undo is estimated at the largest item on its UndoManager stack (Yjs may skip stale
 * items and apply an older one), so near the limit it can be refused though the item Yjs would
 * apply fits. A write is refused only when the estimate does not fit, so the limit is never
 * passed, and a write can be refused while its real growth would have fitted by that margin.
 * Engine bookkeeping (acks, prunes) is not limited: it is small, and prunes shrink the document.
 */
import * as Y from 'yjs'
import type { ManagedDoc } from '../../docs/documentManager.ts'
import { LabError } from '../../base/errors.ts'
import { cachedPerVersion } from '../../ports/membership.ts'
import type { Json } from '../../ports/records.ts'

/** The spec's canvas size limit: 5 MB. */
export const DEFAULT_CANVAS_LIMIT_BYTES = 5 * 1024 * 1024
/** Bytes one map entry adds beyond its key and JSON value (item header, ids, slot wrapper). */
export const ENTRY_OVERHEAD_BYTES = 40
/** Bytes one transaction adds beyond its entries (update header, client and delete-set framing). */
export const WRITE_OVERHEAD_BYTES = 64

const utf8 = new TextEncoder()
const byteLength = (s: string): number => utf8.encode(s).byteLength

/** Encoded size of the document now (cached per document version). */
export const docBytes = (md: ManagedDoc): number =>
  cachedPerVersion(md, 'canvas.docBytes', () => Y.encodeStateAsUpdate(md.doc).byteLength)

/** Estimated bytes that writing these entries adds (an upper bound, see the file comment). */
export function entriesBytes(entries: Readonly<Record<string, Json | undefined>>): number {
  let n = 0
  for (const [k, v] of Object.entries(entries))
    n += byteLength(k) + byteLength(JSON.stringify(v ?? null)) + ENTRY_OVERHEAD_BYTES
  return n
}

/** Estimated encoded bytes of one Yjs item's content (an undo re-creates items with this content). */
export function contentBytes(item: Y.Item): number {
  const c = item.content
  if (c instanceof Y.ContentType || c instanceof Y.ContentDeleted) return 1
  if (c instanceof Y.ContentString) return byteLength(c.str)
  if (c instanceof Y.ContentBinary) return c.content.byteLength
  return byteLength(JSON.stringify(c.getContent()) ?? '')
}

/** Throws SIZE_LIMIT, changing nothing, when a write of `writeBytes` would take `md` past `limit`. */
export function ensureRoom(md: ManagedDoc, limit: number, writeBytes: number): void {
  const current = docBytes(md)
  const estimate = writeBytes + WRITE_OVERHEAD_BYTES
  if (current + estimate <= limit) return
  throw new LabError(
    'SIZE_LIMIT',
    `${md.id} is ${current} bytes; this write (estimated ${estimate} bytes) would take it past its limit of ` +
      `${limit} bytes. Canvas has no fallback: delete elements or write less`,
    { path: md.id, details: { docId: md.id, currentBytes: current, limitBytes: limit, writeBytes: estimate } },
  )
}
