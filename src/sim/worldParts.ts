/**
 * Two small parts of the world: the clientID stream every replica draws from, counted (how far
 * it has been drawn is state the whole world shares: `crdt-lab explore` fingerprints it), and
 * the journal records of a replica's engine events.
 */
import type { EngineEvent } from '../engine/base/events.ts'
import type { DocId, MemberId } from '../engine/base/ids.ts'
import type { ClientIdSource } from '../engine/base/providers.ts'
import type { Journal } from './journal.ts'

/** A clientID source that counts its draws. */
export class CountedClientIds implements ClientIdSource {
  /** ClientIDs drawn so far, by every replica of the world. */
  draws = 0

  constructor(private readonly source: ClientIdSource) {}

  next(docId: DocId): number {
    this.draws++
    return this.source.next(docId)
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
