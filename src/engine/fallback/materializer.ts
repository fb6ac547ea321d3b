/**
 * Moving items from a document to the replica's SQL archive (spec, "Hybrid Mode" steps 1 and 3).
 *
 * Order, and why it is crash-safe:
 *
 * ```
 *   1. upsert the rows (one SQL transaction)       crash here: nothing happened
 *   2. ──────── failpoint 'sql' ────────           crash here: rows in SQL and items in the CRDT;
 *                                                  reads show the CRDT copy once, and the next pass
 *                                                  moves them again (the upsert changes nothing)
 *   3. remove the items + mark the document hybrid (one Yjs transaction, appended to the store)
 *   4. ──────── failpoint 'crdt' ───────           crash here: rows in SQL, items gone: done; the
 *                                                  reclamation below happens on the next load
 *   5. reclaim removed entries, compact, measure
 * ```
 * The other order (remove, then write SQL) loses the items in a crash between the two, which is
 * why there is none. Rows are keyed by item id, so materializing twice is a no-op.
 */
import type { ManagedDoc } from '../docs/documentManager.ts'
import type { FallbackAccess } from './fallbackProfile.ts'
import type { WriteCtx } from '../ports/records.ts'
import type { ArchiveContext } from '../sql/archive.ts'
import type { ArchivedItem, MovedHow } from '../sql/kinds.ts'
import type { FallbackConcern, ItemView } from './concerns.ts'
import type { IndexedItem } from './itemIndex.ts'

export const METADATA = 'metadata'
export const FALLBACK_MODE = 'fallback_mode'
export const FALLBACK_THRESHOLD_AT = 'fallback_threshold_at'

/** The archive row of one item as this replica shows it. */
export function archivedItem(
  e: FallbackAccess,
  md: ManagedDoc,
  concern: FallbackConcern,
  id: string,
  view: ItemView,
  how: MovedHow,
): ArchivedItem {
  // An archived card or closed issue is a tombstone in the CRDT but a readable row in the archive.
  const deleted = concern.rule === 'age' && view.deleted
  return {
    kind: concern.kind,
    id,
    entityId: e.entityId,
    docId: md.id,
    createdAt: view.createdAt,
    deleted,
    fields: view.archived(),
    movedAt: e.now(),
    movedHow: how,
  }
}

/** Rows for `items` that this replica can read (an item it cannot show has nothing to archive). */
export function archivedItems(
  e: FallbackAccess,
  md: ManagedDoc,
  concern: FallbackConcern,
  items: readonly Pick<IndexedItem, 'coll' | 'id'>[],
  how: MovedHow,
): ArchivedItem[] {
  const rctx = { md, authority: e.view().authority }
  const out: ArchivedItem[] = []
  for (const item of items) {
    const view = concern.view(e.profile, rctx, item.coll, item.id)
    if (view) out.push(archivedItem(e, md, concern, item.id, view, how))
  }
  return out
}

/** The spec's `entities` and `members` rows for the entity, from its core document. */
export function archiveContext(e: FallbackAccess): ArchiveContext {
  const meta = e.doc('core').doc.getMap<unknown>(METADATA)
  const str = (k: string): string | null => (typeof meta.get(k) === 'string' ? (meta.get(k) as string) : null)
  const view = e.view()
  return {
    entity: {
      id: e.entityId,
      type: e.type,
      fourWords: str('four_words') ?? e.entityId.slice(e.entityId.indexOf(':') + 1),
      name: str('name'),
      createdAt: typeof meta.get('created_at') === 'number' ? (meta.get('created_at') as number) : null,
      createdBy: str('created_by'),
    },
    members: view.active.map((m) => {
      const info = view.members.get(m)
      return { member: m, role: info?.role ?? 'member', joinedAt: info?.joined_at ?? 0 }
    }),
  }
}

/** Step 3's metadata: `fallback_mode = hybrid`, and the time it first became so. */
export function markHybrid(ctx: WriteCtx, e: FallbackAccess): void {
  const meta = ctx.md.doc.getMap<unknown>(METADATA)
  if (meta.get(FALLBACK_MODE) !== 'hybrid') meta.set(FALLBACK_MODE, 'hybrid')
  if (!meta.has(FALLBACK_THRESHOLD_AT)) meta.set(FALLBACK_THRESHOLD_AT, e.profile.time(ctx.now))
}

/** Removes `items` from the document and marks it hybrid, in one system transaction. */
export function removeItems(
  e: FallbackAccess,
  md: ManagedDoc,
  items: readonly Pick<IndexedItem, 'coll' | 'id'>[],
): void {
  e.writeSystem(md, (ctx) => {
    for (const item of items) if (item.coll.has(item.id)) item.coll.delete(item.id)
    markHybrid(ctx, e)
  })
}
