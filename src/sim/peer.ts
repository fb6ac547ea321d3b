/**
 * A simulated peer: one engine replica with its own disk (a store that outlives crashes), its own
 * wall clock (virtual time plus a skew), and a boot count. A crash drops the replica object (its
 * in-memory state) and keeps the store; a restart builds a new replica on the same store, with
 * fresh Yjs clientIDs (the engine takes them from the world's allocator, so none is ever reused).
 */
import { Replica, type EngineConfig } from '../engine/replica/replica.ts'
import { profileByName, type Profile } from '../engine/profile/profile.ts'
import { engineWith, type MutantChoice } from '../engine/mutants/registry.ts'
import { MemoryStore, type TornWrite } from '../engine/store/memoryStore.ts'
import { FsStore } from '../engine/store/fsStore.ts'
import type { DocStore } from '../engine/store/store.ts'
import { providersOf, SeededIds, type ClientIdSource, type Clock, type Rng } from '../engine/base/providers.ts'
import type * as Y from 'yjs'
import type { DocId, MemberId } from '../engine/base/ids.ts'
import { LabError } from '../engine/base/errors.ts'
import { Liar, type Forgery } from '../engine/mutants/liar.ts'

export type StoreKind = 'memory' | 'fs'

export interface PeerContext {
  /** The world's wall clock without skew (ms since the epoch). */
  wallNow(): number
  readonly rng: Rng
  /** The clientIDs of a peer's replicas, every boot. */
  clientIds(peer: MemberId): ClientIdSource
  readonly profile: Profile['name']
  /** Engine settings, and the mutant a run names (resolved here: the replica knows no mutants). */
  readonly config: EngineConfig & MutantChoice
  /** Seed of the disk keys, the same for every peer (Providers.keySeed). */
  readonly keySeed: string
  /** Every peer of the world, in order (a lying peer's equivocation addresses them by name). */
  peers(): readonly MemberId[]
  /** A lying peer sent one update in two versions. */
  onForgery(peer: MemberId, f: Forgery): void
  /** Told of every document a replica of `peer` opens, before anything is loaded into it. */
  readonly onOpenDoc?: (peer: MemberId, docId: DocId, doc: Y.Doc) => void
}

export class SimPeer {
  skewMs = 0
  boots = 0
  replica: Replica | null = null
  /** Offline by a fault (the network also knows). A crashed peer is down, not offline. */
  offline = false
  readonly store: DocStore
  readonly clock: Clock
  /** Whether and how the peer lies (the `impersonate`, `equivocate` and `honest` faults); it survives restarts. */
  readonly liar: Liar

  constructor(
    readonly name: MemberId,
    private readonly ctx: PeerContext,
    storeKind: StoreKind,
  ) {
    this.clock = { now: () => this.ctx.wallNow() + this.skewMs }
    this.store = storeKind === 'fs' ? FsStore.temp(this.clock, `crdt-lab-${name}-`) : new MemoryStore(this.clock)
    this.liar = new Liar(
      name,
      () => ctx.peers(),
      (f) => ctx.onForgery(name, f),
    )
    this.boot()
  }

  get up(): boolean {
    return this.replica !== null
  }

  /** The running replica; throws when the peer is down. */
  get r(): Replica {
    if (!this.replica) throw new LabError('INTERNAL', `peer ${this.name} is down`)
    return this.replica
  }

  /** Starts a replica on the peer's store (a restart after a crash), broken by the run's mutant if it names one. */
  boot(): Replica {
    this.boots++
    const { mutant, ...config } = this.ctx.config
    const engine = engineWith(profileByName(this.ctx.profile), mutant)
    this.replica = new Replica({
      member: this.name,
      profile: engine.profile,
      hooks: { ...engine.hooks, lie: this.liar },
      store: this.store,
      config,
      providers: providersOf({
        clock: this.clock,
        ids: new SeededIds(this.ctx.rng.fork(`ids:${this.name}:${this.boots}`)),
        clientIds: this.ctx.clientIds(this.name),
        keySeed: this.ctx.keySeed,
      }),
      ...(this.ctx.onOpenDoc
        ? { onOpenDoc: (docId: DocId, doc: Y.Doc) => this.ctx.onOpenDoc!(this.name, docId, doc) }
        : {}),
    })
    if (this.offline) this.replica.setOnline(false)
    return this.replica
  }

  /** Loses the in-memory state; with `torn`, the last write to disk is torn too. */
  crash(torn: boolean): TornWrite | null {
    this.replica?.close()
    this.replica = null
    if (!torn) return null
    if (this.store instanceof MemoryStore) return this.store.tearLastWrite()
    throw new LabError(
      'BAD_USAGE',
      `torn writes are simulated on the memory store only (peer ${this.name} runs on the filesystem store)`,
    )
  }

  /** Removes the peer's temporary files (filesystem store). */
  dispose(): void {
    this.replica?.close()
    if (this.store instanceof FsStore) this.store.destroy()
  }
}
