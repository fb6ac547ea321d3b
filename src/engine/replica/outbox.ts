/**
 * Messages a replica wants to send, and the spec's offline queue: while offline, local updates
 * are queued per document (the operation itself already applied locally); on reconnection the
 * queue is merged into one update per document and published.
 */
import * as Y from 'yjs'
import { parseDocId, type DocId, type EntityId, type MemberId } from '../base/ids.ts'
import { encodeSyncMessage, type SyncMessage } from '../sync/messages.ts'
import type { Envelope } from '../sync/envelope.ts'
import type { Lie } from './hooks.ts'

export class Outbox {
  private ready: Envelope[] = []
  private readonly queued = new Map<DocId, { entityId: EntityId; updates: Uint8Array[] }>()
  online = true

  /** `lie`: a lying replica's, which may send different peers different updates (equivocation). */
  constructor(private readonly lie: () => Lie | undefined = () => undefined) {}

  /** Publishes a local update on the entity topic, or queues it while offline. */
  publish(entityId: EntityId, docId: DocId, update: Uint8Array): void {
    if (!this.online) {
      const q = this.queued.get(docId) ?? { entityId, updates: [] }
      q.updates.push(update)
      this.queued.set(docId, q)
      return
    }
    this.broadcast(entityId, docId, update)
  }

  /** One update to every subscriber of the entity's topic (or, from a lying replica, what each peer gets of it). */
  private broadcast(entityId: EntityId, docId: DocId, update: Uint8Array): void {
    const parts = this.lie()?.split(docId, update)
    if (parts === undefined) {
      this.ready.push({
        to: '*',
        entityId,
        docId,
        message: encodeSyncMessage({ type: 'update', update }),
        kind: 'update',
      })
      return
    }
    for (const p of parts)
      this.ready.push({
        to: p.to,
        entityId,
        docId,
        message: encodeSyncMessage({ type: 'update', update: p.update }),
        kind: 'update',
      })
  }

  /** Queues one sync message about a document for `to`. */
  sendSync(to: MemberId, docId: DocId, message: SyncMessage, kind: Envelope['kind']): void {
    this.send({ to, entityId: parseDocId(docId).entityId, docId, message: encodeSyncMessage(message), kind })
  }

  /** Sends a message to one peer; dropped while offline (anti-entropy repairs it later). */
  send(env: Envelope): void {
    if (this.online) this.ready.push(env)
  }

  /** Comes online: the offline queue becomes one merged update per document. */
  flushQueue(): number {
    let n = 0
    for (const [docId, q] of this.queued) {
      this.broadcast(q.entityId, docId, q.updates.length === 1 ? q.updates[0]! : Y.mergeUpdates(q.updates))
      n += q.updates.length
    }
    this.queued.clear()
    return n
  }

  /** Drops the offline queue unsent; returns how many updates it held. */
  discardQueue(): number {
    const n = this.queuedCount()
    this.queued.clear()
    return n
  }

  /** Updates waiting in the offline queue. */
  queuedCount(): number {
    let n = 0
    for (const q of this.queued.values()) n += q.updates.length
    return n
  }

  drain(): Envelope[] {
    const out = this.ready
    this.ready = []
    return out
  }
}
