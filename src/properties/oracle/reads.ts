/**
 * How the oracle reads what a replica shows: visible items per document, a field's visible value,
 * and a fingerprint of a document for convergence. Read-only; one entry per concern.
 */
import * as Y from 'yjs'
import type { DocId, EntityId } from '../../engine/base/ids.ts'
import { parseDocId } from '../../engine/base/ids.ts'
import type { Replica } from '../../engine/replica/replica.ts'
import { DELETED } from '../../engine/ports/records.ts'
import { board } from '../../engine/ops/kanbanOps.ts'
import { ARCHIVED, CARDS } from '../../engine/concerns/kanban/model.ts'
import { liveElements } from '../../engine/ops/canvasOps.ts'
import { readIssue } from '../../engine/ops/issuesOps.ts'
import { CLOSED, ISSUES, type IssueView } from '../../engine/concerns/issues/model.ts'
import { liveMessages } from '../../engine/ops/chatOps.ts'
import { archivedRecord } from '../../engine/fallback/api.ts'
import { canonicalJson, type JsonValue } from '../../sim/canonicalJson.ts'
import { ROOTS } from '../../engine/concerns/schema.ts'

/** Reads one concern's items. */
export interface ItemReader {
  /** Ids of the items the replica shows (live: not deleted, archived, closed or fenced). */
  visible(r: Replica, entity: EntityId): Set<string>
  /** The fields of an item as the replica shows them (tombstones included), or undefined. */
  fields(r: Replica, entity: EntityId, item: string): Readonly<Record<string, unknown>> | undefined
  /**
   * Whether one item is visible (cheaper than `visible` where the concern can tell); `listed` is
   * `visible`, possibly memoized, for what the concern cannot tell from one record.
   */
  isVisible?(r: Replica, entity: EntityId, item: string, listed: () => ReadonlySet<string>): boolean
}

/** Whether a replica shows one item. */
function isVisible(reader: ItemReader, r: Replica, entity: EntityId, item: string): boolean {
  return visibility(reader, r, entity)(item)
}

/**
 * Whether a replica shows each of many items, on one state of the replica: the full listing,
 * where an item needs it, is built once for all of them.
 */
export function visibility(reader: ItemReader, r: Replica, entity: EntityId): (item: string) => boolean {
  let all: ReadonlySet<string> | undefined
  const listed = (): ReadonlySet<string> => (all ??= reader.visible(r, entity))
  return (item) => (reader.isVisible ? reader.isVisible(r, entity, item, listed) : listed().has(item))
}

/** A message's record fields as the replica shows them: from the CRDT, or as archived in its SQL. */
const chatRecord = (
  r: Replica,
  entity: EntityId,
  item: string,
): { fields: Readonly<Record<string, unknown>>; deleted: boolean } | undefined => {
  const e = r.entity(entity)
  const rctx = e.read('chat')
  const coll = e.profile.chat.locate(rctx.md.doc, item)
  const v = coll ? e.profile.records.read(rctx, coll, item, DELETED) : undefined
  if (v) return v
  const archived = archivedRecord(e, 'chat', item)
  return archived && { fields: archived, deleted: archived.deleted === true }
}

const chat: ItemReader = {
  visible: (r, entity) => new Set(liveMessages(r.entity(entity)).map((m) => m.id)),
  fields: (r, entity, item) => chatRecord(r, entity, item)?.fields,
  isVisible: (r, entity, item) => chatRecord(r, entity, item)?.deleted === false,
}

/** Cards and columns: a live card is one the replica stores unarchived. */
const kanban: ItemReader = {
  visible: (r, entity) => {
    const b = board(r.entity(entity))
    return new Set([...b.cards.filter((c) => !c.archived).map((c) => c.id), ...b.columns.map((c) => c.id)])
  },
  fields: (r, entity, item) => {
    const b = board(r.entity(entity))
    return (b.cards.find((c) => c.id === item) ?? b.columns.find((c) => c.id === item)) as
      | Readonly<Record<string, unknown>>
      | undefined
  },
  // A card is one record: read it alone (pruned items are cards; the whole board is the slow path).
  isVisible: (r, entity, item, listed) => {
    const e = r.entity(entity)
    const rctx = e.read('kanban')
    const v = e.profile.records.read(rctx, rctx.md.doc.getMap<unknown>(CARDS), item, ARCHIVED)
    return v ? !v.deleted : listed().has(item)
  },
}

