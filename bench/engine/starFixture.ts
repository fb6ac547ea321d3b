/**
 * The sync table's replicas: a sender (the hub), a receiver, and, where a row needs tombstones
 * to be pruned, one replica for every other active member, all loaded from a cached build.
 *
 *        acker ──┐                 the hub publishes to everyone; the others publish to the
 *        acker ──┼── hub ── receiver  hub only (it is the one that needs their acks), as on a
 *        acker ──┘                 star-shaped topic; `settle` runs rounds until all are quiet
 *
 * The sender runs as the entity's owner with a fresh pinned clientID (900_101; raw Yjs's sender
 * has the same), the receiver as the second member (900_102), ackers as the rest (900_2xx).
 */
import { convertUpdateFormatV1ToV2 } from 'yjs'
import { LabError } from '../../src/engine/base/errors.ts'
import type { MemberId } from '../../src/engine/base/ids.ts'
import type { Replica } from '../../src/engine/replica/replica.ts'
import type { Workload } from '../workloads.ts'
import type { BuiltDoc } from './catalog.ts'
import { BenchWorld, updatesOf } from './world.ts'
import type { Envelope } from '../../src/engine/sync/envelope.ts'

/** Pinned clientIDs of the sender and the receiver (raw Yjs's are the same). */
export const SENDER_CLIENT = 900_101
/** See SENDER_CLIENT. */
export const RECEIVER_CLIENT = 900_102
const ACKER_CLIENT = 900_200

/** The replicas described above, loaded from one build. */
export class StarFixture {
  readonly world: BenchWorld
  readonly w: Workload
  readonly hub: MemberId
  readonly receiver: MemberId
  /** Workload message id -> engine id, growing with the fixture's sends. */
  readonly ids: Map<string, string>
  /** Engine ids of top-level messages, oldest first, growing with the fixture's sends. */
  readonly topLevel: string[]
  /** Next top-level message an edit rewrites. */
  editCursor = 0
  /** Hub messages some members have not received yet. */
  private readonly lagging: { sent: Envelope[]; done: ReadonlySet<MemberId> }[] = []

  constructor(
    readonly built: BuiltDoc,
    private readonly withAckers = false,
  ) {
    this.w = built.workload()
    this.world = new BenchWorld(built.profile, built.entityId)
    this.hub = this.w.entity.owner
    this.receiver = this.w.members[1]!.id
    this.world.fork(this.hub, SENDER_CLIENT, built.snapshot)
    this.world.fork(this.receiver, RECEIVER_CLIENT, built.snapshot)
    if (withAckers) this.w.members.slice(2).forEach((m, i) => this.world.fork(m.id, ACKER_CLIENT + i, built.snapshot))
    this.ids = new Map(built.ids)
    this.topLevel = [...built.topLevel]
  }

  get sender(): Replica {
    return this.world.get(this.hub)
  }

  /**
   * Runs an op on the hub at time `at` and delivers what it published to `to` (the receiver by
   * default); the other members get it at the next `settle`. Returns the messages and the
   * created id; decoding them is left to the caller, so a timed run does not pay for it.
   */
  op(
    at: number,
    op: string,
    args: Record<string, unknown>,
    to: readonly MemberId[] = [this.receiver],
  ): { sent: Envelope[]; createdId?: string } {
    this.world.clock.set(at)
    const out = this.sender.execute(op, this.world.entityId, args)
    return { sent: this.fromHub(this.sender.drainOutbox(), to), createdId: out.createdId }
  }

  /** Delivers hub messages to `to` now and keeps them for the other members' next `settle`. */
  fromHub(sent: Envelope[], to: readonly MemberId[]): Envelope[] {
    for (const env of sent)
      for (const t of to) if (reaches(env, t)) this.world.get(t).receive(this.hub, env.docId, env.message)
    if (this.withAckers) this.lagging.push({ sent, done: new Set(to) })
    return sent
  }

  /** Delivery rounds on the star until no replica has anything to say. */
  settle(maxRounds = 20): void {
    const others = this.others()
    for (const { sent, done } of this.lagging.splice(0)) {
      for (const env of sent)
        for (const t of others)
          if (!done.has(t) && reaches(env, t)) this.world.get(t).receive(this.hub, env.docId, env.message)
    }
    for (let round = 0; round < maxRounds; round++) {
      let moved = this.world.deliver(this.hub).length
      for (const m of others) moved += this.world.deliver(m, [this.hub]).length
      if (moved === 0) return
    }
    throw new LabError('INTERNAL', `bench star did not settle in ${maxRounds} rounds`)
  }

  /** Every member except the hub. */
  others(): MemberId[] {
    return this.world.members().filter((m) => m !== this.hub)
  }
}

/**
 * Whether `env` is for `member`: the spec publishes to the topic (`*`); the reference sends each
 * update to every member allowed to read the document apart, one envelope each.
 */
export const reaches = (env: Envelope, member: MemberId): boolean => env.to === '*' || env.to === member

/**
 * Bytes of the updates carried by `sent`, in the V1 encoding (and V2, the same updates converted).
 * A message sent to several readers apart counts once, as a message published to the topic does:
 * the figure is the update's size; the fan-out is the transport's, the same for any update.
 */
export function publishedBytes(sent: readonly Envelope[]): { v1: number; v2: number } {
  let v1 = 0
  let v2 = 0
  const seen = new Set<string>()
  const distinct: Envelope[] = []
  for (const env of sent) {
    const key = `${env.docId}\0${Buffer.from(env.message).toString('base64')}`
    if (seen.has(key)) continue
    seen.add(key)
    distinct.push(env)
  }
  for (const u of updatesOf(distinct)) {
    v1 += u.byteLength
    v2 += convertUpdateFormatV1ToV2(u).byteLength
  }
  return { v1, v2 }
}
