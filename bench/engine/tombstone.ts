/**
 * Engine figures of the tombstone table: how much a tombstone adds to the encoded document, from
 * before the deletion to the moment every member's ack is held (the next event prunes it), with
 * the raw baseline's workloads (bench/rawYjs/tombstone.ts, same seeds).
 *
 * - Total for N members: a core of N members; the owner removes one; every other member's
 *   replica receives the removal and does what its profile does (reference: attests it in its
 *   watermark; spec: acks the owner for it); the owner's replica receives each reply (spec: acks
 *   that member). The quorum is the N - 1 remaining members; the removed one is not asked. Two
 *   moments of a document's life are measured:
 *   - `later` (the spec's claim, "per tombstone overhead"): every member has acked a tombstone of
 *     the document before, from the replica it acks this one with (laterTombstone.ts); what a
 *     member wrote once per document (the reference's client registration and first watermark)
 *     is there already, and the figure is what this tombstone adds: the deletion and its acks;
 *   - `first`: the document's first tombstone, each ack its member's first write there (the
 *     reference registers its clientID then): the per-tombstone and the per-document bytes.
 * - Worst case: a chat of 1000 messages from 100 members, all deleted by the owner, each member's
 *   replica catching up on the deletions in one update (as after being offline) and acking all.
 *
 * Ackers are independent (each has seen only the owner's writes, as when acks cross on the
 * network), so with `sample` < every acker, `sample` spread over them (sampling.ts) are
 * measured and the rest extrapolated from their mean (quick mode; the full run measures every one
 * and checks the owner pruned exactly at the last).
 */
import * as Y from 'yjs'
import { LabError } from '../../src/engine/base/errors.ts'
import type { MemberId } from '../../src/engine/base/ids.ts'
import { encodeSyncMessage } from '../../src/engine/sync/messages.ts'
import type { TombstoneMoment } from '../specClaims.ts'
import { Workload } from '../workloads.ts'
import { ChatWriter, clientOfMember, createdWorld, docIdOf } from './documents.ts'
import { laterTombstoneBytes, removeMember } from './laterTombstone.ts'
import { PeakObserver } from './peakObserver.ts'
import { alongTheLine, spread } from './sampling.ts'
import { updatesOf, type BenchWorld, type EntitySnapshot } from './world.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'
import type { Envelope } from '../../src/engine/sync/envelope.ts'

/** First clientID of the worst case's ackers (their authors' clientIDs are in the chat already). */
const ACKER_CLIENT = 900_300

/** A tombstone staged on the hub, with the messages that tell other replicas about it. */
interface Staged {
  world: BenchWorld
  w: Workload
  before: EntitySnapshot
  observer: PeakObserver
  deletion: Envelope[]
  ackers: MemberId[]
  /** Tombstones a complete quorum prunes. */
  items: number
  /** The clientID an acker's replica writes with. */
  client(member: MemberId): number
}

/** Growth once every acker answered, extrapolated linearly from `sample` ackers spread over all. */
function runAckers(s: Staged, sample: number): number {
  const hub = s.w.entity.owner
  const base = s.observer.growth()
  const measured = spread(s.ackers, sample)
  for (const m of measured) {
    const acker = s.world.fork(m, s.client(m), s.before)
    for (const env of s.deletion) acker.receive(hub, env.docId, env.message)
    s.observer.deliverToHub(m, acker.drainOutbox())
    s.world.remove(m)
  }
  if (measured.length === s.ackers.length) {
    if (s.observer.prunes !== s.items)
      throw new LabError('INTERNAL', `the hub pruned ${s.observer.prunes} of ${s.items} tombstones after every ack`)
    return s.observer.growth()
  }
  if (s.observer.prunes > 0) throw new LabError('INTERNAL', 'the hub pruned before every member acked')
  return base + ((s.observer.growth() - base) * s.ackers.length) / measured.length
}

/** Growth of a core of `members` members when one of them is removed and every other member acks. */
export function engineMemberTombstoneBytes(
  profile: ProfileName,
  members: number,
  sample = Infinity,
  moment: TombstoneMoment = 'later',
): number {
  if (moment === 'later') return laterTombstoneBytes(profile, members, sample)
  const w = new Workload(`bench:tombstone:${members}`, members)
  const world = createdWorld(profile, w, w.members)
  const hub = world.get(w.entity.owner)
  const before = world.snapshot(w.entity.owner)
  const observer = new PeakObserver(hub, docIdOf(w, 'core'))
  const gone = w.members.at(-1)!
  removeMember(world, w, gone.id)
  const deletion = observer.seeHub()
  const ackers = w.members.slice(1, -1).map((m) => m.id)
  return runAckers(
    { world, w, before, observer, deletion, ackers, items: 1, client: (m) => clientOfMember(w, m) },
    sample,
  )
}

/** The spec's worst case: `tombstones` messages of a chat deleted, each acked by every one of `members` members. */
export function engineWorstCaseBytes(
  profile: ProfileName,
  tombstones = 1000,
  members = 100,
  sample = Infinity,
): number {
  const w = new Workload('bench:tombstone:worst', members)
  const writer = new ChatWriter(createdWorld(profile, w, w.members), w)
  for (let i = 0; i < tombstones; i++) writer.send(w.message(false))
  const { world } = writer
  const hub = world.get(w.entity.owner)
  const chat = docIdOf(w, 'chat')
  const before = world.snapshot(w.entity.owner)
  const observer = new PeakObserver(hub, chat)
  const updates: Uint8Array[] = []
  for (const id of writer.topLevel) {
    world.clock.set(w.tick())
    hub.execute('chat.delete', world.entityId, { message: id })
    updates.push(...updatesOf(observer.seeHub().filter((e) => e.docId === chat)))
  }
  // One message with every deletion, as a replica catching up gets them: a signing profile's
  // anti-entropy answer (the hub's signed entries past what the acker held), else one merged update.
  const a = hub.sync.authorship
  const held = new Y.Doc()
  Y.applyUpdate(held, before.get(chat)!)
  const message = encodeSyncMessage(
    a
      ? { type: 'signed', entries: a.entriesBeyond(chat, Y.decodeStateVector(Y.encodeStateVector(held))) }
      : { type: 'update', update: Y.mergeUpdates(updates) },
  )
  held.destroy()
  const deletion: Envelope[] = [{ to: '*', entityId: world.entityId, docId: chat, message, kind: 'update' }]
  const ackers = w.members.slice(1).map((m) => m.id)
  // Ackers load the hub's state as fresh replicas (a member's earlier clientID must not be reused).
  for (const m of ackers) world.remove(m)
  return runAckers(
    {
      world,
      w,
      before,
      observer,
      deletion,
      ackers,
      items: tombstones,
      client: (m) => ACKER_CLIENT + clientOfMember(w, m),
    },
    sample,
  )
}

/**
 * The worst case at `tombstones`, extended from `measured` and half as many (quick mode,
 * sampling.ts `alongTheLine`): the growth is each member's once-per-document bytes (the
 * reference's registration and watermark) plus bytes per tombstone.
 */
export function engineWorstCaseExtended(
  profile: ProfileName,
  tombstones: number,
  members: number,
  measured: number,
  sample = Infinity,
): number {
  return alongTheLine((count) => engineWorstCaseBytes(profile, count, members, sample), measured, tombstones)
}
