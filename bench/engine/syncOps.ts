/**
 * Engine figures of the sync table, on the replicas of starFixture.ts, with the raw baseline's
 * operations and workload (bench/rawYjs/syncOps.ts):
 *
 * - updateBytes: the V1 updates the operation publishes on the sender, all of them (a reference
 *   delete publishes the deletion and the sender's own ack), mean of 50 operations after one
 *   untimed warm-up (the sender's fresh clientID registers once, which is no per-op cost);
 * - cpuMs: the op on the sender plus applying its messages on the receiver (whatever the
 *   receiver's engine does on receipt, e.g. attesting a deletion, is included);
 * - Delete: every member has a replica and each sample starts from a settled star, so the previous
 *   tombstone was acked and pruned (the spec's 1-2 sync rounds) rather than piling up;
 * - Prune: the reference prunes when the last ack arrives, so each sample stages a tombstone with
 *   every ack but the last member's and times the hub receiving that ack (the event that prunes;
 *   raw Yjs times the same event: the last ack applied, then the delete). Its bytes are what the
 *   hub publishes during that event: the prune (and, in the spec profile, the ack the hub writes
 *   for that member first).
 *
 * Kanban and issues ops join as one `ENGINE_SYNC_OPS` entry each.
 */
import type { TimedTask } from '../harness.ts'
import { OPS_PER_MEAN } from '../rawYjs/syncOps.ts'
import { chatContent } from '../workloads.ts'
import { builtDoc, type EngineDocKind } from './catalog.ts'
import { sendArgs } from './documents.ts'
import { publishedBytes, StarFixture } from './starFixture.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'
import type { Envelope } from '../../src/engine/sync/envelope.ts'

/** Untimed runs before the samples of a staged operation (see TimedTask.warmups). */
export const STAGED_WARMUPS = 16

/** One sync-table operation through the engine. */
export interface EngineSyncOp {
  readonly doc: EngineDocKind
  readonly count: number
  /** Every member gets a replica, so tombstones can be acked and pruned between samples. */
  readonly ackers?: boolean
  /** Untimed, before each operation. */
  prep?(f: StarFixture): void
  /** The operation and its delivery; returns the messages whose updates it published. */
  op(f: StarFixture): Envelope[]
  /** Fixed sample count (full mode) where `prep` dwarfs the timed part. */
  readonly samples?: number
}

const addMember = (f: StarFixture): Envelope[] => {
  const m = f.w.member()
  return f.op(m.joinedAt, 'member.add', { member: m.id, role: m.role }).sent
}

/** Sends the workload's next message; top-level ones join the pool edits and deletes draw from. */
function send(f: StarFixture, replies = true, to?: readonly string[]): Envelope[] {
  const m = f.w.message(replies)
  const { sent, createdId } = f.op(m.createdAt, 'chat.send', sendArgs(m, f.ids), to)
  f.ids.set(m.id, createdId!)
  if (m.replyTo === undefined) f.topLevel.push(createdId!)
  return sent
}

const edit = (f: StarFixture): Envelope[] => {
  const id = f.topLevel[f.editCursor++ % f.topLevel.length]!
  const content = chatContent(f.w.rng)
  return f.op(f.w.tick(), 'chat.edit', { message: id, content }).sent
}

/** Settles the star, then sends a fresh top-level message to everyone. */
function freshMessage(f: StarFixture): void {
  f.settle()
  send(f, false, f.others())
}

/** Deletes the newest top-level message (delivered to the receiver, or to `to`). */
const remove = (f: StarFixture, to?: readonly string[]): Envelope[] =>
  f.op(f.w.tick(), 'chat.delete', { message: f.topLevel.at(-1)! }, to).sent

/** The last member's ack, held back by `stagePrune`, per fixture. */
const heldAck = new WeakMap<StarFixture, Envelope[]>()

