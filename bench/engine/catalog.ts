/**
 * The engine documents the bench can build today, one entry per concern (kanban and issues join
 * with one entry each once their ops land), and a cache of what was built: a 1000-message chat
 * takes about a second through the engine, and the memory, sync and full-sync rows all start
 * from it. A build is kept as its hub's snapshot plus what the workload needs to continue where
 * the build stopped (the id map and a replayed `Workload`), so every user gets a fresh replica.
 */
import { LabError } from '../../src/engine/errors.ts'
import type { Concern, DocId, EntityId } from '../../src/engine/ids.ts'
import type { ProfileName } from '../../src/engine/profile.ts'
import { Workload } from '../workloads.ts'
import { chatWorld, coreWorld, docIdOf, entityIdOf } from './documents.ts'
import type { EntitySnapshot } from './world.ts'

/** A document built through the engine, ready to be loaded again. */
export interface BuiltDoc {
  readonly profile: ProfileName
  readonly entityId: EntityId
  /** The document the row is about. */
  readonly docId: DocId
  /** Every document of the entity as the hub holds it (core is always there). */
  readonly snapshot: EntitySnapshot
  /** Workload message id -> engine id (chat). */
  readonly ids: ReadonlyMap<string, string>
  /** Engine ids of top-level messages, oldest first (chat). */
  readonly topLevel: readonly string[]
  /** The workload replayed to where the build stopped (records only, no CRDT work). */
  workload(): Workload
}

/** How to build one concern's document of `count` items from a workload seeded `seed`. */
export interface EngineDocDef {
  readonly concern: Concern
  /** The query that reads the whole document (what a load is timed up to). */
  readonly query: string
  build(profile: ProfileName, seed: string, count: number): BuiltDoc
}

/** The memory table's seeds, shared with raw Yjs (bench/rawYjs/memory.ts uses `bench:${kind}`). */
export const seedOf = (kind: string): string => `bench:${kind}`

function buildCore(profile: ProfileName, seed: string, count: number): BuiltDoc {
  const w = new Workload(seed)
  const world = coreWorld(profile, w, count)
  const replay = (): Workload => {
    const r = new Workload(seed)
    while (r.members.length < count) r.member()
    return r
  }
  return { profile, entityId: entityIdOf(w), docId: docIdOf(w, 'core'), snapshot: world.snapshot(w.entity.owner), ids: new Map(), topLevel: [], workload: replay }
}

function buildChat(profile: ProfileName, seed: string, count: number): BuiltDoc {
  const w = new Workload(seed)
  const writer = chatWorld(profile, w, count)
  const replay = (): Workload => {
    const r = new Workload(seed)
    for (let i = 0; i < count; i++) r.message()
    return r
  }
  return {
    profile, entityId: entityIdOf(w), docId: docIdOf(w, 'chat'), snapshot: writer.world.snapshot(w.entity.owner),
    ids: new Map(writer.ids), topLevel: [...writer.topLevel], workload: replay,
  }
}

/** The concerns the engine can build today, by the memory table's kind. */
export const ENGINE_DOCS: Readonly<Partial<Record<'core' | 'chat' | 'kanban' | 'issues', EngineDocDef>>> = {
  core: { concern: 'core', query: 'member.list', build: buildCore },
  chat: { concern: 'chat', query: 'chat.list', build: buildChat },
}

/** A concern the engine can build. */
export type EngineDocKind = keyof typeof ENGINE_DOCS

const cache = new Map<string, BuiltDoc>()

/** The engine document of `kind` with `count` items under `profile`, built once per process. */
export function builtDoc(profile: ProfileName, kind: EngineDocKind, count: number, seed = seedOf(kind)): BuiltDoc {
  const key = `${profile}:${kind}:${count}:${seed}`
  let hit = cache.get(key)
  if (hit === undefined) {
    const def = ENGINE_DOCS[kind]
    if (def === undefined) throw new LabError('INVALID_ARG', `the engine cannot build a ${kind} document yet`, { path: kind })
    hit = def.build(profile, seed, count)
    cache.set(key, hit)
  }
  return hit
}

/** Forgets every cached build (tests; the heap probe, so it holds only bytes). */
export const clearBuilds = (): void => cache.clear()
