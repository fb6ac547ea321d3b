/**
 * "Full entity sync" through the engine: a member's empty replica joins an entity and gets
 * everything through the engine's own protocol. The hub sends an anti-entropy digest per
 * document; the newcomer, holding nothing, answers each with sync step 1 (an empty state vector);
 * the hub answers with step 2 (the whole diff), which the newcomer integrates. Bytes are the
 * step-2 diffs (V1) summed, as raw Yjs counts its diffs; CPU is every step on both sides.
 *
 * The entity holds what raw Yjs's does (bench/rawYjs/fullSync.ts): a core of 100 members, a chat
 * of 1000 messages, a board of 500 cards and 1000 issues. It starts from the memory table's chat
 * entity (1000 messages from its 20 members, already built: catalog.ts), grown to 100 members
 * with `member.add`; then the same workload goes on to its board and issues, written by
 * catalog.ts's writers (kanbanIssues.ts `KanbanWriter`, `IssuesWriter`: each card by its
 * assignee, each issue by its reporter, each comment by its author, now drawn from all 100
 * members, as raw Yjs draws them; their replicas get fresh clientIDs, `1000 + position`, since
 * the chat's authors already wrote as `position + 1`). Only the chat's authors differ from raw
 * Yjs's (20 members, not 100).
 *
 * Writing the board and issues through 100 authors' replicas takes over a minute per profile, so
 * quick mode (`quickFullSync`) builds them at 1/`QUICK_SHRINK` and extrapolates: the bytes are the
 * core and chat diffs plus `QUICK_SHRINK` × the kanban and issues diffs (each document's diff is
 * its own step 2), the time is the core-and-chat join plus `QUICK_SHRINK` × what the small board
 * and issues add to it (the median of `QUICK_SAMPLES` paired differences: `pairedJoins`).
 */
import type { MemberId } from '../../src/engine/base/ids.ts'
import { median, type TimedTask } from '../harness.ts'
import { KANBAN_COLUMNS } from '../workloads.ts'
import { builtDoc } from './catalog.ts'
import { addMember, clientOfMember } from './documents.ts'
import { IssuesWriter, KanbanWriter } from './kanbanIssues.ts'
import { BenchWorld, storeHolding, updatesOf, type EntitySnapshot } from './world.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'
import type { Envelope } from '../../src/engine/sync/envelope.ts'

/**
 * ClientIDs of the hub growing the entity, of the running hub and of the joining replica (all
 * fresh; Yjs re-draws a clientID at random when a load brings in its own structs).
 */
const GROWER_CLIENT = 900_201
export const HUB_CLIENT = 900_202
export const NEWCOMER_CLIENT = 900_203
/** The hub writing the board and issues on the grown entity (the grower's clientID is in its core). */
const BOARD_CLIENT = 900_204
/** Authors of the board and issues: a fresh clientID per member, past the chat's `position + 1`. */
const AUTHOR_CLIENT_BASE = 1000
interface Entity {
  snapshot: EntitySnapshot
  hub: string
  newcomer: string
  entityId: BenchWorld['entityId']
}

/** The entity's size: raw Yjs's (tests and quick mode use smaller ones). */
export interface EntitySize {
  readonly messages: number
  readonly members: number
  readonly cards: number
  readonly issues: number
}
export const FULL_ENTITY: EntitySize = { messages: 1000, members: 100, cards: 500, issues: 1000 }

/** Quick mode: the board and issues at 1/`QUICK_SHRINK`, extrapolated; joins timed per entity. */
export const QUICK_SHRINK = 10
export const QUICK_SAMPLES = 9

const built = new Map<string, Entity>()

/** The entity described above, built once per profile and size. */
function entity(profile: ProfileName, size: EntitySize): Entity {
  const key = `${profile}:${size.messages}:${size.members}:${size.cards}:${size.issues}`
  let e = built.get(key)
  if (e === undefined) {
    const chat = builtDoc(profile, 'chat', size.messages)
    const w = chat.workload()
    const world = new BenchWorld(profile, chat.entityId)
    const bare = size.cards === 0 && size.issues === 0
    if (bare) {
      world.fork(w.entity.owner, GROWER_CLIENT, chat.snapshot)
      while (w.members.length < size.members) addMember(world, w, w.member())
      world.discard(w.entity.owner)
    } else {
      // From the grown core and chat (built once, shared with quick mode's bare join); the
      // workload replays the members it drew.
      world.fork(w.entity.owner, BOARD_CLIENT, entity(profile, { ...size, cards: 0, issues: 0 }).snapshot)
      while (w.members.length < size.members) w.member()
    }
    const clientOf = (m: MemberId): number => AUTHOR_CLIENT_BASE + clientOfMember(w, m)
    if (size.cards > 0) {
      const board = new KanbanWriter(world, w, clientOf)
      for (let n = 0; n < size.cards; n++) board.add(w.card(KANBAN_COLUMNS))
    }
    if (size.issues > 0) {
      const issues = new IssuesWriter(world, w, clientOf)
      for (let n = 0; n < size.issues; n++) issues.add(w.issue())
    }
    e = {
      snapshot: world.snapshot(w.entity.owner),
      hub: w.entity.owner,
      newcomer: w.members.at(-1)!.id,
      entityId: world.entityId,
    }
    built.set(key, e)
  }
  return e
}

