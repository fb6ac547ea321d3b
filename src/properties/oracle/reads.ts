/**
 * How the oracle reads what a replica shows: visible items per document, a field's visible value,
 * and a fingerprint of a document for convergence. Read-only; one entry per concern.
 */
import * as Y from 'yjs'
import type { DocId, EntityId } from '../../engine/ids.ts'
import { parseDocId } from '../../engine/ids.ts'
import type { Replica } from '../../engine/replica/replica.ts'
import { DELETED, type RecordView } from '../../engine/records.ts'
import { liveMessages } from '../../engine/ops/chatOps.ts'
import { encodeDeleteSet } from '../../engine/sync/stateVectors.ts'

/** Reads one concern's items. */
export interface ItemReader {
  /** Ids of the items the replica shows (live: not deleted, not fenced). */
  visible(r: Replica, entity: EntityId): Set<string>
  /** The record of an item as the replica holds it (tombstones included), or undefined. */
  record(r: Replica, entity: EntityId, item: string): RecordView | undefined
}

const chat: ItemReader = {
  visible: (r, entity) => new Set(liveMessages(r.entity(entity)).map((m) => m.id)),
  record: (r, entity, item) => {
    const e = r.entity(entity)
    const rctx = e.read('chat')
    const coll = e.profile.chat.locate(rctx.md.doc, item)
    return coll ? e.profile.records.read(rctx, coll, item, DELETED) : undefined
  },
}

const READERS: Partial<Record<string, ItemReader>> = { chat }

/** Registers the reader of a concern (concern modules add theirs). */
export function registerReader(concern: string, reader: ItemReader): void {
  READERS[concern] = reader
}

export function readerOf(docId: DocId): ItemReader | undefined {
  return READERS[parseDocId(docId).concern]
}

/** The value a replica shows for a field of an item (undefined when the item is not visible). */
export function visibleField(r: Replica, docId: DocId, item: string, field: string): { visible: boolean; value: unknown } {
  const reader = readerOf(docId)
  const entity = parseDocId(docId).entityId
  if (!reader || !reader.visible(r, entity).has(item)) return { visible: false, value: undefined }
  return { visible: true, value: reader.record(r, entity, item)?.fields[field] }
}

/** Everything that makes two replicas of a document equal: state vector, delete set, content. */
export function fingerprint(doc: Y.Doc): { sv: string; ds: string; json: string } {
  const json: Record<string, unknown> = {}
  for (const name of [...doc.share.keys()].sort()) json[name] = doc.share.get(name)!.toJSON()
  return {
    sv: Buffer.from(Y.encodeStateVector(doc)).toString('hex'),
    ds: Buffer.from(encodeDeleteSet(doc)).toString('hex'),
    json: JSON.stringify(json),
  }
}
