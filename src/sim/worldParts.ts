/**
 * Two small parts of the world: where replicas get their Yjs clientIDs, and the journal records
 * of a replica's engine events.
 *
 * ClientIDs: a timed world draws every replica's from one stream (as it always has: pinned traces
 * depend on it). A scripted world gives each peer a stream of its own, so the clientIDs a peer
 * gets depend on its own history only, not on when other peers opened documents: events at
 * different peers then commute, which `crdt-lab explore` relies on. Either way no clientID is
 * ever drawn twice in a world; when a peer's stream meets one another peer drew, it draws again
 * (a `collision`: the only way peers' draws touch, counted so explore can tell).
 */
import type { EngineEvent } from '../engine/base/events.ts'
import type { DocId, MemberId } from '../engine/base/ids.ts'
import type { ClientIdSource, Rng } from '../engine/base/providers.ts'
import { SeededClientIds } from '../engine/base/providers.ts'
import type { Journal } from './journal.ts'

/** Where a world's replicas get their clientIDs. */
export class WorldClientIds {
  /** Draws per peer. */
  readonly draws = new Map<MemberId, number>()
  /** Draws that met a clientID another peer drew first (scripted worlds). */
  collisions = 0
  private readonly shared: SeededClientIds | null
  private readonly used = new Set<number>()
  private readonly streams = new Map<MemberId, Rng>()

  constructor(
    private readonly rng: Rng,
    perPeer: boolean,
  ) {
    this.shared = perPeer ? null : new SeededClientIds(rng)
  }

  /** The clientID source of one peer's replicas (all its boots). */
  of(peer: MemberId): ClientIdSource {
    return { next: (docId: DocId) => this.next(peer, docId) }
  }

  private next(peer: MemberId, docId: DocId): number {
    this.draws.set(peer, (this.draws.get(peer) ?? 0) + 1)
    if (this.shared) return this.shared.next(docId)
    let stream = this.streams.get(peer)
    if (!stream) this.streams.set(peer, (stream = this.rng.fork(peer)))
    for (;;) {
      // Yjs encodes clientIDs as var-uints; 31 bits keep them positive in every encoder path.
      const id = stream.uint32() & 0x7fffffff
      if (id !== 0 && !this.used.has(id)) {
        this.used.add(id)
        return id
      }
      this.collisions++
    }
  }
}

/** Journals the engine events a trace keeps: tombstones, acks and prunes. */
export function journalEngineEvent(journal: Journal, now: number, peer: MemberId, e: EngineEvent): void {
  if (e.type !== 'prune' && e.type !== 'tombstone' && e.type !== 'ack') return
  journal.append(now, e.type, {
    peer,
    doc: e.docId,
    item: e.item,
    ...(e.type === 'ack' ? { member: e.member } : {}),
  })
}
