/**
 * The engine documents the bench can build, one entry per concern of the memory table (core,
 * chat, kanban, issues), and a cache of what was built: a 1000-message chat takes about a second
 * through the engine (1000 issues about eight), and the memory, sync and full-sync rows all start
 * from it. A build is kept as its hub's snapshot plus what the workload needs to continue where
 * the build stopped (the id map and a replayed `Workload`), so every user gets a fresh replica.
 */
import type { Concern, DocId, EntityId } from '../../src/engine/base/ids.ts'
import type { Replica } from '../../src/engine/replica/replica.ts'
import { KANBAN_COLUMNS, Workload } from '../workloads.ts'
import { chatWorld, coreWorld, docIdOf, entityIdOf } from './documents.ts'
import { issuesWorld, kanbanWorld } from './kanbanIssues.ts'
import type { EntitySnapshot } from './world.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'

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
  /** Engine ids of the document's records, oldest first (kanban cards, issues). */
  readonly items: readonly string[]
  /** The workload replayed to where the build stopped (records only, no CRDT work). */
  workload(): Workload
}

/** How to build one concern's document of `count` items from a workload seeded `seed`. */
export interface EngineDocDef {
  readonly concern: Concern
  /**
   * Reads the whole document through the engine's queries (what a load is timed up to); `items`
   * are the built document's `items`, for concerns whose query reads one record (issues).
   */
  read(replica: Replica, entityId: EntityId, items: readonly string[]): void
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
  return {
    profile,
    entityId: entityIdOf(w),
    docId: docIdOf(w, 'core'),
    snapshot: world.snapshot(w.entity.owner),
    ids: new Map(),
    topLevel: [],
    items: [],
    workload: replay,
  }
}

/** The workload of `seed` replayed through `count` draws (records only, no CRDT work). */
const replayOf = (seed: string, count: number, draw: (r: Workload) => unknown) => (): Workload => {
  const r = new Workload(seed)
  for (let i = 0; i < count; i++) draw(r)
  return r
}

function buildChat(profile: ProfileName, seed: string, count: number): BuiltDoc {
  const w = new Workload(seed)
  const writer = chatWorld(profile, w, count)
  const replay = replayOf(seed, count, (r) => r.message())
  return {
    profile,
    entityId: entityIdOf(w),
    docId: docIdOf(w, 'chat'),
    snapshot: writer.world.snapshot(w.entity.owner),
    ids: new Map(writer.ids),
    topLevel: [...writer.topLevel],
    items: [],
    workload: replay,
  }
}

function buildKanban(profile: ProfileName, seed: string, count: number): BuiltDoc {
  const w = new Workload(seed)
  const writer = kanbanWorld(profile, w, count)
  const replay = replayOf(seed, count, (r) => r.card(KANBAN_COLUMNS))
  return {
    profile,
    entityId: entityIdOf(w),
    docId: docIdOf(w, 'kanban'),
    snapshot: writer.world.snapshot(w.entity.owner),
    ids: new Map(),
    topLevel: [],
    items: [...writer.cards],
    workload: replay,
  }
}

function buildIssues(profile: ProfileName, seed: string, count: number): BuiltDoc {
  const w = new Workload(seed)
  const writer = issuesWorld(profile, w, count)
  const replay = replayOf(seed, count, (r) => r.issue())
  return {
    profile,
    entityId: entityIdOf(w),
    docId: docIdOf(w, 'issues'),
    snapshot: writer.world.snapshot(w.entity.owner),
    ids: new Map(),
    topLevel: [],
    items: [...writer.issues],
    workload: replay,
  }
}

/** A read of the whole document by one query without arguments. */
const byQuery =
  (name: string) =>
  (replica: Replica, entityId: EntityId): void =>
    void replica.query(name, entityId)

/** The concerns the engine can build, by the memory table's kind. */
export const ENGINE_DOCS: Readonly<Record<'core' | 'chat' | 'kanban' | 'issues', EngineDocDef>> = {
  core: { concern: 'core', read: byQuery('member.list'), build: buildCore },
  chat: { concern: 'chat', read: byQuery('chat.list'), build: buildChat },
  kanban: { concern: 'kanban', read: byQuery('kanban.board'), build: buildKanban },
  // No query lists issues: a whole read is `issues.get` of every issue (with its comments).
  issues: {
    concern: 'issues',
    read: (replica, entityId, items) => {
      for (const issue of items) replica.query('issues.get', entityId, { issue })
    },
    build: buildIssues,
  },
}

/** A concern the engine can build. */
export type EngineDocKind = keyof typeof ENGINE_DOCS

const cache = new Map<string, BuiltDoc>()

/** The engine document of `kind` with `count` items under `profile`, built once per process. */
export function builtDoc(profile: ProfileName, kind: EngineDocKind, count: number, seed = seedOf(kind)): BuiltDoc {
  const key = `${profile}:${kind}:${count}:${seed}`
  let hit = cache.get(key)
  if (hit === undefined) {
    hit = ENGINE_DOCS[kind].build(profile, seed, count)
    cache.set(key, hit)
  }
  return hit
}

/** Forgets every cached build (tests; the heap probe, so it holds only bytes). */
export const clearBuilds = (): void => cache.clear()