/** The timed join's state: the entity and the hub's world. */
interface HubState {
  readonly e: Entity
  readonly world: BenchWorld
}

/** A world holding the hub, running with every document loaded (joins change nothing on it). */
function hubWorld(profile: ProfileName, e: Entity): BenchWorld {
  const world = new BenchWorld(profile, e.entityId)
  world.add(e.hub, HUB_CLIENT, storeHolding(e.snapshot))
  for (const docId of e.snapshot.keys()) world.get(e.hub).ydoc(docId)
  return world
}

/** A fresh, empty replica of the newcomer (the previous one forgotten). */
function freshNewcomer(world: BenchWorld, e: Entity): void {
  world.remove(e.newcomer)
  world.add(e.newcomer, NEWCOMER_CLIENT)
}

/** Runs the join; returns the step-2 messages the newcomer received. */
function join(world: BenchWorld, e: Entity): Envelope[] {
  world.get(e.hub).antiEntropy(e.newcomer, e.entityId)
  world.deliver(e.hub, [e.newcomer])
  world.deliver(e.newcomer, [e.hub])
  return world.deliver(e.hub, [e.newcomer]).filter((env) => env.kind === 'step2')
}

/** Step-2 bytes (V1) of one join, by concern (the document id's last part). */
function joinBytes(profile: ProfileName, size: EntitySize): Map<string, number> {
  const e = entity(profile, size)
  const world = hubWorld(profile, e)
  freshNewcomer(world, e)
  const out = new Map<string, number>()
  const steps = join(world, e)
  for (const env of steps) {
    const concern = env.docId.split(':').at(-1)!
    for (const u of updatesOf([env])) out.set(concern, (out.get(concern) ?? 0) + u.byteLength)
  }
  return out
}

/** Bytes of the step-2 diffs (V1) that bring an empty replica up to date. */
export function engineFullSyncBytes(profile: ProfileName, size = FULL_ENTITY): number {
  return [...joinBytes(profile, size).values()].reduce((s, b) => s + b, 0)
}

/** The join, timed; a fresh newcomer is made before each sample (untimed). */
export function engineFullSyncTask(profile: ProfileName, size = FULL_ENTITY): TimedTask<HubState> {
  return {
    kind: 'timed',
    setup: () => {
      const e = entity(profile, size)
      return { e, world: hubWorld(profile, e) }
    },
    beforeEach: (s) => freshNewcomer(s.world, s.e),
    fn: (s) => join(s.world, s.e),
  }
}

/** Wall time of one join of a hub's entity (a fresh newcomer made first, untimed). */
function timedJoin(hub: HubState): number {
  freshNewcomer(hub.world, hub.e)
  const start = performance.now()
  join(hub.world, hub.e)
  return performance.now() - start
}

/**
 * Joins of the bare entity and of the small one, in pairs (bare, small, bare, small, ...): the
 * median bare join and the median of the pairs' differences. Timed apart (seven of one, then seven
 * of the other), the two medians saw different load (the bench's second process runs beside) and
 * their difference, multiplied by the shrink, swung the extrapolated join from 0.44 s to 1.38 s
 * between two runs of the same code; each pair sees the same load.
 */
function pairedJoins(
  profile: ProfileName,
  bare: EntitySize,
  small: EntitySize,
  samples: number,
): { bare: number; extra: number } {
  const hubs = [bare, small].map((size) => {
    const e = entity(profile, size)
    return { e, world: hubWorld(profile, e) }
  })
  const bases: number[] = []
  const extras: number[] = []
  for (let i = 0; i < samples; i++) {
    const base = timedJoin(hubs[0]!)
    bases.push(base)
    extras.push(timedJoin(hubs[1]!) - base)
  }
  return { bare: median(bases), extra: median(extras) }
}

/** The entity of `size` with its board and issues at 1/`shrink`, and without them. */
function shrunk(size: EntitySize, shrink: number): { small: EntitySize; bare: EntitySize } {
  const small = { ...size, cards: Math.ceil(size.cards / shrink), issues: Math.ceil(size.issues / shrink) }
  return { small, bare: { ...size, cards: 0, issues: 0 } }
}

/** Quick mode's figures for `size` (see the file's comment): bytes and milliseconds, extrapolated. */
export function quickFullSync(
  profile: ProfileName,
  size = FULL_ENTITY,
  shrink = QUICK_SHRINK,
  samples = QUICK_SAMPLES,
): { bytes: () => number; ms: () => number } {
  const { small, bare } = shrunk(size, shrink)
  return {
    bytes: () => {
      let total = 0
      for (const [concern, b] of joinBytes(profile, small))
        total += concern === 'kanban' || concern === 'issues' ? b * shrink : b
      return total
    },
    ms: () => {
      const joins = pairedJoins(profile, bare, small, samples)
      return joins.bare + shrink * Math.max(0, joins.extra)
    },
  }
}
