/**
 * Which collections of a document hold tombstones the pruning machinery manages, per concern.
 * Core is handled by the membership strategy itself. New concerns add one line here.
 */
import type { ManagedDoc } from '../docs/documentManager.ts'
import type { ChatLayout } from './chat/model.ts'
import { DELETED, type TombstoneCollection } from '../ports/records.ts'
import { ARCHIVED, CARDS } from './kanban/model.ts'
import { CLOSED, ISSUES } from './issues/model.ts'

export function collectionsOf(profile: { readonly chat: ChatLayout }, md: ManagedDoc): TombstoneCollection[] {
  switch (md.parsed.concern) {
    case 'chat':
      return profile.chat.tombstoneCollections(md.doc).map((coll) => ({ coll, names: DELETED }))
    case 'kanban':
      return [{ coll: md.doc.getMap<unknown>(CARDS), names: ARCHIVED }]
    case 'issues':
      return [{ coll: md.doc.getMap<unknown>(ISSUES), names: CLOSED }]
    // The spec's on_peer_sync and prune_tombstones have no canvas arm ("Unknown concern"); the lab
    // prunes ElementData tombstones in both profiles, as their `deleted` flag calls for.
    case 'canvas':
      return [{ coll: md.doc.getMap<unknown>('elements'), names: DELETED }]
    default:
      return []
  }
}
