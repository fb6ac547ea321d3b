/**
 * Two small parts of the world: where replicas get their Yjs clientIDs, and the journal records
 * of a replica's engine events.
 *
 * ClientIDs: a timed world draws every replica's from one stream (as it always has: pinned traces
 * depend on it). A scripted world gives each peer a stream of its own and a residue of its own
 * (the peer's place, modulo 64: a world has at most 64 peers), so no two peers can ever draw the
 * same clientID and the clientIDs a peer gets depend on its own history only, not on when other
 * peers opened documents: events at different peers then commute, which `crdt-lab explore` relies on.
 */
import type { EngineEvent } from '../engine/base/events.ts'
import type { DocId, MemberId } from '../engine/base/ids.ts'
import type { ClientIdSource, Rng } from '../engine/base/providers.ts'
import { SeededClientIds } from '../engine/base/providers.ts'
import type { Journal } from './journal.ts'

/** Peers one residue class each: the scenario format allows at most 64 peers. */
const RESIDUES = 64

/** Where a world's replicas get their clientIDs. */
export class WorldClientIds {
  /** Draws per peer. */
  readonly draws = new Map<MemberId, number>()
  /** The peer each clientID was given to: who wrote the structs of a client (the checks' honest-peer rule). */
  readonly owners = new Map<number, MemberId>()
  private readonly shared: SeededClientIds | null
  private readonly streams = new Map<MemberId, { rng: Rng; used: Set<number> }>()

  constructor(
    private readonly rng: Rng,
    /** Peers in the world's order; given, each gets its own stream (a scripted world). */
    private readonly perPeer: readonly MemberId[] | null,
  ) {
    this.shared = perPeer ? null : new SeededClientIds(rng)
  }

  /** The clientID source of one peer's replicas (all its boots). */
  of(peer: MemberId): ClientIdSource {
    return { next: (docId: DocId) => this.next(peer, docId) }
  }

  private next(peer: MemberId, docId: DocId): number {
    const client = this.draw(peer, docId)
    this.owners.set(client, peer)
    return client
  }

  private draw(peer: MemberId, docId: DocId): number {
    this.draws.set(peer, (this.draws.get(peer) ?? 0) + 1)
    if (this.shared) return this.shared.next(docId)
    let s = this.streams.get(peer)
    if (!s) this.streams.set(peer, (s = { rng: this.rng.fork(peer), used: new Set() }))
    const residue = this.perPeer!.indexOf(peer) % RESIDUES
    for (;;) {
      // Yjs encodes clientIDs as var-uints; 31 bits keep them positive in every encoder path.
      const client = (s.rng.uint32() & 0x7fffffff & ~(RESIDUES - 1)) | residue
      if (client !== 0 && !s.used.has(client)) {
        s.used.add(client)
        return client
      }
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
