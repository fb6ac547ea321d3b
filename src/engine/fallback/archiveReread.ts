/**
 * Archived rows read again (reference profile). A row is the item as this replica showed it when
 * it moved, but what the item shows can still change after it moved:
 *
 * - a removal issued by a member who had not seen a write fences that write later (the reference
 *   membership: reference/recordRead.ts), and the write it beat shows again;
 * - an equivocation found later burns the liar's writes (authorship/signedLog.ts).
 *
 * The CRDT reads such an item anew; a row kept as first written would go on showing the fenced or
 * burned write (the `access` check reads archived rows). So the keeper reads the rows of a
 * document again when what counts may have changed: after a load or a rebuild (the first pass of
 * each Y.Doc) and after a membership change. The signed log still holds every entry of a moved
 * item (authorship/logReplay.ts): the item is read from the log's replay with its removal undone,
 * through the same reader and the same authority as the CRDT's items, and the row is rewritten
 * when it differs. An item the replay no longer shows (its creation fenced or burned) leaves the
 * archive, as it would have left the CRDT.
 */
import * as Y from 'yjs'
import { ManagedDoc } from '../docs/documentManager.ts'
import type { ArchivedItem } from '../sql/kinds.ts'
import type { SqlArchive } from '../sql/archive.ts'
import type { LogReplay } from '../authorship/logReplay.ts'
import {
  addInto,
  deleteSetOf,
  intersect,
  rangesOfDeleteSet,
  subtract,
  type DeleteRanges,
} from '../authorship/deleteRanges.ts'
import type { FallbackAccess } from './fallbackProfile.ts'
import { FALLBACK_CONCERNS, fallbackConcernOf, type FallbackConcern, type ItemRoot } from './concerns.ts'
import { archiveContext, archivedItem } from './materializer.ts'
import type { DocumentManager } from '../docs/documentManager.ts'
import type { EventHub } from '../base/events.ts'
import type { DocId, EntityId } from '../base/ids.ts'
import { firstIndex } from '../base/firstIndex.ts'

/**
 * The members that had acknowledged the item's tombstone when it moved (the spec's `ack_vector`):
 * a fact of the move, kept as archived. The replay holds acknowledgements written after it, which
 * would rewrite every row on every reread.
 */
const ACKS = 'ack_vector'

/** When the keeper reads rows again (see the file comment), for one replica. */
export class ArchiveRereads {
  /** Per entity, the membership as last seen (what decides whose writes count). */
  private readonly memberships = new Map<EntityId, string>()

  constructor(
    private readonly host: {
      readonly docs: DocumentManager
      readonly events: EventHub
      readonly replay?: ((docId: DocId) => LogReplay) | undefined
    },
    private readonly archive: () => SqlArchive | undefined,
  ) {}

  /**
   * After the entity's core changed: when the membership did (a removal may fence writes that
   * rows show), reads the rows of its loaded documents again (the others are read at their load:
   * loading one here would draw a clientID). A look at cached digests when no row is archived.
   */
  membershipChanged(e: FallbackAccess): void {
    const archive = this.archive()
    if (!archive || !this.host.replay) return
    const kinds = Object.values(FALLBACK_CONCERNS).map((c) => c.kind)
    if (kinds.every((k) => archive.digest(k, e.entityId).count === 0)) return
    const view = e.view()
    const now = JSON.stringify([[...view.members.values()], view.tombstones])
    if (this.memberships.get(e.entityId) === now) return
    this.memberships.set(e.entityId, now)
    for (const md of this.host.docs.loaded()) if (md.parsed.entityId === e.entityId) this.reread(e, md)
  }

  /** Reads the rows of `md` (of `concern`) again, when there are any. */
  reread(e: FallbackAccess, md: ManagedDoc): void {
    const concern = fallbackConcernOf(md.parsed.concern)
    const archive = this.archive()
    if (!concern || !archive || !this.host.replay || archive.digest(concern.kind, e.entityId).count === 0) return
    const r = rereadArchived(e, md, concern, archive, this.host.replay(md.id))
    if (r.rewritten.length + r.dropped.length > 0)
      this.host.events.emit({ type: 'reread', docId: md.id, rewritten: [...r.rewritten], dropped: [...r.dropped] })
  }
}

/** What a reread changed. */
export interface Reread {
  readonly rewritten: readonly string[]
  readonly dropped: readonly string[]
}

