/**
 * Messages a replica wants to send, and the spec's offline queue: while offline, local updates
 * are queued per document (the operation itself already applied locally); on reconnection the
 * queue goes out as one message per document.
 *
 * How an update travels is its profile's (the `Sealer`): the spec publishes the raw update to
 * every subscriber of the entity's topic and merges a queue into one update; the reference signs
 * each update as it is written (authorship/), sends it to the members allowed to read the
 * document, and sends a queue as the signed entries it holds.
 */
import * as Y from 'yjs'
import { parseDocId, type DocId, type EntityId, type MemberId } from '../base/ids.ts'
import { encodeSyncMessage, type SyncMessage } from '../sync/messages.ts'
import type { Envelope } from '../sync/envelope.ts'
import type { Lie } from './hooks.ts'

/** How a replica's own updates go out (see the file comment). */
export interface Sealer<P = unknown> {
  /** What carries an update this replica wrote: `own` is the one it holds; otherwise a liar's variant. */
  seal(docId: DocId, update: Uint8Array, own: boolean): P
  /** The message carrying sealed updates of one document (one, or a reconnection's queue). */
  message(docId: DocId, parts: readonly P[]): SyncMessage
  /** Who is sent the document's updates: every subscriber of the topic, or these members. */
  readers(docId: DocId): '*' | readonly MemberId[]
}

export class Outbox {
  private ready: Envelope[] = []
  private readonly queued = new Map<DocId, { entityId: EntityId; parts: unknown[] }>()
  online = true

  /** `lie`: a lying replica's, which may send different peers different updates (equivocation). */
  constructor(
    private readonly sealer: Sealer,
    private readonly lie: () => Lie | undefined = () => undefined,
  ) {}

  /** Publishes a local update to its readers, or queues it while offline. */
  publish(entityId: EntityId, docId: DocId, update: Uint8Array): void {
    const parts = this.online ? this.lie()?.split(docId, update) : undefined
    if (parts === undefined) {
      const sealed = this.sealer.seal(docId, update, true)
      if (this.online) this.broadcast(entityId, docId, [sealed])
      else {
        const q = this.queued.get(docId) ?? { entityId, parts: [] }
        q.parts.push(sealed)
        this.queued.set(docId, q)
      }
      return
    }
    for (const p of parts) {
      const sealed = this.sealer.seal(docId, p.update, p.update === update)
      this.push(p.to, entityId, docId, encodeSyncMessage(this.sealer.message(docId, [sealed])), 'update')
    }
  }

  private broadcast(entityId: EntityId, docId: DocId, parts: readonly unknown[]): void {
    // Encoded once, the same bytes for every reader (nothing downstream modifies a message).
    const message = encodeSyncMessage(this.sealer.message(docId, parts))
    const readers = this.sealer.readers(docId)
    if (readers === '*') this.push('*', entityId, docId, message, 'update')
    else for (const to of readers) this.push(to, entityId, docId, message, 'update')
  }

  private push(to: MemberId | '*', entityId: EntityId, docId: DocId, message: Uint8Array, kind: Envelope['kind']) {
    this.ready.push({ to, entityId, docId, message, kind })
  }

  /** Queues one sync message about a document for `to`. */
  sendSync(to: MemberId, docId: DocId, message: SyncMessage, kind: Envelope['kind']): void {
    this.send({ to, entityId: parseDocId(docId).entityId, docId, message: encodeSyncMessage(message), kind })
  }

  /** Sends a message to one peer; dropped while offline (anti-entropy repairs it later). */
  send(env: Envelope): void {
    if (this.online) this.ready.push(env)
  }

  /** Comes online: the offline queue goes out, one message per document. */
  flushQueue(): number {
    let n = 0
    for (const [docId, q] of this.queued) {
      this.broadcast(q.entityId, docId, q.parts)
      n += q.parts.length
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
    for (const q of this.queued.values()) n += q.parts.length
    return n
  }

  drain(): Envelope[] {
    const out = this.ready
    this.ready = []
    return out
  }
}

/** The spec's way: the raw update to every subscriber; a queue merged into one update. */
export const OPEN_TOPIC: Sealer<Uint8Array> = {
  seal: (_docId, update) => update,
  message: (_docId, parts) => ({ type: 'update', update: parts.length === 1 ? parts[0]! : Y.mergeUpdates([...parts]) }),
  readers: () => '*',
}
