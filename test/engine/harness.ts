/**
 * A tiny manual network for engine tests: replicas with pinned clientIDs and explicit delivery,
 * so a test can stage exact delivery orders (the simulator does the randomized version).
 */
import { Replica } from '../../src/engine/replica/replica.ts'
import type { Envelope } from '../../src/engine/replica/outbox.ts'
import { MemoryStore } from '../../src/engine/store/memoryStore.ts'
import { ManualClock, Rng, SeededClientIds, SeededIds, type ClientIdSource } from '../../src/engine/base/providers.ts'
import type { ProfileName } from '../../src/engine/profile/profile.ts'
import type { DocId } from '../../src/engine/base/ids.ts'
import type { EngineConfig } from '../../src/engine/replica/replica.ts'

export interface Node {
  readonly name: string
  replica: Replica
  readonly store: MemoryStore
  readonly clock: ManualClock
  /** Messages drained from the replica and not yet delivered. */
  inbox: Envelope[]
}

export class TestNet {
  readonly nodes = new Map<string, Node>()
  private readonly rng: Rng
  readonly clientIds: ClientIdSource

  constructor(
    readonly profile: ProfileName,
    seed = 1,
    clientIds?: ClientIdSource,
    readonly config?: EngineConfig,
  ) {
    this.rng = new Rng(seed)
    this.clientIds = clientIds ?? new SeededClientIds(this.rng.fork('clients'))
  }

  private readonly clientIdsOf = new Map<string, ClientIdSource>()
  private readonly configOf = new Map<string, EngineConfig>()

  /**
   * Adds a replica; `clientIds` pins its Yjs clientIDs (to stage a clientID order); `config` is
   * kept across restarts.
   */
  add(name: string, clientIds?: ClientIdSource, config?: EngineConfig): Node {
    const clock = new ManualClock(Date.UTC(2026, 0, 1))
    const store = new MemoryStore(clock)
    if (clientIds) this.clientIdsOf.set(name, clientIds)
    if (config) this.configOf.set(name, config)
    const node: Node = { name, store, clock, inbox: [], replica: this.make(name, store, clock) }
    this.nodes.set(name, node)
    return node
  }

  private make(name: string, store: MemoryStore, clock: ManualClock): Replica {
    return new Replica({
      member: name,
      profile: this.profile,
      store,
      config: this.configOf.get(name) ?? this.config,
      providers: {
        clock,
        ids: new SeededIds(this.rng.fork(`ids:${name}:${this.nodes.size}`)),
        clientIds: this.clientIdsOf.get(name) ?? this.clientIds,
      },
    })
  }

  /** Crash and restart: a new replica on the same store (optionally tearing the last write first). */
  restart(name: string, tear = false): Node {
    const node = this.get(name)
    node.replica.close()
    if (tear) node.store.tearLastWrite()
    node.replica = this.make(name, node.store, node.clock)
    node.inbox = []
    return node
  }

  get(name: string): Node {
    const n = this.nodes.get(name)
    if (!n) throw new Error(`no node ${name}`)
    return n
  }

  r(name: string): Replica {
    return this.get(name).replica
  }

  /** Drains every replica's outbox into the recipients' pending lists (nothing delivered yet). */
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

  /** Delivers pending messages to `to`, optionally only those from `from`. `env.to` holds the sender. */
  deliver(to: string, from?: string): number {
    this.collect()
    const node = this.get(to)
    const keep: Envelope[] = []
    const now: Envelope[] = []
    for (const env of node.inbox) (from === undefined || env.to === from ? now : keep).push(env)
    node.inbox = keep
    for (const env of now) node.replica.receive(env.to, env.docId, env.message)
    return now.length
  }

  /** Drops pending messages to `to` (from `from` if given). */
  drop(to: string, from?: string): number {
    this.collect()
    const node = this.get(to)
    const before = node.inbox.length
    node.inbox = node.inbox.filter((env) => from !== undefined && env.to !== from)
    return before - node.inbox.length
  }

  /** Delivers everything until no replica has anything more to say. */
  settle(maxRounds = 100): void {
    for (let i = 0; i < maxRounds; i++) {
      this.collect()
      let moved = 0
      for (const n of this.nodes.values()) moved += this.deliver(n.name)
      if (moved === 0) return
    }
    throw new Error('network did not settle')
  }

  /** A full anti-entropy round between every pair, then settle. */
  antiEntropy(entityId: string): void {
    for (const a of this.nodes.values())
      for (const b of this.nodes.values()) if (a !== b) a.replica.antiEntropy(b.name, entityId)
    this.settle()
  }

  /** Bootstraps every other replica with the creator's state of an entity. */
  replicateEntity(from: string, entityId: string): void {
    const src = this.r(from)
    for (const docId of src.docIds(entityId)) {
      for (const n of this.nodes.values())
        if (n.name !== from) n.replica.receive(from, docId, stepTwo(src.encodeState(docId)))
    }
    this.collect()
    for (const n of this.nodes.values()) n.inbox = []
  }

  docs(name: string, entityId: string): DocId[] {
    return this.r(name).docIds(entityId)
  }
}

import { encodeSyncMessage } from '../../src/engine/sync/messages.ts'
export const stepTwo = (update: Uint8Array): Uint8Array => encodeSyncMessage({ type: 'step2', update })
export const updateMsg = (update: Uint8Array): Uint8Array => encodeSyncMessage({ type: 'update', update })

/** ClientIDs counting up from `base`: replicas given bases 1000 and 2000 have a known clientID order. */
export const countingClientIds = (base: number): ClientIdSource => {
  let next = base
  return { next: () => next++ }
}
