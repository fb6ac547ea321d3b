/**
 * The small world: a few engine replicas wired by a synchronous, in-process loop. No clock runs,
 * no message is lost, late or damaged unless the caller says so: messages wait in each replica's
 * inbox until the caller delivers them (to one replica, from one sender, or everything with
 * `settle`), drops them, or hands a replica's outbox straight to chosen recipients (`send`). It is
 * for staging exact delivery orders: the engine tests, the CLI demo and the engine bench (which
 * must see exactly which messages an operation causes). The randomized, scheduled version with
 * faults and a journal is the World (world.ts).
 *
 * It imports the engine only (no scheduler, network or journal), so the engine tests built on it
 * test the engine and this loop, nothing else of the simulator.
 *
 * Randomness: one root generator per world (`seed`); every replica's ids are a fork of it
 * (`ids:<name>:<replicas so far>`), and the Yjs clientIDs come from its `clients` fork unless a
 * caller pins them (to stage a clientID order, or to compare bytes with raw Yjs as the bench does).
 */
import { LabError } from '../engine/base/errors.ts'
import type { MemberId } from '../engine/base/ids.ts'
import { ManualClock, providersOf, Rng, SeededClientIds, SeededIds } from '../engine/base/providers.ts'
import type { ClientIdSource, IdSource } from '../engine/base/providers.ts'
import { profileByName, type Profile } from '../engine/profile/profile.ts'
import { engineWith, type MutantChoice } from '../engine/mutants/registry.ts'
import { Replica, type EngineConfig } from '../engine/replica/replica.ts'
import { MemoryStore } from '../engine/store/memoryStore.ts'
import { encodeSyncMessage } from '../engine/sync/messages.ts'
import { type ProfileName } from '../engine/base/enums.ts'
import { type Envelope } from '../engine/sync/envelope.ts'
import type { SignatureScheme } from '../engine/authorship/signatures.ts'

/** Wall-clock start of every replica's clock: 2026-01-01T00:00:00Z. */
const START = Date.UTC(2026, 0, 1)

/** One replica of the small world, with its disk, its clock and the messages waiting for it. */
export interface SmallNode {
  readonly name: MemberId
  replica: Replica
  readonly store: MemoryStore
  readonly clock: ManualClock
  /** Messages collected for this replica and not delivered yet; `env.to` holds the sender. */
  inbox: Envelope[]
}

/** A replica's engine settings and the mutant it runs, if any. */
export type SmallConfig = EngineConfig & MutantChoice

export interface SmallWorldOptions {
  readonly profile: ProfileName | Profile
  /** Seed of the world's root generator (default 1). */
  readonly seed?: number | string
  /** The Yjs clientIDs of every replica not given its own (default: the root's `clients` fork). */
  readonly clientIds?: ClientIdSource
  /** Engine settings of every replica not given its own, and the mutant they run (resolved here, as the
   * simulator's peer does: the replica knows no mutants). */
  readonly config?: SmallConfig
  /** One clock for every replica (default: a clock per replica, each starting at 2026-01-01). */
  readonly clock?: ManualClock
  /** The signature scheme of every replica (default Ed25519; see ReplicaOptions.signatures). */
  readonly signatures?: SignatureScheme
}

/** How `add` builds a replica; each setting is kept across restarts. */
export interface AddOptions {
  /** Pins the replica's Yjs clientIDs. */
  readonly clientIds?: ClientIdSource
  readonly config?: SmallConfig
  /** The replica's item ids (default: a fork of the world's root). */
  readonly ids?: IdSource
  /** The replica's disk (default: an empty memory store). */
  readonly store?: MemoryStore
}

export interface SettleOptions {
  /** Messages from `from` to `to` for which this holds are dropped instead of delivered. */
  readonly lose?: (from: MemberId, to: MemberId) => boolean
  /** Rounds before giving up (default 100): a replica pair that never goes quiet is a bug. */
  readonly maxRounds?: number
}

/** A few replicas and the loop between them: see the file comment. */
export class SmallWorld {
  readonly nodes = new Map<MemberId, SmallNode>()
  readonly profile: ProfileName | Profile
  readonly config: SmallConfig | undefined
  readonly clientIds: ClientIdSource
  private readonly rng: Rng
  private readonly clock: ManualClock | undefined
  private readonly signatures: SignatureScheme | undefined
  private readonly settings = new Map<MemberId, AddOptions>()

  constructor(options: SmallWorldOptions) {
    this.profile = options.profile
    this.config = options.config
    this.rng = new Rng(options.seed ?? 1)
    this.clientIds = options.clientIds ?? new SeededClientIds(this.rng.fork('clients'))
    this.clock = options.clock
    this.signatures = options.signatures
  }

  /** Adds a replica of `name`. */
  add(name: MemberId, options: AddOptions = {}): SmallNode {
    if (this.nodes.has(name))
      throw new LabError('ALREADY_EXISTS', `the small world already has a replica of ${name}`, { path: name })
    const clock = this.clock ?? new ManualClock(START)
    const store = options.store ?? new MemoryStore(clock)
    this.settings.set(name, options)
    const node: SmallNode = { name, store, clock, inbox: [], replica: this.make(name, store, clock) }
    this.nodes.set(name, node)
    return node
  }

