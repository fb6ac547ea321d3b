/**
 * The tombstone row's `later` moment (tombstone.ts): a tombstone in a core whose members have all
 * acked one before, as in a document in use. A core of N + 1 members; the owner (the hub) removes
 * the last, the earlier tombstone; every other member's replica, loaded from the core as it was
 * before, acks it and stays online; the star settles (each replica gets what the hub wrote since, the
 * earlier tombstone's prune among it, and answers). Then the owner removes the member before it,
 * the measured tombstone, and each acker's replica acks that too: from the same client, so its
 * registration and watermark are there already. The figure is what the second removal adds to the
 * hub's document at its peak: the deletion, then every ack and what the hub writes on each.
 *
 * Every acker's replica is kept online through both tombstones (about 1.5 MB each for a core of
 * 1000 members). A full run checks that the hub pruned the earlier tombstone before the second
 * removal and the measured one at the last ack; a sampled one that it pruned nothing.
 */
import { LabError } from '../../src/engine/base/errors.ts'
import type { MemberId } from '../../src/engine/base/ids.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'
import type { Envelope } from '../../src/engine/sync/envelope.ts'
import { Workload } from '../workloads.ts'
import { clientOfMember, createdWorld, docIdOf } from './documents.ts'
import { PeakObserver } from './peakObserver.ts'
import { alongTheLine, spread } from './sampling.ts'
import { reaches } from './starFixture.ts'
import type { BenchWorld } from './world.ts'

/** Rounds of the star settling between the tombstones before it counts as stuck. */
const SETTLE_ROUNDS = 20

/** The owner removes `member` at the workload's next tick. */
export function removeMember(world: BenchWorld, w: Workload, member: MemberId): void {
  world.clock.set(w.tick())
  world.get(w.entity.owner).execute('member.remove', world.entityId, { member })
}

/** What the hub published, in order, and how far each acker's replica has received it. */
class HubLog {
  private readonly sent: Envelope[] = []
  private readonly upTo = new Map<MemberId, number>()

  constructor(
    private readonly world: BenchWorld,
    private readonly hub: MemberId,
  ) {}

  add(sent: readonly Envelope[]): void {
    this.sent.push(...sent)
  }

  /** Delivers to `member`'s replica what the hub published since it last caught up; returns how many. */
  catchUp(member: MemberId): number {
    const replica = this.world.get(member)
    let n = 0
    for (let i = this.upTo.get(member) ?? 0; i < this.sent.length; i++) {
      const env = this.sent[i]!
      if (reaches(env, member)) n++, replica.receive(this.hub, env.docId, env.message)
    }
    this.upTo.set(member, this.sent.length)
    return n
  }
}

/**
 * Bytes the measured tombstone adds (see the file comment). With `sample` < every acker, the
 * staging runs with `sample` ackers and with half as many, and the line through the two is
 * extended to every acker: the acks grow with the ackers, and so does the deletion (a removal
 * records the core's state vector, an entry per client that wrote there).
 */
export function laterTombstoneBytes(profile: ProfileName, members: number, sample: number): number {
  const ackers = members - 2
  const figure = (count: number): number => staged(profile, members, count)
  return sample >= ackers ? figure(ackers) : alongTheLine(figure, sample, ackers)
}

/** What the measured tombstone adds when `sample` ackers, spread over all, have replicas (see the file comment). */
function staged(profile: ProfileName, members: number, sample: number): number {
  const w = new Workload(`bench:tombstone:${members}`, members + 1)
  const world = createdWorld(profile, w, w.members)
  const hub = w.entity.owner
  const before = world.snapshot(hub)
  const observer = new PeakObserver(world.get(hub), docIdOf(w, 'core'))
  const log = new HubLog(world, hub)
  const measured = w.members.at(-2)!.id
  // The member the measured tombstone removes acks the earlier one too (it is in that quorum).
  const ackers = w.members.slice(1, -2).map((m) => m.id)
  const sampled = spread(ackers, sample)
  const earlierAckers = [...sampled, measured]
  // Each acker answers what it receives; the hub's answers go to the log for the others.
  const answer = (m: MemberId): number => {
    const out = world.get(m).drainOutbox()
    log.add(observer.deliverToHub(m, out))
    return out.length
  }
  removeMember(world, w, w.members.at(-1)!.id)
  log.add(observer.seeHub())
  for (const m of earlierAckers) {
    world.fork(m, clientOfMember(w, m), before)
    log.catchUp(m)
    answer(m)
  }
  settle(earlierAckers, log, answer)
  const pruned = observer.prunes
  observer.catchUp()
  const start = observer.size()
  removeMember(world, w, measured)
  log.add(observer.seeHub())
  const deletion = observer.size() - start
  let acks = 0
  for (const m of sampled) {
    const at = observer.size()
    log.catchUp(m)
    answer(m)
    acks += observer.size() - at
  }
  const complete = sampled.length === ackers.length
  if (pruned !== (complete ? 1 : 0) || observer.prunes !== (complete ? 2 : 0))
    throw new LabError('INTERNAL', `the hub pruned ${pruned}, then ${observer.prunes} of 2 tombstones`)
  return deletion + acks
}

/** Delivery rounds between the hub and the ackers until neither has anything to say. */
function settle(ackers: readonly MemberId[], log: HubLog, answer: (m: MemberId) => number): void {
  for (let round = 0; round < SETTLE_ROUNDS; round++) {
    let moved = 0
    for (const m of ackers) moved += log.catchUp(m) + answer(m)
    if (moved === 0) return
  }
  throw new LabError('INTERNAL', `the tombstone star did not settle in ${SETTLE_ROUNDS} rounds`)
}
