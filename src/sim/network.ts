/**
 * The simulated network: its peers and links (topology.ts), per-message faults drawn from the
 * world's random generator, and delivery events handed to the world's scheduler.
 *
 * The world drives it in two calls: `send` schedules a `deliver` event (twice for a
 * duplicate); when the world takes that event it calls `arrive`, which says whether to hand
 * the bytes to the recipient. Everything else is a fault verb, as in turmoil.
 *
 * Fates of a message, decided at send and at the end of its link:
 * - sender offline -> dropped `offline`; link partitioned -> dropped `partition`;
 *   random loss -> dropped `loss`;
 * - otherwise it travels; on arrival a partitioned link drops it (`partition`: a cut wire loses
 *   what is on it), a held link keeps it waiting, an offline recipient drops it (`offline`).
 *   A message already on the wire still arrives if its sender goes offline.
 *
 * Scripted delivery (`delivery: 'scripted'`): a transmission is put on its link but no event is
 * scheduled and no loss, duplication, damage or latency is drawn; it waits until the world hands
 * it over (`handOver`, a copy of it when duplicated) or loses it (`lose`), as a scenario's
 * `deliver` steps say. `unscript` ends the script: every waiting transmission draws its latency,
 * in send order, and travels as in a timed network from then on.
 */
import { LabError } from '../engine/base/errors.ts'
import type { Rng } from '../engine/base/providers.ts'
import { corruptBytes, type CorruptionMode } from './frames.ts'
import type { Journal } from './journal.ts'
import { Delivery, type Link, type LinkState } from './link.ts'
import { checkConfig, DEFAULT_NETWORK, type NetworkConfig } from './networkConfig.ts'
import { Topology } from './topology.ts'
import { NetworkTally, type NetworkStats } from './networkTally.ts'
import { ScriptedLinks } from './scriptedLinks.ts'

export { Delivery } from './link.ts'
// The scenario layer imports the settings from here.
export { DEFAULT_NETWORK, type NetworkConfig } from './networkConfig.ts'

export type { DropReason, NetworkStats } from './networkTally.ts'

/** A message to send: opaque bytes plus routing metadata. */
export interface Outgoing {
  readonly from: string
  readonly to: string
  readonly topic: string
  readonly kind: string
  readonly bytes: Uint8Array
}

/** The part of the scheduler the network uses; any `Scheduler<M>` whose `M` has `deliver: Delivery` fits. */
export interface DeliveryScheduler {
  readonly now: number
  schedule(at: number, kind: 'deliver', payload: Delivery): unknown
}

export interface NetworkOptions {
  readonly scheduler: DeliveryScheduler
  /** The network's own fork of the world's generator (e.g. `rng.fork('network')`). */
  readonly rng: Rng
  readonly config?: Partial<NetworkConfig>
  /** Where send/deliver/drop/duplicate/corrupt records go; faults are journaled by the world. */
  readonly journal?: Journal
  readonly peers?: readonly string[]
}

/** The simulated network of one world: see the file comment for how a world drives it. */
export class Network {
  config: NetworkConfig
  private readonly scheduler: DeliveryScheduler
  private readonly journal: Journal | undefined
  private readonly topology: Topology
  private readonly loss: Rng
  private readonly dup: Rng
  private readonly latency: Rng
  private readonly damage: Rng
  private nextId = 1
  /** Scripted transmissions, waiting for a hand-over. */
  private readonly script: ScriptedLinks
  private readonly tally: NetworkTally
  private readonly counts: NetworkTally['counts']

  constructor(options: NetworkOptions) {
    this.config = { ...DEFAULT_NETWORK, ...options.config }
    checkConfig(this.config)
    this.scheduler = options.scheduler
    this.journal = options.journal
    this.tally = new NetworkTally(options.journal, () => this.scheduler.now)
    this.counts = this.tally.counts
    this.script = new ScriptedLinks(this.tally, () => this.scheduler.now, options.journal)
    // One fork per purpose: turning one fault on does not shift the draws of the others.
    this.loss = options.rng.fork('loss')
    this.dup = options.rng.fork('duplicate')
    this.latency = options.rng.fork('latency')
    this.damage = options.rng.fork('corrupt')
    this.topology = new Topology(!this.config.reorder)
    for (const p of options.peers ?? []) this.addPeer(p)
  }

  /** Adds a peer (online, all its links healthy). */
  addPeer(name: string): void {
    this.topology.add(name)
  }

  /** Peer names in the order they were added. */
  get peers(): string[] {
    return this.topology.names
  }

  /** Sends a message; returns its id (also on a drop). */
  send(msg: Outgoing): number {
    const src = this.topology.peer(msg.from)
    const dst = this.topology.peer(msg.to)
    if (src === dst) throw new LabError('INVALID_ARG', `peer ${msg.from} cannot send to itself`)
    const id = this.nextId++
    const now = this.scheduler.now
    this.counts.sent++
    this.journal?.append(now, 'send', {
      id,
      from: msg.from,
      to: msg.to,
      topic: msg.topic,
      kind: msg.kind,
      size: msg.bytes.length,
    })
    const link = src.out[dst.index]!
    if (!src.online) return this.tally.dropAtSend(id, 'offline')
    if (link.state === 'partitioned') return this.tally.dropAtSend(id, 'partition')
    if (this.config.delivery === 'scripted') {
      this.transmit(link, msg, id, false, now)
      return id
    }
    if (this.loss.chance(this.config.drop)) return this.tally.dropAtSend(id, 'loss')
    this.transmit(link, msg, id, false, now)
    if (this.dup.chance(this.config.duplicate)) {
      this.counts.duplicated++
      this.journal?.append(now, 'duplicate', { id })
      this.transmit(link, msg, id, true, now)
    }
    return id
  }