  private make(name: MemberId, store: MemoryStore, clock: ManualClock): Replica {
    const o = this.settings.get(name)!
    const { mutant, ...config } = o.config ?? this.config ?? {}
    const base = typeof this.profile === 'string' ? profileByName(this.profile) : this.profile
    const engine = engineWith(base, mutant)
    return new Replica({
      member: name,
      profile: engine.profile,
      hooks: engine.hooks,
      store,
      config,
      ...(this.signatures ? { signatures: this.signatures } : {}),
      providers: providersOf({
        clock,
        ids: o.ids ?? new SeededIds(this.rng.fork(`ids:${name}:${this.nodes.size}`)),
        clientIds: o.clientIds ?? this.clientIds,
        keySeed: `world-${this.rng.seed}`,
      }),
    })
  }

  /** Crash and restart: a new replica on the same store (optionally tearing the last write first). */
  restart(name: MemberId, tear = false): SmallNode {
    const node = this.get(name)
    node.replica.close()
    if (tear) node.store.tearLastWrite()
    node.replica = this.make(name, node.store, node.clock)
    node.inbox = []
    return node
  }

  /** Takes a replica out of the world (its documents are released). */
  remove(name: MemberId): void {
    this.nodes.get(name)?.replica.close()
    this.nodes.delete(name)
    this.settings.delete(name)
  }

  has(name: MemberId): boolean {
    return this.nodes.has(name)
  }

  get(name: MemberId): SmallNode {
    const n = this.nodes.get(name)
    if (!n) throw new LabError('NOT_FOUND', `the small world has no replica of ${name}`, { path: name })
    return n
  }

  r(name: MemberId): Replica {
    return this.get(name).replica
  }

  /** Drains every replica's outbox into the recipients' inboxes (nothing delivered yet). */
  collect(): void {
    for (const from of this.nodes.values()) {
      for (const env of from.replica.drainOutbox()) {
        for (const to of this.nodes.values()) {
          if (to === from || (env.to !== '*' && env.to !== to.name)) continue
          to.inbox.push({ ...env, to: from.name })
        }
      }
    }
  }

  /** Delivers what waits for `to` (only what `from` sent, if given); returns how many. */
  deliver(to: MemberId, from?: MemberId): number {
    this.collect()
    const node = this.get(to)
    const keep: Envelope[] = []
    const now: Envelope[] = []
    for (const env of node.inbox) (from === undefined || env.to === from ? now : keep).push(env)
    node.inbox = keep
    for (const env of now) node.replica.receive(env.to, env.docId, env.message)
    return now.length
  }

  /** Drops what waits for `to` (only what `from` sent, if given); returns how many. */
  drop(to: MemberId, from?: MemberId): number {
    this.collect()
    const node = this.get(to)
    const before = node.inbox.length
    node.inbox = node.inbox.filter((env) => from !== undefined && env.to !== from)
    return before - node.inbox.length
  }

  /**
   * Delivers everything, replica after replica, until no replica has anything more to say.
   * With `lose`, the messages it names are dropped instead (a replica cut off, or offline).
   */
  settle(options: SettleOptions = {}): void {
    const { lose, maxRounds = 100 } = options
    for (let i = 0; i < maxRounds; i++) {
      this.collect()
      let moved = 0
      for (const n of this.nodes.values()) {
        if (lose) {
          this.collect()
          n.inbox = n.inbox.filter((env) => !lose(env.to, n.name))
        }
        moved += this.deliver(n.name)
      }
      if (moved === 0) return
    }
    throw new LabError('INTERNAL', `the small world did not settle in ${maxRounds} rounds`)
  }

  /**
   * Drains `from`'s outbox and hands each message to `to` right away (every other replica when
   * omitted; a message addressed to one replica reaches that one only). Returns what was drained.
   */
  send(from: MemberId, to?: readonly MemberId[]): Envelope[] {
    const out = this.r(from).drainOutbox()
    const targets = to ?? [...this.nodes.keys()].filter((m) => m !== from)
    for (const env of out) {
      for (const t of targets)
        if (t !== from && (env.to === '*' || env.to === t)) this.r(t).receive(from, env.docId, env.message)
    }
    return out
  }

  /** Throws away whatever `name`'s outbox holds. */
  discard(name: MemberId): void {
    this.r(name).drainOutbox()
  }

  /** A full anti-entropy round between every pair, then settle. */
  antiEntropy(entityId: string): void {
    for (const a of this.nodes.values())
      for (const b of this.nodes.values()) if (a !== b) a.replica.antiEntropy(b.name, entityId)
    this.settle()
  }

  /** Gives every other replica the creator's state of an entity, and clears what that caused. */
  replicateEntity(from: MemberId, entityId: string): void {
    const src = this.r(from)
    for (const docId of src.docIds(entityId)) {
      const message = encodeSyncMessage(src.sync.fullState(src.docs.get(docId)))
      for (const n of this.nodes.values()) if (n.name !== from) n.replica.receive(from, docId, message)
    }
    this.collect()
    for (const n of this.nodes.values()) n.inbox = []
  }
}
