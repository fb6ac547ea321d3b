/**
 * The deterministic world: one virtual clock and event queue, one seeded generator with labelled
 * forks, peers in insertion order, the network between them and the journal of everything.
 * Everything that happens is an event on the scheduler; same seed, same events, same trace hash.
 *
 * Peers talk through their replicas' outboxes: after every event that touched a replica, the
 * world drains its outbox into frames (checksummed envelopes) on the network.
 */
import type { EngineEvent } from '../engine/base/events.ts'
import type { ReceiveResult } from '../engine/replica/receive.ts'
import { isLabError, LabError } from '../engine/base/errors.ts'
import type { DocId, EntityId, MemberId } from '../engine/base/ids.ts'
import { Rng, SeededClientIds } from '../engine/base/providers.ts'
import { decodeFrame, encodeFrame } from './frames.ts'
import { Journal } from './journal.ts'
import type { JsonObject } from './canonicalJson.ts'
import { Network, type Delivery, type NetworkConfig } from './network.ts'
import { Scheduler } from './scheduler.ts'
import { SimPeer, type StoreKind } from './peer.ts'
import {
  armFailpoint,
  catchFailpoint,
  crashAtFailpoint,
  underFailpoint,
  type FailpointCrash,
} from './failpointCrash.ts'
import type { Step } from './scenario/model.ts'
import type { Profile } from './scenario/schema.ts'
import type { OpOutcome } from '../engine/ports/effects.ts'
import { CrashPoint } from '../engine/fallback/failpoints.ts'
import type { Envelope } from '../engine/sync/envelope.ts'

/** Virtual time 0 on every wall clock: 2026-01-01T00:00:00Z. */
export const EPOCH = Date.UTC(2026, 0, 1)

export type WorldEvents = {
  step: Step
  deliver: Delivery
  antiEntropy: MemberId
  tick: { readonly step: Step & { kind: 'random' }; readonly n: number }
  /** A replica asked to be woken (a throttled canvas cursor is due). */
  wake: MemberId
}

/** One op as the world ran it. */
export interface OpRecord {
  readonly t: number
  readonly peer: MemberId
  readonly op: string
  readonly entity: EntityId
  readonly args: Readonly<Record<string, unknown>>
  /** The engine's account of what the op did, when it ran. */
  readonly outcome?: OpOutcome
  /** Why the op did not run (a refused op changes nothing). */
  readonly error?: { readonly code: string; readonly message: string }
  /** Position of the scenario step, or -1 for ops of random steps. */
  readonly step: number
}

/** What the oracle and reports observe. Observers must not change the world. */
export interface WorldObserver {
  onOp?(w: World, op: OpRecord): void
  onEngine?(w: World, peer: MemberId, e: EngineEvent): void
  /** A delivery for `docId` is about to be handled by `d.to`'s replica (its frame was intact). */
  onBeforeReceive?(w: World, d: Delivery, docId: DocId): void
  /** A delivery reached a replica and was handled (`d.to` received it from `d.from`). */
  onReceive?(w: World, d: Delivery, result: ReceiveResult): void
  onFault?(w: World, fault: string, data: JsonObject): void
  /** Just before a peer crashes, while its replica is still up. */
  onBeforeCrash?(w: World, peer: MemberId): void
  /** After every event of the scheduler (use sparingly: it runs a lot). */
  afterEvent?(w: World): void
}

export interface WorldOptions {
  readonly seed: number
  readonly profile: Profile
  readonly peers: readonly MemberId[]
  readonly network: NetworkConfig & { readonly antiEntropyMs: number }
  readonly store?: StoreKind
  readonly engineConfig?: Record<string, unknown>
}

export class World {
  readonly rng: Rng
  readonly scheduler = new Scheduler<WorldEvents>()
  readonly journal = new Journal()
  readonly network: Network
  readonly peers = new Map<MemberId, SimPeer>()
  readonly antiEntropyMs: number
  readonly stats = { rejected: 0, ops: 0, refused: 0 }
  private readonly observers: WorldObserver[] = []
  private readonly entities: EntityId[] = []
  /** Virtual ms skipped by `advanceDays` steps so far. */
  advancedMs = 0
  /** The scenario's `config.crashAfter`, if any (failpointCrash.ts). */
  readonly failpointCrash: FailpointCrash | undefined

  constructor(readonly options: WorldOptions) {
    const { crashAfter, ...engineConfig } = options.engineConfig ?? {}
    this.failpointCrash = crashAfter as FailpointCrash | undefined
    this.rng = new Rng(options.seed)
    this.network = new Network({
      scheduler: this.scheduler,
      rng: this.rng.fork('network'),
      journal: this.journal,
      config: options.network,
      peers: options.peers,
    })
    this.antiEntropyMs = options.network.antiEntropyMs
    const ctx = {
      wallNow: () => EPOCH + this.scheduler.now,
      rng: this.rng.fork('peers'),
      clientIds: new SeededClientIds(this.rng.fork('clients')),
      profile: options.profile,
      config: engineConfig,
      keySeed: `world-${this.rng.seed}`,
    }
    for (const name of options.peers) this.peers.set(name, new SimPeer(name, ctx, options.store ?? 'memory'))
    for (const peer of this.peers.values()) this.watch(peer)
    if (this.failpointCrash) armFailpoint(this, this.failpointCrash)
  }

  get now(): number {
    return this.scheduler.now
  }

  observe(o: WorldObserver): void {
    this.observers.push(o)
  }

  peer(name: MemberId): SimPeer {
    const p = this.peers.get(name)
    if (!p) throw new LabError('INTERNAL', `no peer ${name}`)
    return p
  }

  entityIds(): readonly EntityId[] {
    return this.entities
  }

