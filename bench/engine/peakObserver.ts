/**
 * A passive copy of the hub's document that integrates everything the tombstone's life writes
 * (the deletion, every ack, whatever the hub writes on receiving them) except the prune that ends
 * it, so its encoded size is the document at its largest, every ack held. The hub prunes in the
 * same event that delivers the last ack, so measuring the hub itself would always be too late.
 *
 * The prune is recognised by the hub's `prune` event: it is the last transaction of the pass that
 * emits it, so the last message the hub published for that document during the event is the prune
 * (with its copies, when the hub addresses each member).
 */
import * as Y from 'yjs'
import type { DocId, MemberId } from '../../src/engine/base/ids.ts'
import type { Replica } from '../../src/engine/replica/replica.ts'
import { updatesOf } from './world.ts'
import type { Envelope } from '../../src/engine/sync/envelope.ts'

/** The passive copy described above, made before the deletion. */
export class PeakObserver {
  private readonly doc = new Y.Doc()
  private readonly before: number
  private pruned = false
  /** Prune events seen on the hub for the document. */
  prunes = 0

  constructor(
    private readonly hub: Replica,
    private readonly docId: DocId,
  ) {
    Y.applyUpdate(this.doc, hub.encodeState(docId))
    this.before = this.size()
    hub.events.on((e) => {
      if (e.type === 'prune' && e.docId === docId) {
        this.pruned = true
        this.prunes++
      }
    })
  }

  size(): number {
    return Y.encodeStateAsUpdate(this.doc).byteLength
  }

  /**
   * Takes in everything the hub holds, the prunes left out so far among it: the start of a
   * later tombstone's life, once an earlier one's ended (whose prune later hub writes follow).
   */
  catchUp(): void {
    Y.applyUpdate(this.doc, this.hub.encodeState(this.docId))
  }

  /** Encoded growth since the observer was made. */
  growth(): number {
    return this.size() - this.before
  }

  /** Takes in messages a replica published for the document. */
  see(sent: readonly Envelope[]): void {
    for (const u of updatesOf(sent.filter((e) => e.docId === this.docId))) Y.applyUpdate(this.doc, u)
  }

  /** Drains the hub's outbox after an event and takes in all of it but a prune. Returns what was drained. */
  seeHub(): Envelope[] {
    const sent = this.hub.drainOutbox()
    if (this.pruned) {
      // The prune is the last message for the document, and every copy of it (a profile that
      // addresses each member sends one per member).
      const last = sent.map((e) => e.docId).lastIndexOf(this.docId)
      const prune = Buffer.from(sent[last]!.message)
      this.see(sent.filter((e) => e.docId !== this.docId || !prune.equals(e.message)))
    } else {
      this.see(sent)
    }
    this.pruned = false
    return sent
  }

  /**
   * Delivers `sent` (from `from`) to the hub one message at a time, takes both in, and returns what
   * the hub published. One at a time: a member catching up on many signed entries acknowledges as it
   * integrates them, and the hub may prune on each acknowledgement; each prune is left out.
   */
  deliverToHub(from: MemberId, sent: readonly Envelope[]): Envelope[] {
    const published: Envelope[] = []
    for (const env of sent) {
      this.see([env])
      this.hub.receive(from, env.docId, env.message)
      published.push(...this.seeHub())
    }
    return published
  }
}
