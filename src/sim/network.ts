/**
 * The simulated network: peers by name, a `Link` per ordered pair, per-message faults drawn
 * from the world's random generator, and delivery events handed to the world's scheduler.
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
 */
import { LabError } from '../engine/base/errors.ts'
import type { Rng } from '../engine/base/providers.ts'
import { corruptBytes, type CorruptionMode } from './frames.ts'
import type { Journal } from './journal.ts'
import { Delivery, Link, type LinkState } from './link.ts'

export { Delivery, type LinkState } from './link.ts'

/**
 * Network settings. Defaults (`DEFAULT_NETWORK`), the scenario format's too:
 * - `latencyMs` [5, 50]: uniform integer per transmission, both ends inclusive;
 * - `drop` 0, `duplicate` 0, `corrupt` 0: probabilities per message (corruption per transmission);
 * - `reorder` true: each transmission delayed independently, so messages may overtake;
 *   false: FIFO per link.
 */
export interface NetworkConfig {
  readonly latencyMs: readonly [number, number]
  readonly drop: number
  readonly duplicate: number
  readonly corrupt: number
  readonly reorder: boolean
}

export const DEFAULT_NETWORK: NetworkConfig = { latencyMs: [5, 50], drop: 0, duplicate: 0, corrupt: 0, reorder: true }

export type DropReason = 'loss' | 'partition' | 'offline'

export interface NetworkStats {
  /** Messages handed to `send`. */
  readonly sent: number
  /** Transmissions handed to recipients, copies and damaged ones included. */
  readonly delivered: number
  readonly dropped: number
  readonly droppedBy: Readonly<Record<DropReason, number>>
  readonly duplicated: number
  readonly corrupted: number
  /** Transmissions neither delivered nor dropped yet (travelling or waiting on a link). */
  readonly inFlight: number
}

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

interface Peer {
  readonly name: string
  readonly index: number
  online: boolean
  /** Outgoing links by the target's index. */
  readonly out: Link[]
}

/** The simulated network of one world: see the file comment for how a world drives it. */
export class Network {
  config: NetworkConfig
  private readonly scheduler: DeliveryScheduler
  private readonly journal: Journal | undefined
  private readonly peerMap = new Map<string, Peer>()
  private readonly loss: Rng
  private readonly dup: Rng
  private readonly latency: Rng
  private readonly damage: Rng
  private nextId = 1
  private readonly counts = { sent: 0, delivered: 0, duplicated: 0, corrupted: 0, inFlight: 0 }
  private readonly drops: Record<DropReason, number> = { loss: 0, partition: 0, offline: 0 }

  constructor(options: NetworkOptions) {
    this.config = { ...DEFAULT_NETWORK, ...options.config }
    checkConfig(this.config)
    this.scheduler = options.scheduler
    this.journal = options.journal
    // One fork per purpose: turning one fault on does not shift the draws of the others.
    this.loss = options.rng.fork('loss')
    this.dup = options.rng.fork('duplicate')
    this.latency = options.rng.fork('latency')
    this.damage = options.rng.fork('corrupt')
    for (const p of options.peers ?? []) this.addPeer(p)
  }

  /** Adds a peer (online, all its links healthy). */
  addPeer(name: string): void {
    if (this.peerMap.has(name))
      throw new LabError('INVALID_ARG', `peer ${JSON.stringify(name)} is already on the network`)
    const fifo = !this.config.reorder
    const peer: Peer = { name, index: this.peerMap.size, online: true, out: [] }
    for (const other of this.peerMap.values()) {
      other.out.push(new Link(other.name, name, fifo))
      peer.out.push(new Link(name, other.name, fifo))
    }
    // A placeholder keeps `out[i]` the link to peer i; sending to oneself is refused.
    peer.out.push(new Link(name, name, fifo))
    this.peerMap.set(name, peer)
  }

  /** Peer names in the order they were added. */
  get peers(): string[] {
    return [...this.peerMap.keys()]
  }

  /** Sends a message; returns its id (also on a drop). */
  send(msg: Outgoing): number {
    const src = this.peer(msg.from)
    const dst = this.peer(msg.to)
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
    if (!src.online) return this.dropAtSend(id, 'offline')
    if (link.state === 'partitioned') return this.dropAtSend(id, 'partition')
    if (this.loss.chance(this.config.drop)) return this.dropAtSend(id, 'loss')
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
    if (verdict === 'cut') this.drop(d, 'partition')
    else if (verdict === 'handover') {
      if (!this.peer(d.to).online) this.drop(d, 'offline')
      else {
        handover = true
        this.counts.delivered++
        this.counts.inFlight--
        this.journal?.append(this.scheduler.now, 'deliver', { id: d.id, copy: d.copy })
      }
    }
    if (link.fifo) this.schedule(link.flush(this.scheduler.now))
    return handover
  }