/** Reads the archived rows of `md` again from `replay` (see the file comment); destroys the replay's doc. */
export function rereadArchived(
  e: FallbackAccess,
  md: ManagedDoc,
  concern: FallbackConcern,
  archive: SqlArchive,
  replay: LogReplay,
): Reread {
  const rows = archive.all(concern.kind, e.entityId).filter((r) => r.docId === md.id)
  const doc = replay.doc
  try {
    const undo = removalsOf(replay, concern.roots(e.profile, doc), rows)
    const deletions = subtract(rangesOfDeleteSet(Y.createDeleteSetFromStructStore(doc.store)), undo)
    const sv = Y.decodeStateVector(Y.encodeStateVector(doc))
    const before = Y.createDocFromSnapshot(doc, Y.createSnapshot(deleteSetOf(deletions), sv), new Y.Doc({ gc: false }))
    try {
      return rewrite(e, md, concern, archive, rows, before)
    } finally {
      before.destroy()
    }
  } finally {
    doc.destroy()
  }
}

function rewrite(
  e: FallbackAccess,
  md: ManagedDoc,
  concern: FallbackConcern,
  archive: SqlArchive,
  rows: readonly ArchivedItem[],
  doc: Y.Doc,
): Reread {
  const read = new ManagedDoc(md.id, md.parsed, doc)
  const rctx = { md: read, authority: e.view().authority }
  const roots = concern.roots(e.profile, doc)
  const changed: ArchivedItem[] = []
  const dropped: string[] = []
  for (const row of rows) {
    const at = roots.flatMap((r) => r.itemsAt(row.id))[0]
    const view = at && concern.view(e.profile, rctx, at.coll, at.id)
    if (!view) {
      dropped.push(row.id)
      continue
    }
    const item = archivedItem(e, read, concern, row.id, view, row.movedHow)
    const fields = ACKS in row.fields ? { ...item.fields, [ACKS]: row.fields[ACKS]! } : item.fields
    const now = { ...item, fields, movedAt: row.movedAt }
    if (
      JSON.stringify([now.fields, now.deleted, now.createdAt]) !==
      JSON.stringify([row.fields, row.deleted, row.createdAt])
    )
      changed.push(now)
  }
  if (changed.length > 0) archive.upsert(changed, archiveContext(e))
  if (dropped.length > 0) archive.removeUnmoved(concern.kind, e.entityId, dropped)
  return { rewritten: changed.map((r) => r.id), dropped }
}

/**
 * The removals to undo: of each row's item, the deletions of every entry that deleted the item's own
 * struct, within the item. One pass over the entries, each item found by binary search.
 */
function removalsOf(replay: LogReplay, roots: readonly ItemRoot[], rows: readonly ArchivedItem[]): DeleteRanges {
  const byClient = new Map<number, Y.Item[]>()
  for (const row of rows)
    for (const root of roots) {
      const item = root.map._map.get(row.id)
      if (item) (byClient.get(item.id.client) ?? byClient.set(item.id.client, []).get(item.id.client)!).push(item)
    }
  for (const items of byClient.values()) items.sort((a, b) => a.id.clock - b.id.clock)
  const undo: DeleteRanges = new Map()
  for (const d of replay.deletions)
    for (const [client, ranges] of d) {
      const items = byClient.get(client)
      if (!items) continue
      for (const [from, to] of ranges)
        for (let i = firstAtOrPast(items, from); i < items.length && items[i]!.id.clock < to; i++)
          addInto(undo, intersect(d, subtreeOf(items[i]!)))
    }
  return undo
}

/** The first of `items` (sorted by clock) at `clock` or later. */
const firstAtOrPast = (items: readonly Y.Item[], clock: number): number =>
  firstIndex(items.length, (i) => items[i]!.id.clock >= clock)

/** The struct ranges of an item and of everything under it (fields, their earlier values, nested types). */
function subtreeOf(item: Y.Item): DeleteRanges {
  const raw: DeleteRanges = new Map()
  const stack: Y.Item[] = [item]
  while (stack.length > 0) {
    const it = stack.pop()!
    const list = raw.get(it.id.client) ?? raw.set(it.id.client, []).get(it.id.client)!
    list.push([it.id.clock, it.id.clock + it.length])
    if (!(it.content instanceof Y.ContentType)) continue
    const type = it.content.type
    for (const last of type._map.values()) for (let i: Y.Item | null = last; i; i = i.left) stack.push(i)
    for (let i = type._start; i; i = i.right) stack.push(i)
  }
  const out: DeleteRanges = new Map()
  addInto(out, raw)
  return out
}
