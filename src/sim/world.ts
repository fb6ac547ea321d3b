/**
 * The deterministic world: one virtual clock and event queue, one seeded root generator with
 * labelled forks, peers in insertion order, the network between them and the journal of
 * everything. Everything that happens is an event on the scheduler; same seed, same events, same
 * trace hash. After every event that touched a replica, the wire (wire.ts) drains its outbox.
 *
 * Faults are the world's verbs, as in turmoil: `crash`, `restart`, `partition`, `heal`, `hold`,
 * `release`, `offline`, `online`, `clockSkew`, the lies `impersonate`, `equivocate`, `honest`
 * (lies.ts). Each journals one fault record and tells the observers; a redundant verb is a no-op,
 * so swarm plans can overlap a file's own. `config.crashAfter` is failpointGuard.ts.
 */
import { LabError } from '../engine/base/errors.ts'
import type { EntityId, MemberId } from '../engine/base/ids.ts'
import type { Rng } from '../engine/base/providers.ts'
import { Journal } from './journal.ts'
import type { JsonObject } from './canonicalJson.ts'
import { Network, type Delivery } from './network.ts'
import { opJournalData, runOp } from './opRecord.ts'
import { Scheduler } from './scheduler.ts'
import { SimPeer, type PeerContext } from './peer.ts'
import { Wire } from './wire.ts'
import { FailpointGuard } from './failpointGuard.ts'
import { forgeRecord, Lies, lieOf } from './lies.ts'
import type { Observer } from './observer.ts'
import { WorldClientIds, journalEngineEvent } from './worldParts.ts'
import { EPOCH, type CrashOptions, type FailpointCrash, type WorldEvents, type WorldOptions } from './worldOptions.ts'

/** What the oracle and reports observe (observer.ts). Observers must not change the world. */
export type WorldObserver = Observer<World>

export class World {
  readonly rng: Rng
  readonly scheduler = new Scheduler<WorldEvents>()
  readonly journal = new Journal()
  readonly network: Network
  readonly peers = new Map<MemberId, SimPeer>()
  readonly antiEntropyMs: number
  readonly stats = { rejected: 0, ops: 0, refused: 0 }
  /** The lie faults: peers that lied are in `lies.liars`, and the checks judge the others. */
  readonly lies = new Lies((name, data) => this.fault(name, data))
  private readonly observers: WorldObserver[] = []
  private readonly entities: EntityId[] = []
  private skippedMs = 0 // virtual ms skipped by `advanceDays` so far
  private readonly failpoints: FailpointGuard
  /** Between the replicas and the network (wire.ts); scripted deliveries hand messages over through it. */
  readonly wire: Wire
  readonly clientIds: WorldClientIds // where every replica gets its Yjs clientIDs (worldParts.ts)

  constructor(readonly options: WorldOptions) {
    const { crashAfter, ...engineConfig } = options.engineConfig ?? {}
    const c = crashAfter as FailpointCrash | undefined
    this.failpoints = new FailpointGuard(c, options.network.antiEntropyMs, (peer, o) => this.crash(peer, o))
    this.rng = options.rng
    this.network = new Network({
      scheduler: this.scheduler,
      rng: this.rng.fork('network'),
      journal: this.journal,
      config: options.network,
      peers: options.peers,
    })
    this.antiEntropyMs = options.network.antiEntropyMs
    this.wire = new Wire({
      network: this.network,
      scheduler: this.scheduler,
      journal: this.journal,
      peers: this.peers,
      stats: this.stats,
      entityIds: () => this.entities,
      beforeReceive: (d, docId) => this.observers.forEach((o) => o.onBeforeReceive?.(this, d, docId)),
      received: (d, result) => this.observers.forEach((o) => o.onReceive?.(this, d, result)),
      sent: (s) => this.observers.forEach((o) => o.onSend?.(this, s)),
      guard: (peer, fn) => this.failpoints.run(peer, fn),
    })
    const scripted = options.network.delivery === 'scripted'
    this.clientIds = new WorldClientIds(this.rng.fork('clients'), scripted ? options.peers : null)
    const ctx: PeerContext = {
      wallNow: () => EPOCH + this.scheduler.now,
      rng: this.rng.fork('peers'),
      clientIds: (peer: MemberId) => this.clientIds.of(peer),
      profile: options.profile,
      config: engineConfig,
      keySeed: `world-${this.rng.seed}`,
      peers: () => [...this.peers.keys()],
      onForgery: (peer, f) => {
        this.journal.append(this.now, 'forge', forgeRecord(peer, f))
        for (const o of this.observers) o.onForgery?.(this, peer, f)
      },
      onOpenDoc: (peer, docId, doc) => this.observers.forEach((o) => o.onOpenDoc?.(this, peer, docId, doc)),
    }
    for (const name of options.peers) this.peers.set(name, new SimPeer(name, ctx, options.store ?? 'memory'))
    for (const peer of this.peers.values()) this.watch(peer)
    if (c) this.peer(c.peer).r.fallback.failpoint.armed = c.point
  }

  get now(): number {
    return this.scheduler.now
  }

