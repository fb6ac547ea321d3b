/**
 * How a replica plugs into receive(): its documents (through a mutant's incoming-update hook,
 * when one is set), its caps and counters, its outbox for replies, the SQL fallback before and the
 * after-change handling after a remote update, its canvas sessions for cursors, the archive
 * handoff, and its events.
 */
import type { DocumentManager } from '../docs/documentManager.ts'
import { parseDocId, type DocId, type EntityId, type MemberId } from '../base/ids.ts'
import type { EventHub } from '../base/events.ts'
import type { CanvasSessions } from '../concerns/canvas/session.ts'
import { receiveArchive } from '../fallback/handoff.ts'
import type { FallbackKeeper } from '../fallback/keeper.ts'
import type { OpEntity } from '../ops/types.ts'
import type { ReceiveCaps } from '../sync/caps.ts'
import type { AfterChange } from './afterChange.ts'
import { withIncomingHook, type ReplicaHooks } from './hooks.ts'
import type { Outbox } from './outbox.ts'
import type { ReceiveHost } from './receive.ts'
import { emptyReceiveStats } from './receiveStats.ts'

/** The parts of a replica its receive path uses. */
export interface ReceiveParts {
  readonly docs: DocumentManager
  readonly hooks: ReplicaHooks
  readonly caps: ReceiveCaps
  readonly outbox: Outbox
  readonly events: EventHub
  readonly canvas: CanvasSessions
  readonly fallback: FallbackKeeper
  readonly after: AfterChange
  /** Entity access as the replica. */
  entity(entityId: EntityId): OpEntity
}

/** The receive host of one replica (one per replica: it keeps which peers were asked to resync). */
export function receiveHostOf(p: ReceiveParts): ReceiveHost {
  const entityOf = (docId: DocId): OpEntity => p.entity(parseDocId(docId).entityId)
  return {
    docs: withIncomingHook(p.docs, p.hooks.incomingUpdate),
    caps: p.caps,
    stats: emptyReceiveStats(),
    send: (env) => p.outbox.send(env),
    rotateClient: (md) => {
      p.docs.rotateClient(md)
      p.events.emit({ type: 'rotate', entityId: md.parsed.entityId, docId: md.id, client: md.doc.clientID })
    },
    beforeRemote: (md, update, peer) => p.fallback.beforeRemote(p.entity(md.parsed.entityId), md, update, peer),
    afterRemote: (md, peer) => p.after.remote(p.entity(md.parsed.entityId), md, peer),
    pendingAsked: new Map<DocId, Set<MemberId>>(),
    onReject: (d, peer, error) =>
      p.events.emit({ type: 'reject', docId: d, from: peer, code: error.code, message: error.message }),
    onInternal: (d, peer, error) => p.events.emit({ type: 'internal', docId: d, from: peer, message: error.message }),
    onPending: (d, peer) => p.events.emit({ type: 'pending', docId: d, from: peer }),
    onCursor: (d, peer, c) => p.canvas.receive(d, peer, c, (m) => entityOf(d).view().roleOf(m) !== undefined),
    onArchive: (d, peer, m, reply) => receiveArchive(entityOf(d), p.docs.get(d), peer, m, reply),
  }
}
