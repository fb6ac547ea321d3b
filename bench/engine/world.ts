/**
 * The bench's world of engine replicas: the small world (src/sim/smallWorld.ts) with one entity,
 * one replica per member that takes part, pinned clientIDs, one virtual clock, and explicit
 * delivery (no scheduler or network: the bench must see exactly which messages an operation
 * causes). Replicas can be forked from an entity snapshot, so an expensive document is built once
 * and then loaded as many times as needed. Replicas sign with `CRYPTOGRAPHY_BESIDE`
 * (signaturesBeside.ts): the envelopes without Ed25519, whose cost has rows of its own.
 *
 * ClientIDs are pinned as the raw Yjs baselines pin theirs (an author's is its workload position
 * plus one; the bench's own replicas use 900_1xx), so bytes compare like with like: Yjs writes
 * clientIDs as var-uints, and the reference profile also writes them (base 36) into map keys.
 */
import type { DocId, EntityId, MemberId } from '../../src/engine/base/ids.ts'
import { profileByName, type Profile } from '../../src/engine/profile/profile.ts'
import { ManualClock, Rng, SeededIds, type ClientIdSource } from '../../src/engine/base/providers.ts'
import type { Replica } from '../../src/engine/replica/replica.ts'
import { MemoryStore } from '../../src/engine/store/memoryStore.ts'
import { SmallWorld } from '../../src/sim/smallWorld.ts'
import { decodeSyncMessage } from '../../src/engine/sync/messages.ts'
import { entryStoreOf } from '../../src/engine/authorship/entryStore.ts'
import { EPOCH_MS } from '../workloads.ts'
import { CRYPTOGRAPHY_BESIDE } from './signaturesBeside.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'
import type { Envelope } from '../../src/engine/sync/envelope.ts'

/** Encoded state (V1) of every document of an entity, by document id. */
export type EntitySnapshot = ReadonlyMap<DocId, Uint8Array>

/** Appends between compactions for bench replicas: never while a figure is being built. */
export const BENCH_COMPACT_EVERY = 1 << 30

/**
 * One pinned clientID per document, `client` first; a second request for the same document (a
 * rotation after a re-add) gets a distinct id above 2^24, so an id is never reused.
 */
export function pinnedClientIds(client: number): ClientIdSource {
  const asked = new Map<DocId, number>()
  return {
    next(docId: DocId): number {
      const n = asked.get(docId) ?? 0
      asked.set(docId, n + 1)
      return client + n * 0x1000000
    },
  }
}

/**
 * The signed records (reference profile: authorship/entryStore.ts) beside each document of a
 * snapshot taken by `BenchWorld.snapshot`: a replica forked from it finds them as a restarted one
 * does, so it knows which member each clientID is bound to. A snapshot read back from a file has
 * none (the memory rows only load and read it).
 */
const signedRecords = new WeakMap<EntitySnapshot, ReadonlyMap<DocId, Uint8Array[]>>()

/** A store holding every document of `snapshot` as its snapshot (what a restarted replica finds on disk). */
export function storeHolding(snapshot: EntitySnapshot, clock = new ManualClock(EPOCH_MS)): MemoryStore {
  const store = new MemoryStore(clock)
  for (const [docId, bytes] of snapshot) store.compact(docId, bytes)
  for (const [docId, records] of signedRecords.get(snapshot) ?? [])
    for (const r of records) entryStoreOf(store).append(docId, r)
  return store
}

/** The V1 updates carried by sync messages (updates, step-2 answers, and the reference's signed entries). */
export function updatesOf(envelopes: readonly Envelope[]): Uint8Array[] {
  const out: Uint8Array[] = []
  for (const env of envelopes) {
    const m = decodeSyncMessage(env.message, env.docId)
    if (m.type === 'update' || m.type === 'step2') out.push(m.update)
    if (m.type === 'signed') out.push(...m.entries.map((e) => e.update))
  }
  return out
}

/**
 * Replicas of one entity, with one clock and explicit delivery: the small world
 * (src/sim/smallWorld.ts) with the bench's conventions (pinned clientIDs, ids seeded per member
 * and client, compaction off) and its entity, whose snapshots new replicas can be forked from.
 */
export class BenchWorld {
  readonly clock = new ManualClock(EPOCH_MS)
  readonly profile: Profile
  private readonly world: SmallWorld

  constructor(
    profile: ProfileName,
    readonly entityId: EntityId,
  ) {
    this.profile = profileByName(profile)
    this.world = new SmallWorld({
      profile: this.profile,
      clock: this.clock,
      config: { compactEvery: BENCH_COMPACT_EVERY },
      signatures: CRYPTOGRAPHY_BESIDE,
    })
  }

  /** A replica of `member` writing as `client`, on `store` (empty by default). */
  add(member: MemberId, client: number, store = new MemoryStore(this.clock)): Replica {
    const ids = new SeededIds(new Rng(`bench:ids:${member}:${client}`))
    return this.world.add(member, { clientIds: pinnedClientIds(client), ids, store }).replica
  }

  /** A replica of `member` whose store holds `snapshot` (loaded lazily, on first use). */
  fork(member: MemberId, client: number, snapshot: EntitySnapshot): Replica {
    return this.add(member, client, storeHolding(snapshot, this.clock))
  }

  get(member: MemberId): Replica {
    return this.world.r(member)
  }

  has(member: MemberId): boolean {
    return this.world.has(member)
  }

  members(): MemberId[] {
    return [...this.world.nodes.keys()]
  }

  /**
   * Drains `from`'s outbox and delivers each message to `to` (every other replica of the world
   * when omitted; a message addressed to one peer only reaches that peer). Returns what was drained.
   */
  deliver(from: MemberId, to?: readonly MemberId[]): Envelope[] {
    return this.world.send(from, to)
  }

  /** Drops whatever `member`'s outbox holds. */
  discard(member: MemberId): void {
    this.world.discard(member)
  }

  /** The encoded state of every document `member`'s replica holds of the entity. */
  snapshot(member: MemberId): Map<DocId, Uint8Array> {
    const r = this.get(member)
    const docIds = r.docIds(this.entityId)
    const snapshot = new Map(docIds.map((d) => [d, r.encodeState(d)]))
    const entries = entryStoreOf(this.world.get(member).store)
    signedRecords.set(snapshot, new Map(docIds.map((d) => [d, entries.load(d)])))
    return snapshot
  }

  /** Forgets a replica (its documents are released). */
  remove(member: MemberId): void {
    this.world.remove(member)
  }
}