  /** Virtual ms skipped by `advanceDays` so far (step times are before any skip). */
  get advancedMs(): number {
    return this.skippedMs
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

  /** Crashes a running peer (a no-op when it is down): its replica's memory is lost, its store kept. */
  crash(name: MemberId, options: CrashOptions = {}): void {
    const p = this.peer(name)
    if (!p.up) return
    const tornWrite = options.tornWrite ?? false
    for (const o of this.observers) o.onBeforeCrash?.(this, p.name)
    const torn = p.crash(tornWrite)
    this.network.setOnline(p.name, false)
    this.fault('crash', {
      peer: p.name,
      tornWrite,
      ...(torn ? { torn: { doc: torn.docId, write: torn.kind } } : {}),
      ...options.detail,
    })
    if (options.restartAfterMs !== undefined) this.scheduler.after(options.restartAfterMs, 'restart', p.name)
  }

  /** Restarts a crashed peer on its store (a no-op when it is running); it catches up by anti-entropy. */
  restart(name: MemberId): void {
    const p = this.peer(name)
    if (p.up) return
    p.boot()
    this.watch(p)
    this.network.setOnline(name, !p.offline)
    this.fault('restart', { peer: name, boot: p.boots })
    this.antiEntropy(name)
  }

  /** Cuts the links between groups (peers in no group form one more group): see `Network.partition`. */
  partition(groups: readonly (readonly MemberId[])[]): void {
    this.network.partition(groups)
    this.fault('partition', { groups: groups.map((g) => [...g]) })
  }

  /** Every link healthy again: cuts repaired, holds released. */
  heal(): void {
    this.network.heal()
    this.fault('heal', {})
  }

  /** Messages from `from` to `to` wait at the end of the link until `release`. */
  hold(from: MemberId, to: MemberId): void {
    this.network.hold(from, to)
    this.fault('hold', { from, to })
  }

  /** Lets a held link go: the waiting messages travel again. */
  release(from: MemberId, to: MemberId): void {
    this.network.release(from, to)
    this.fault('release', { from, to })
  }

  /** The peer goes offline: nothing sent from it or delivered to it; its replica queues its ops. */
  offline(name: MemberId): void {
    this.setOffline(name, true)
  }

  /** The peer comes back: its offline queue goes out, and anti-entropy catches up the rest. */
  online(name: MemberId): void {
    this.setOffline(name, false)
  }

  /** The peer's wall clock runs `ms` ahead of virtual time (behind when negative). */
  clockSkew(name: MemberId, ms: number): void {
    this.peer(name).skewMs = ms
    this.fault('clockSkew', { peer: name, ms })
  }

  /** From now on the peer writes as member `as`, without its own access checks (lies.ts). */
  impersonate(name: MemberId, as: MemberId): void {
    this.lies.impersonate(this.peer(name), as)
  }

  /** From now on the peer sends different updates under the same Yjs ids to different peers. */
  equivocate(name: MemberId): void {
    this.lies.equivocate(this.peer(name))
  }

  /** The peer stops lying (a no-op when it does not lie), on fresh clientIDs of its own. */
  honest(name: MemberId): void {
    this.lies.honest(this.peer(name))
  }

  /** Jumps the clock `ms` ahead (`days` in the record): what was pending is postponed with it. */
  advanceDays(days: number, ms: number): void {
    this.scheduler.jump(ms)
    this.skippedMs += ms
    this.fault('advanceDays', { days })
  }

  private setOffline(name: MemberId, offline: boolean): void {
    const p = this.peer(name)
    if (p.offline === offline) return
    p.offline = offline
    if (p.up) {
      this.network.setOnline(name, !offline)
      p.r.setOnline(!offline)
    }
    this.fault(offline ? 'offline' : 'online', { peer: name })
    // Reconnection: the offline queue was flushed into the outbox; anti-entropy catches up the rest.
    if (!offline && p.up) this.antiEntropy(name)
  }

  /** Appends a fault record and tells observers. */
  private fault(name: string, data: JsonObject): void {
    this.journal.append(this.now, 'fault', { fault: name, ...data })
    for (const o of this.observers) o.onFault?.(this, name, data)
  }

  /** Runs an op on a peer's replica; a refused op is recorded, never thrown. */
  runOp(peerName: MemberId, op: string, entity: EntityId, args: Readonly<Record<string, unknown>>, step: number) {
    const peer = this.peer(peerName)
    const call = { t: this.now, peer: peerName, op, entity, args, step, ...lieOf(peer.liar) }
    for (const o of this.observers) o.onBeforeOp?.(this, peerName, entity)
    const { record, crash } = runOp(peer.replica, call)
    this.stats.ops++
    if (record.error) this.stats.refused++
    this.journal.append(this.now, 'op', opJournalData(record))
    for (const o of this.observers) o.onOp?.(this, record)
    if (crash) this.failpoints.crashed(peerName, crash)
    this.wire.flush(peer)
    return record
  }

  /** Hands one delivery to its recipient's replica (if the network lets it arrive). */
  deliver(d: Delivery): void {
    this.wire.deliver(d)
  }

  /** Sends anti-entropy digests from `name` to every other peer, for every entity. */
  antiEntropy(name: MemberId): void {
    this.wire.antiEntropy(this.peer(name))
  }

  /** A booked wake-up: the replica sends what has come due (a trailing cursor position). */
  wake(name: MemberId): void {
    this.wire.wake(this.peer(name))
  }

  /** Subscribes the world to a peer's engine events (again after every restart). */
  private watch(peer: SimPeer): void {
    peer.r.events.on((e) => {
      journalEngineEvent(this.journal, this.now, peer.name, e)
      for (const o of this.observers) o.onEngine?.(this, peer.name, e)
    })
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