/** Issues (open ones are visible) and their comments (live comments of open issues). */
const issues: ItemReader = {
  visible: (r, entity) => {
    const out = new Set<string>()
    for (const i of allIssues(r, entity)) {
      if (i.closed) continue
      out.add(i.id)
      for (const c of i.comments) if (!c.deleted) out.add(c.id)
    }
    return out
  },
  // An issue is one record: read it alone (comments take the slow path).
  isVisible: (r, entity, item, listed) => {
    const e = r.entity(entity)
    const rctx = e.read('issues')
    const v = e.profile.records.read(rctx, rctx.md.doc.getMap<unknown>(ISSUES), item, CLOSED)
    if (v) return !v.deleted
    // Not an issue record: a comment (the engine's ids for issues start with 'iss', comments with 'cmt').
    return item.startsWith('iss') ? false : listed().has(item)
  },
  fields: (r, entity, item) => {
    for (const i of allIssues(r, entity)) {
      if (i.id === item) return i as unknown as Readonly<Record<string, unknown>>
      const c = i.comments.find((x) => x.id === item)
      if (c) return c as unknown as Readonly<Record<string, unknown>>
    }
    return undefined
  },
}

function allIssues(r: Replica, entity: EntityId): IssueView[] {
  const e = r.entity(entity)
  const ids = [...e.doc('issues').doc.getMap<unknown>(ISSUES).keys()].sort()
  return ids.flatMap((id) => readIssue(e, id) ?? [])
}

/** Canvas elements, with flat fields (`data.k`) as the ops write them. */
const canvas: ItemReader = {
  visible: (r, entity) => new Set(liveElements(r.entity(entity)).map((el) => el.id)),
  fields: (r, entity, item) => {
    const e = r.entity(entity)
    return e.profile.canvas.record(e.read('canvas'), item)?.fields
  },
}

const READERS: Partial<Record<string, ItemReader>> = { chat, kanban, issues, canvas }

export function readerOf(docId: DocId): ItemReader | undefined {
  return READERS[parseDocId(docId).concern]
}

/** The value a replica shows for a field of an item (undefined when the item is not visible). */
export function visibleField(
  r: Replica,
  docId: DocId,
  item: string,
  field: string,
): { visible: boolean; value: unknown } {
  const reader = readerOf(docId)
  const entity = parseDocId(docId).entityId
  if (!reader || !isVisible(reader, r, entity, item)) return { visible: false, value: undefined }
  return { visible: true, value: reader.fields(r, entity, item)?.[field] }
}

/**
 * Everything that makes two replicas of a document equal: state vector, delete set, content.
 * Only integrated structs count (a Yjs snapshot): `encodeStateAsUpdate` would also carry the
 * pending structs and deletions a replica cannot integrate yet, which are never persisted.
 */
export function fingerprint(doc: Y.Doc): { sv: string; ds: string; json: string } {
  const json: Record<string, unknown> = {}
  for (const name of [...doc.share.keys()].sort()) json[name] = withBytesAsText(doc.share.get(name)!.toJSON())
  return {
    sv: Buffer.from(Y.encodeStateVector(doc)).toString('hex'),
    ds: Buffer.from(Y.encodeSnapshot(Y.snapshot(doc))).toString('hex'),
    // Map entries iterate in integration order, which differs between replicas: sort the keys.
    json: canonicalJson(json as JsonValue),
  }
}

/**
 * Binary values (file contents on the virtual disks are Uint8Array entries in the core document)
 * as `{ "$bytes": base64 }`, so canonical JSON can hold the document's content.
 */
function withBytesAsText(v: unknown): unknown {
  if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('base64') }
  if (Array.isArray(v)) return v.map(withBytesAsText)
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withBytesAsText(x)]))
  return v
}

/** Fingerprints of a fresh, empty document of each concern (with its roots instantiated). */
export function emptyFingerprints(): Map<string, ReturnType<typeof fingerprint>> {
  const out = new Map<string, ReturnType<typeof fingerprint>>()
  for (const [concern, roots] of Object.entries(ROOTS)) {
    const doc = new Y.Doc()
    for (const [name, kind] of Object.entries(roots))
      kind === 'map' ? doc.getMap(name) : kind === 'array' ? doc.getArray(name) : doc.getText(name)
    out.set(concern, fingerprint(doc))
  }
  return out
}
