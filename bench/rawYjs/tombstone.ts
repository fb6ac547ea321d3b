/**
 * Raw Yjs figures of the tombstone table: how much a tombstone adds to the encoded document.
 * A member of a core document of N members is tombstoned as the spec's code does it
 * (`deleted`, `deleted_at`, `deleted_by`), then every one of the N members records its ack in
 * the member's `ack_vector`, each from its own replica (its own clientID, its own transaction).
 * The figure is the growth of the encoded (V1) state from before the deletion to after the acks,
 * at the same two moments of the document's life as the engine's rows.
 */
import * as Y from 'yjs'
import type { TombstoneMoment } from '../specClaims.ts'
import { Workload } from '../workloads.ts'
import { asClient, chatDoc, clientOf, coreDoc } from './documents.ts'

const size = (doc: Y.Doc): number => Y.encodeStateAsUpdate(doc).byteLength

/**
 * Growth of a core document of `members` members when one of them becomes an acked tombstone.
 * `later` (the engine's default moment, bench/engine/tombstone.ts): the core starts with one more
 * member, whose tombstone every member acked and the owner pruned first; `first`: the document's
 * first tombstone, each ack its member's first write there.
 */
export function memberTombstoneBytes(members: number, moment: TombstoneMoment = 'later'): number {
  const w = new Workload(`bench:tombstone:${members}`, moment === 'later' ? members + 1 : members)
  const doc = coreDoc(w, w.members.length)
  const owner = clientOf(w, w.entity.owner)
  if (moment === 'later') {
    const earlier = w.members.at(-1)!.id
    tombstoneAcked(doc, w, earlier, w.members)
    asClient(doc, owner, () => doc.getMap('members').delete(earlier))
  }
  const before = size(doc)
  const ackers = moment === 'later' ? w.members.slice(0, -1) : w.members
  tombstoneAcked(doc, w, ackers.at(-1)!.id, ackers)
  return size(doc) - before
}

/** The owner tombstones `gone` as the spec's code does; every one of `ackers` records its ack from its own client. */
function tombstoneAcked(doc: Y.Doc, w: Workload, gone: string, ackers: readonly { id: string }[]): void {
  const data = doc.getMap<Y.Map<unknown>>('members').get(gone)!
  asClient(doc, clientOf(w, w.entity.owner), () => {
    data.set('deleted', true)
    data.set('deleted_at', w.tick())
    data.set('deleted_by', w.entity.owner)
  })
  const acks = data.get('ack_vector') as Y.Map<number>
  for (const m of ackers) asClient(doc, clientOf(w, m.id), () => acks.set(m.id, w.tick()))
}

/**
 * The spec's worst case: 1000 message tombstones in a chat of 1000 messages, each acked by all
 * of 100 members. Returns the growth of the encoded chat document.
 */
export function worstCaseTombstoneBytes(tombstones = 1000, members = 100): number {
  const w = new Workload('bench:tombstone:worst', members)
  const doc = chatDoc(w, tombstones, 1, false)
  const before = size(doc)
  const messages = doc.getMap<Y.Map<unknown>>('messages')
  for (const [, m] of messages) {
    asClient(doc, clientOf(w, m.get('author_id') as string), () => {
      m.set('deleted', true)
      m.set('deleted_at', w.tick())
    })
    const acks = m.get('ack_vector') as Y.Map<number>
    for (const member of w.members) asClient(doc, clientOf(w, member.id), () => acks.set(member.id, w.tick()))
  }
  return size(doc) - before
}