/** A tombstone everyone holds, with every member's ack delivered to the hub but the receiver's (held). */
function stagePrune(f: StarFixture): void {
  freshMessage(f)
  remove(f, f.others())
  const others = f.others().filter((m) => m !== f.receiver)
  for (const m of others) f.world.deliver(m, [f.hub])
  f.fromHub(f.sender.drainOutbox(), others)
  heldAck.set(f, f.world.get(f.receiver).drainOutbox())
}

/** The hub integrates the held ack, which completes the quorum and prunes; the rest hear of it at the next settle. */
function pruneEvent(f: StarFixture): Envelope[] {
  for (const env of heldAck.get(f) ?? []) f.sender.receive(f.receiver, env.docId, env.message)
  heldAck.delete(f)
  return f.fromHub(f.sender.drainOutbox(), [])
}

/** The sync-table operations, by the spec's row names. */
export const ENGINE_SYNC_OPS: Readonly<Record<string, EngineSyncOp>> = {
  // Each add grows the core, and the reference's cost grows with it: a fixed count keeps the median near 100 members.
  'Add member': { doc: 'core', count: 100, op: addMember, samples: 64 },
  'Send message': { doc: 'chat', count: 1000, op: (f) => send(f) },
  'Edit message': { doc: 'chat', count: 1000, op: edit },
  'Delete (tombstone)': {
    doc: 'chat',
    count: 1000,
    ackers: true,
    prep: freshMessage,
    op: (f) => remove(f),
    samples: 32,
  },
  'Prune tombstone': { doc: 'chat', count: 1000, ackers: true, prep: stagePrune, op: pruneEvent, samples: 32 },
}

/**
 * A fixture for one measure. Operations with ackers share one fixture per profile between their
 * bytes and CPU measures (the CPU samples continue the workload where the bytes left it): loading
 * twenty member replicas of a 1000-message chat twice would cost more than either measure.
 */
const shared = new Map<string, { spec: EngineSyncOp; fixture: StarFixture }[]>()

function fixtureFor(profile: ProfileName, spec: EngineSyncOp): StarFixture {
  const make = (): StarFixture => new StarFixture(builtDoc(profile, spec.doc, spec.count), spec.ackers === true)
  if (spec.ackers !== true) return make()
  const list = shared.get(profile) ?? []
  shared.set(profile, list)
  let hit = list.find((f) => f.spec === spec)
  if (hit === undefined) list.push((hit = { spec, fixture: make() }))
  return hit.fixture
}

/** The fixture, no longer cached: the caller holds the last reference. */
function takeFixture(profile: ProfileName, spec: EngineSyncOp): StarFixture {
  const f = fixtureFor(profile, spec)
  shared.set(
    profile,
    (shared.get(profile) ?? []).filter((e) => e.spec !== spec),
  )
  return f
}

/** Mean V1 / V2 bytes the operation publishes over `ops` operations, after one warm-up. */
export function engineMeanBytes(
  profile: ProfileName,
  spec: EngineSyncOp,
  ops = OPS_PER_MEAN,
): { v1: number; v2: number } {
  const f = fixtureFor(profile, spec)
  spec.prep?.(f)
  spec.op(f)
  let v1 = 0
  let v2 = 0
  for (let i = 0; i < ops; i++) {
    spec.prep?.(f)
    const b = publishedBytes(spec.op(f))
    v1 += b.v1
    v2 += b.v2
  }
  return { v1: v1 / ops, v2: v2 / ops }
}

/**
 * The operation timed with tinybench on a fixture built in setup (not timed). The CPU row is the
 * last to use an ackers fixture (its bytes row comes first), so setup takes it out of the cache.
 */
export function engineOpTask(profile: ProfileName, spec: EngineSyncOp): TimedTask<StarFixture> {
  const task: TimedTask<StarFixture> = {
    kind: 'timed',
    setup: () => takeFixture(profile, spec),
    fn: (f) => spec.op(f),
  }
  if (spec.prep !== undefined) task.beforeEach = spec.prep
  if (spec.samples !== undefined) task.samples = spec.samples
  // Staged ops (delete, prune) run few samples: warm them as the raw column's time budget is warmed.
  if (spec.prep !== undefined) task.warmups = STAGED_WARMUPS
  return task
}