  /** Records an entity the world gossips about (anti-entropy covers it). */
  addEntity(id: EntityId): void {
    if (!this.entities.includes(id)) this.entities.push(id)
  }

  /** Appends a fault record and tells observers. */
  fault(name: string, data: JsonObject): void {
    this.journal.append(this.now, 'fault', { fault: name, ...data })
    for (const o of this.observers) o.onFault?.(this, name, data)
  }

  /** Runs an op on a peer's replica; a refused op is recorded, never thrown. */
  runOp(
    peerName: MemberId,
    op: string,
    entity: EntityId,
    args: Readonly<Record<string, unknown>>,
    step: number,
  ): OpRecord {
    const peer = this.peer(peerName)
    let record: OpRecord = {
      t: this.now,
      peer: peerName,
      op,
      entity,
      args,
      step,
      error: { code: 'PEER_DOWN', message: `${peerName} is crashed` },
    }
    const crash = !peer.up
      ? undefined
      : catchFailpoint(() => {
          try {
            record = { t: this.now, peer: peerName, op, entity, args, step, outcome: peer.r.execute(op, entity, args) }
          } catch (e) {
            if (e instanceof CrashPoint && e.outcome)
              record = { t: this.now, peer: peerName, op, entity, args, step, outcome: e.outcome }
            if (!isLabError(e)) throw e
            record = {
              t: this.now,
              peer: peerName,
              op,
              entity,
              args,
              step,
              error: { code: e.code, message: e.message },
            }
          }
        })
    this.stats.ops++
    if (record.error) this.stats.refused++
    this.journal.append(this.now, 'op', {
      peer: peerName,
      op,
      entity,
      ok: !record.error,
      ...(record.outcome?.createdId ? { created: record.outcome.createdId } : {}),
      ...(record.error ? { code: record.error.code } : {}),
    })
    for (const o of this.observers) o.onOp?.(this, record)
    if (crash) crashAtFailpoint(this, peerName, crash)
    if (peer.up) this.flush(peer)
    return record
  }

  /** Hands one delivery to its recipient's replica (if the network lets it arrive). */
  deliver(d: Delivery): void {
    if (!this.network.arrive(d)) return
    const peer = this.peer(d.to)
    if (!peer.up) return
    let frame
    try {
      frame = decodeFrame(d.bytes)
    } catch (e) {
      if (!isLabError(e, 'CORRUPT_MESSAGE')) throw e
      this.reject(d.to, d.from, d.id, e.code)
      return
    }
    if (frame.docId === null) return
    for (const o of this.observers) o.onBeforeReceive?.(this, d, frame.docId)
    const { docId, payload } = frame
    const result = underFailpoint(this, d.to, () => peer.r.receive(d.from, docId, payload))
    if (!result) return
    if (result.status === 'rejected') this.reject(d.to, d.from, d.id, result.error.code)
    for (const o of this.observers) o.onReceive?.(this, d, result)
    this.flush(peer)
  }

  private reject(to: MemberId, from: MemberId, id: number, code: string): void {
    this.stats.rejected++
    this.journal.append(this.now, 'reject', { to, from, id, code })
  }

  /** Sends anti-entropy digests from `peerName` to every other peer, for every entity. */
  antiEntropy(peerName: MemberId): void {
    const peer = this.peer(peerName)
    if (!peer.up || peer.offline) return
    const done = underFailpoint(this, peerName, () => {
      for (const other of this.peers.keys()) {
        if (other === peerName) continue
        for (const e of this.entities) peer.r.antiEntropy(other, e)
      }
      return true
    })
    if (done) this.flush(peer)
  }

  private readonly wakes = new Map<MemberId, number>()

  /** Puts everything the peer's replica wants to say on the network, and books its next wake-up. */
  flush(peer: SimPeer): void {
    if (!peer.up) return
    for (const env of peer.r.drainOutbox()) this.send(peer.name, env)
    const due = peer.r.canvas.dueAt()
    if (due === undefined) return
    const at = Math.max(this.now, due - EPOCH - peer.skewMs)
    if (this.wakes.get(peer.name) === at) return
    this.wakes.set(peer.name, at)
    this.scheduler.schedule(at, 'wake', peer.name)
  }

  /** A booked wake-up: the replica sends what has come due (a trailing cursor position). */
  wake(name: MemberId): void {
    if (this.wakes.get(name) === this.now) this.wakes.delete(name)
    this.flush(this.peer(name))
  }

  private send(from: MemberId, env: Envelope): void {
    const bytes = encodeFrame({ kind: env.kind, entityId: env.entityId, docId: env.docId, payload: env.message })
    if (env.to !== '*') {
      this.network.send({ from, to: env.to, topic: env.entityId, kind: env.kind, bytes })
      return
    }
    for (const to of this.peers.keys())
      if (to !== from) this.network.send({ from, to, topic: env.entityId, kind: env.kind, bytes })
  }

  /** Subscribes the world to a peer's engine events (again after every restart). */
  watch(peer: SimPeer): void {
    peer.r.events.on((e) => {
      if (e.type === 'prune' || e.type === 'tombstone' || e.type === 'ack') {
        this.journal.append(this.now, e.type, {
          peer: peer.name,
          doc: e.docId,
          item: e.item,
          ...(e.type === 'ack' ? { member: e.member } : {}),
        })
      }
      for (const o of this.observers) o.onEngine?.(this, peer.name, e)
    })
  }

  beforeCrash(peer: MemberId): void {
    for (const o of this.observers) o.onBeforeCrash?.(this, peer)
  }

  notifyAfterEvent(): void {
    for (const o of this.observers) o.afterEvent?.(this)
  }

  hasAfterEventObservers(): boolean {
    return this.observers.some((o) => o.afterEvent)
  }

  dispose(): void {
    for (const p of this.peers.values()) p.dispose()
  }
}
