/**
 * "Full entity sync" through the engine: a member's empty replica joins an entity and gets
 * everything through the engine's own protocol. The hub sends an anti-entropy digest per
 * document; the newcomer, holding nothing, answers each with sync step 1 (an empty state vector);
 * the hub answers with step 2 (the whole diff), which the newcomer integrates. Bytes are the
 * step-2 diffs (V1) summed, as raw Yjs counts its diffs; CPU is every step on both sides.
 *
 * The entity is the memory table's chat entity (1000 messages from its 20 members, already
 * built) grown to 100 members with `member.add`: a core of 100 members and a chat of 1000
 * messages, as raw Yjs's entity (whose messages come from all 100 members). Raw Yjs also syncs
 * kanban (500) and issues (1000); the engine columns leave them out until their ops land.
 */
import type { ProfileName } from '../../src/engine/profile.ts'
import type { Envelope } from '../../src/engine/replica/outbox.ts'
import type { TimedTask } from '../harness.ts'
import { builtDoc } from './catalog.ts'
import { addMember } from './documents.ts'
import { BenchWorld, storeHolding, updatesOf, type EntitySnapshot } from './world.ts'

/** ClientIDs of the hub growing the entity, of the running hub and of the joining replica (all fresh). */
const GROWER_CLIENT = 900_201
const HUB_CLIENT = 900_202
const NEWCOMER_CLIENT = 900_203
interface Entity { snapshot: EntitySnapshot; hub: string; newcomer: string; entityId: BenchWorld['entityId'] }

/** The entity's size: raw Yjs's (tests use smaller ones). */
export interface EntitySize {
  readonly messages: number
  readonly members: number
}
const FULL: EntitySize = { messages: 1000, members: 100 }

const built = new Map<string, Entity>()

/** The entity described above, built once per profile and size. */
function entity(profile: ProfileName, size: EntitySize): Entity {
  const key = `${profile}:${size.messages}:${size.members}`
  let e = built.get(key)
  if (e === undefined) {
    const chat = builtDoc(profile, 'chat', size.messages)
    const w = chat.workload()
    const world = new BenchWorld(profile, chat.entityId)
    world.fork(w.entity.owner, GROWER_CLIENT, chat.snapshot)
    while (w.members.length < size.members) addMember(world, w, w.member())
    world.discard(w.entity.owner)
    e = { snapshot: world.snapshot(w.entity.owner), hub: w.entity.owner, newcomer: w.members.at(-1)!.id, entityId: world.entityId }
    built.set(key, e)
  }
  return e
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

/** Bytes of the step-2 diffs (V1) that bring an empty replica up to date. */
export function engineFullSyncBytes(profile: ProfileName, size = FULL): number {
  const e = entity(profile, size)
  const world = hubWorld(profile, e)
  freshNewcomer(world, e)
  return updatesOf(join(world, e)).reduce((s, u) => s + u.byteLength, 0)
}

/** The join, timed; a fresh newcomer is made before each sample (untimed). */
export function engineFullSyncTask(profile: ProfileName, size = FULL): TimedTask {
  let e: Entity | undefined
  let world: BenchWorld | undefined
  return {
    kind: 'timed',
    setup: () => {
      e = entity(profile, size)
      world = hubWorld(profile, e)
    },
    beforeEach: () => freshNewcomer(world!, e!),
    fn: () => join(world!, e!),
  }
}
