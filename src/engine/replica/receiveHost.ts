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
import { runAfterReceive, withIncomingHook, type ReplicaHooks } from './hooks.ts'
import type { Outbox } from './outbox.ts'
import { receive, type ReceiveHost, type ReceiveResult } from './receive.ts'
import { emptyReceiveStats } from './receiveStats.ts'
import type { SignedHost } from './updateChecks.ts'
import type { SyncPolicy } from './syncPolicy.ts'

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
  readonly sync: SyncPolicy
  /** Entity access as the replica. */
  entity(entityId: EntityId): OpEntity
}

/** The receive host of one replica. */
function receiveHostOf(p: ReceiveParts): ReceiveHost {
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
    batch: (fn) => p.after.batch(fn),
    pendingAsked: new Map<DocId, Set<MemberId>>(),
    onReject: (d, peer, error) =>
      p.events.emit({ type: 'reject', docId: d, from: peer, code: error.code, message: error.message }),
    onInternal: (d, peer, error) => p.events.emit({ type: 'internal', docId: d, from: peer, message: error.message }),
    onPending: (d, peer) => p.events.emit({ type: 'pending', docId: d, from: peer }),
    onCursor: (d, peer, c) => p.canvas.receive(d, peer, c, (m) => entityOf(d).view().roleOf(m) !== undefined),
    onArchive: (d, peer, m, reply) => receiveArchive(entityOf(d), p.docs.get(d), peer, m, reply),
    mayRead: (d, peer) => p.sync.mayRead(d, peer),
    onRefuseRead: (d, peer) => p.events.emit({ type: 'refuseRead', docId: d, from: peer }),
    ...(p.sync.authorship ? { signed: signedHostOf(p, p.sync.authorship) } : {}),
  }
}

/** What the signed stages (signedReceive.ts) use of a signing replica. */
function signedHostOf(p: ReceiveParts, authorship: NonNullable<SyncPolicy['authorship']>): SignedHost {
  return {
    authorship,
    doc: (d) => p.docs.get(d).doc,
    rebuild(d) {
      const md = p.docs.get(d)
      p.docs.replaceState(md, authorship.rebuiltState(d))
      p.after.remote(p.entity(md.parsed.entityId), md, authorship.keys.own)
    },
  }
}

/** A replica's way in: its receive host, and receive() on it. */
export interface Inbox {
  readonly host: ReceiveHost
  /** Handles one sync message from `from`. Never throws for bad remote input: see ReceiveResult. */
  receive(from: MemberId, docId: string, bytes: Uint8Array): ReceiveResult
}

/** The inbox of one replica (one per replica: its host keeps which peers were asked to resync). */
export function inboxOf(p: ReceiveParts): Inbox {
  const host = receiveHostOf(p)
  return { host, receive: (from, docId, bytes) => receiveAt(p, host, from, docId, bytes) }
}

/**
 * Handles one sync message on a replica: notes its membership epoch first (a re-add in the
 * message rotates its clientIDs after), and tells the afterReceive hook what was handled.
 */
function receiveAt(p: ReceiveParts, h: ReceiveHost, from: MemberId, docId: string, bytes: Uint8Array): ReceiveResult {
  try {
    p.after.noteEpoch(p.entity(parseDocId(docId).entityId))
  } catch {
    // A bad doc id: receive() below rejects it with a typed error.
  }
  const result = receive(h, from, docId, bytes)
  if (p.hooks.afterReceive && result.status !== 'rejected')
    p.hooks.afterReceive({
      docId: result.docId,
      bytes,
      result,
      entity: () => p.entity(parseDocId(result.docId).entityId),
    })
  return result
}
