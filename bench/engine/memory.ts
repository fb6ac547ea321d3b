/**
 * Engine figures of the memory table. `docBytes` is the encoded (V1) state of the engine's
 * document, built through the engine's ops from the raw baseline's workload. `loadMs` builds a
 * fresh Replica on a store holding the entity's documents and reads the whole document with its
 * queries (`member.list`, `chat.list`, `kanban.board`, `issues.get` of every issue; catalog.ts):
 * the store's checksum check, the Yjs load, the profile's plugins and the view are all part of it
 * (a chat read also loads the small core document, whose membership the read needs). `memBytes`
 * is the heap that replica holds, from the child-process probe (heap.ts), which gets the
 * snapshot through a temporary file so it only loads.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DocId, EntityId } from '../../src/engine/base/ids.ts'
import { profileByName } from '../../src/engine/profile/profile.ts'
import { ManualClock, providersOf, Rng, SeededIds } from '../../src/engine/base/providers.ts'
import { Replica } from '../../src/engine/replica/replica.ts'
import type { MemoryStore } from '../../src/engine/store/memoryStore.ts'
import type { TimedTask } from '../harness.ts'
import { heapDeltaInChild, type HeapSubject } from '../heap.ts'
import { EPOCH_MS } from '../workloads.ts'
import { builtDoc, ENGINE_DOCS, type BuiltDoc, type EngineDocKind } from './catalog.ts'
import { BENCH_COMPACT_EVERY, pinnedClientIds, storeHolding, type EntitySnapshot } from './world.ts'
import { CRYPTOGRAPHY_BESIDE } from './signaturesBeside.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'

/** ClientID of a loading replica (it never writes; distinct from every author's). */
const LOADER_CLIENT = 900_001
/** The member a loading replica runs as: one that is no author, so it reads like any peer. */
const LOADER = 'bench-loader'

/** Encoded (V1) size of the engine's `kind` document of `count` items. */
export const engineDocBytes = (profile: ProfileName, kind: EngineDocKind, count: number): number => {
  const b = builtDoc(profile, kind, count)
  return b.snapshot.get(b.docId)!.byteLength
}

/** A fresh replica on `store` that reads the whole `kind` document (`items`: the build's); returns the replica. */
export function loadReplica(
  profile: ProfileName,
  kind: EngineDocKind,
  entityId: EntityId,
  store: MemoryStore,
  items: readonly string[] = [],
): Replica {
  const clock = new ManualClock(EPOCH_MS)
  const replica = new Replica({
    member: LOADER,
    profile: profileByName(profile),
    store,
    providers: providersOf({
      clock,
      ids: new SeededIds(new Rng('bench:loader')),
      clientIds: pinnedClientIds(LOADER_CLIENT),
      keySeed: 'bench',
    }),
    config: { compactEvery: BENCH_COMPACT_EVERY },
    signatures: CRYPTOGRAPHY_BESIDE,
  })
  ENGINE_DOCS[kind].read(replica, entityId, items)
  return replica
}

/** The timed load's state: the build, and the store prepared for the next sample. */
interface LoadState {
  readonly built: BuiltDoc
  store: MemoryStore
}

/** Timed load: the store is prepared untimed before every sample (a disk holding the documents). */
export function engineLoadTask(profile: ProfileName, kind: EngineDocKind, count: number): TimedTask<LoadState> {
  return {
    kind: 'timed',
    setup: () => {
      const b = builtDoc(profile, kind, count)
      // Untimed warm-up loads: in quick mode this is the process's first timed engine work, and
      // tinybench's short warm-up would leave the engine's code cold for the few samples taken.
      for (let i = 0; i < 5; i++) loadReplica(profile, kind, b.entityId, storeHolding(b.snapshot), b.items)
      return { built: b, store: storeHolding(b.snapshot) }
    },
    beforeEach: (s) => {
      s.store = storeHolding(s.built.snapshot)
    },
    fn: (s) => loadReplica(profile, kind, s.built.entityId, s.store, s.built.items),
  }
}

interface HeapArg {
  profile: ProfileName
  kind: EngineDocKind
  entityId: EntityId
  items: readonly string[]
  file: string
}

/** Heap subject for heap.ts: reads the snapshot file into a store, then loads a replica from it. */
export function engineDocument(arg: unknown): HeapSubject {
  const a = arg as HeapArg
  let store: MemoryStore | undefined
  return {
    prepare: () => {
      store = storeHolding(readSnapshot(a.file))
    },
    load: () => loadReplica(a.profile, a.kind, a.entityId, store!, a.items),
  }
}

/** Heap held by a replica that loaded the engine's `kind` document, from `children` child processes. */
export async function engineMemBytes(
  profile: ProfileName,
  kind: EngineDocKind,
  count: number,
  children: number,
): Promise<number> {
  const b = builtDoc(profile, kind, count)
  const dir = mkdtempSync(join(tmpdir(), 'crdt-lab-bench-'))
  const file = join(dir, 'snapshot.json')
  try {
    writeSnapshot(file, b.snapshot)
    return await heapDeltaInChild(
      import.meta.url,
      'engineDocument',
      { profile, kind, entityId: b.entityId, items: b.items, file } satisfies HeapArg,
      children,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function writeSnapshot(file: string, snapshot: EntitySnapshot): void {
  const json: Record<string, string> = {}
  for (const [docId, bytes] of snapshot) json[docId] = Buffer.from(bytes).toString('base64')
  writeFileSync(file, JSON.stringify(json))
}

function readSnapshot(file: string): EntitySnapshot {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<DocId, string>
  return new Map(Object.entries(json).map(([d, b64]) => [d as DocId, new Uint8Array(Buffer.from(b64, 'base64'))]))
}