  /**
   * Call when the world takes a `deliver` event. True: hand `d.bytes` to `d.to`. False: the
   * network dropped it, or it waits (on a held link, or behind an earlier message on a FIFO
   * link); either way there is nothing for the world to do.
   */
  arrive(d: Delivery): boolean {
    const link = d.link
    const verdict = link.arrive(d)
    let handover = false
    if (verdict === 'cut') this.tally.drop(d, 'partition')
    else if (verdict === 'handover') {
      if (!this.topology.peer(d.to).online) this.tally.drop(d, 'offline')
      else {
        handover = true
        this.tally.delivered(d)
      }
    }
    if (link.fifo) this.schedule(link.flush(this.scheduler.now))
    return handover
  }

  /** Symmetric partition: see `Topology.partition`; what the cut links lose is dropped. */
  partition(groups: readonly (readonly string[])[]): void {
    for (const d of this.topology.partition(groups)) this.tally.drop(d, 'partition')
  }

  /** Cuts the one direction `from` -> `to`. */
  partitionOneWay(from: string, to: string): void {
    this.cut(this.topology.link(from, to))
  }

  /** Heals the one direction `from` -> `to` if it is cut (a held link stays held). */
  repairOneWay(from: string, to: string): void {
    this.topology.link(from, to).repair()
  }

  /** Every link healthy: cuts repaired, holds released (waiting messages go with their latency). */
  heal(): void {
    this.topology.eachLink((link) => {
      if (link.state === 'held') this.schedule(link.release(this.scheduler.now))
      else link.repair()
    })
  }

  /**
   * Turns message faults off (no loss, duplication or corruption; latency and ordering stay):
   * the liveness phase after a heal runs on a reliable network, as VOPR's liveness mode does.
   */
  calm(): void {
    this.config = { ...this.config, drop: 0, duplicate: 0, corrupt: 0 }
  }

  /** Messages on `from` -> `to` wait at the end of the link until `release` (last verb wins over a cut). */
  hold(from: string, to: string): void {
    this.topology.link(from, to).hold()
  }

  /** Lets a held link go: waiting messages travel again with their latency, order kept as configured. */
  release(from: string, to: string): void {
    const link = this.topology.link(from, to)
    if (link.state === 'held') this.schedule(link.release(this.scheduler.now))
  }

  /** Marks a peer offline (nothing sent from it or delivered to it) or back online. */
  setOnline(name: string, online: boolean): void {
    this.topology.peer(name).online = online
  }

  /** False while the peer is offline. */
  isOnline(name: string): boolean {
    return this.topology.peer(name).online
  }

  /** State of the one direction `from` -> `to`. */
  linkState(from: string, to: string): LinkState {
    return this.topology.link(from, to).state
  }

  /** Transmissions still travelling or waiting; 0 means the network has drained. */
  get inFlight(): number {
    return this.counts.inFlight
  }

  /** Counters so far (a copy). */
  get stats(): NetworkStats {
    return this.tally.stats
  }

  /** Scripted transmissions still waiting for a hand-over, in send order. */
  get waiting(): readonly Delivery[] {
    return this.script.waiting
  }

  /** Hands a scripted transmission over (see `ScriptedLinks.handOver`). */
  handOver(d: Delivery, copy: boolean): Delivery | null {
    return this.script.handOver(d, copy, this.topology.peer(d.to).online)
  }

  /** Loses a scripted transmission (a `deliver` step's `drop`). */
  lose(d: Delivery): void {
    this.script.lose(d)
  }

  /**
   * Ends the script: every waiting transmission draws its latency, in send order, and travels as
   * in a timed network; later messages are timed too (the run's heal does this).
   */
  unscript(): void {
    if (this.config.delivery !== 'scripted') return
    this.config = { ...this.config, delivery: 'timed' }
    for (const d of this.script.release()) {
      d.latencyMs = this.latency.int(this.config.latencyMs[0], this.config.latencyMs[1])
      d.dueAt = d.link.dueAt(this.scheduler.now, d.latencyMs)
      this.scheduler.schedule(d.dueAt, 'deliver', d)
    }
  }

  private transmit(link: Link, msg: Outgoing, id: number, copy: boolean, now: number): void {
    if (this.config.delivery === 'scripted') {
      this.script.transmit(link, msg, id, now)
      return
    }
    const latency = this.latency.int(this.config.latencyMs[0], this.config.latencyMs[1])
    let bytes = msg.bytes
    let mode: CorruptionMode | null = null
    if (this.damage.chance(this.config.corrupt)) {
      ;({ bytes, mode } = corruptBytes(bytes, this.damage))
      this.counts.corrupted++
      this.journal?.append(now, 'corrupt', { id, copy, mode })
    }
    const d = new Delivery(
      id,
      copy,
      msg.from,
      msg.to,
      msg.topic,
      msg.kind,
      bytes,
      msg.bytes.length,
      now,
      latency,
      mode,
      link.dueAt(now, latency),
      link,
    )
    if (!copy) link.sent++
    d.seq = link.sent
    link.track(d)
    this.counts.inFlight++
    this.scheduler.schedule(d.dueAt, 'deliver', d)
  }

  private schedule(deliveries: readonly Delivery[]): void {
    for (const d of deliveries) this.scheduler.schedule(d.dueAt, 'deliver', d)
  }

  private cut(link: Link): void {
    for (const d of link.cut()) this.tally.drop(d, 'partition')
  }
}