  /**
   * Symmetric partition: links between different groups are cut, links within a group heal
   * (a held link stays held: hold is its own fault). Peers named in no group form one more
   * group together. Replaces any earlier partition, one-way ones included.
   */
  partition(groups: readonly (readonly string[])[]): void {
    const groupOf = new Map<string, number>()
    groups.forEach((group, g) => {
      for (const name of group) {
        this.peer(name)
        if (groupOf.has(name)) throw new LabError('INVALID_ARG', `peer ${name} is in two partition groups`)
        groupOf.set(name, g)
      }
    })
    this.eachLink((link) => {
      const together = (groupOf.get(link.from) ?? groups.length) === (groupOf.get(link.to) ?? groups.length)
      if (!together) this.cut(link)
      else link.repair()
    })
  }

  /** Cuts the one direction `from` -> `to`. */
  partitionOneWay(from: string, to: string): void {
    this.cut(this.link(from, to))
  }

  /** Heals the one direction `from` -> `to` if it is cut (a held link stays held). */
  repairOneWay(from: string, to: string): void {
    this.link(from, to).repair()
  }

  /** Every link healthy: cuts repaired, holds released (waiting messages go with their latency). */
  heal(): void {
    this.eachLink((link) => {
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
    this.link(from, to).hold()
  }

  /** Lets a held link go: waiting messages travel again with their latency, order kept as configured. */
  release(from: string, to: string): void {
    const link = this.link(from, to)
    if (link.state === 'held') this.schedule(link.release(this.scheduler.now))
  }

  /** Marks a peer offline (nothing sent from it or delivered to it) or back online. */
  setOnline(name: string, online: boolean): void {
    this.peer(name).online = online
  }

  /** False while the peer is offline. */
  isOnline(name: string): boolean {
    return this.peer(name).online
  }

  /** State of the one direction `from` -> `to`. */
  linkState(from: string, to: string): LinkState {
    return this.link(from, to).state
  }

  /** Transmissions still travelling or waiting; 0 means the network has drained. */
  get inFlight(): number {
    return this.counts.inFlight
  }

  /** Counters so far (a copy). */
  get stats(): NetworkStats {
    const droppedBy = { ...this.drops }
    const dropped = droppedBy.loss + droppedBy.partition + droppedBy.offline
    return { ...this.counts, dropped, droppedBy }
  }

  private transmit(link: Link, msg: Outgoing, id: number, copy: boolean, now: number): void {
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
    link.track(d)
    this.counts.inFlight++
    this.scheduler.schedule(d.dueAt, 'deliver', d)
  }

  private schedule(deliveries: readonly Delivery[]): void {
    for (const d of deliveries) this.scheduler.schedule(d.dueAt, 'deliver', d)
  }

  private cut(link: Link): void {
    for (const d of link.cut()) this.drop(d, 'partition')
  }

  private drop(d: Delivery, reason: DropReason): void {
    this.drops[reason]++
    this.counts.inFlight--
    this.journal?.append(this.scheduler.now, 'drop', { id: d.id, copy: d.copy, reason })
  }

  private dropAtSend(id: number, reason: DropReason): number {
    this.drops[reason]++
    this.journal?.append(this.scheduler.now, 'drop', { id, copy: false, reason })
    return id
  }

  private eachLink(f: (link: Link) => void): void {
    for (const p of this.peerMap.values()) for (const link of p.out) if (link.from !== link.to) f(link)
  }

  private link(from: string, to: string): Link {
    const src = this.peer(from)
    const dst = this.peer(to)
    if (src === dst) throw new LabError('INVALID_ARG', `there is no link from ${from} to itself`)
    return src.out[dst.index]!
  }

  private peer(name: string): Peer {
    const p = this.peerMap.get(name)
    if (p === undefined)
      throw new LabError(
        'INVALID_ARG',
        `unknown peer ${JSON.stringify(name)}; the network has ${this.peers.join(', ') || 'none'}`,
      )
    return p
  }
}

function checkConfig(c: NetworkConfig): void {
  const [lo, hi] = c.latencyMs
  const ok = Number.isInteger(lo) && Number.isInteger(hi) && lo >= 0 && lo <= hi
  if (!ok) throw new LabError('INVALID_ARG', `latencyMs must be two integers 0 <= min <= max, got [${lo}, ${hi}]`)
  for (const key of ['drop', 'duplicate', 'corrupt'] as const) {
    if (!(c[key] >= 0 && c[key] <= 1))
      throw new LabError('INVALID_ARG', `${key} must be a probability in [0, 1], got ${c[key]}`)
  }
}
