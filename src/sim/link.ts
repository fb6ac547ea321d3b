/**
 * One direction between two peers, as in turmoil: a small state union plus a queue.
 *
 * ```
 *   send ──► in flight (a scheduled event) ──► end of link ──► handover to the recipient
 *                                                │
 *                 held, or (FIFO) an earlier one still pending ──► waiting ──► goes again
 * ```
 *
 * A delivery is in flight until it reaches the end of its link. There the link decides: cut
 * (partitioned), wait, or hand over. A one-way partition is just one link in state
 * `partitioned`: no special case.
 *
 * FIFO (reorder off): the link keeps every pending transmission in send order and hands over
 * only the head. Due times never decrease, so normally the head is the one arriving; after a
 * hold, released messages travel again and later ones may reach the end first: those wait and
 * go again (due now) as soon as everything before them is resolved. Send order is therefore
 * kept whatever holds, releases and cuts happen.
 */
import type { CorruptionMode } from './frames.ts'

export type LinkState = 'healthy' | 'partitioned' | 'held'

/** One transmission of a message over a link; a duplicate is a second transmission (`copy`). */
export class Delivery {
  /** Reached the end of its link and waits there (held, or behind an earlier one). */
  waiting = false
  /** Its number on its link: the seq-th message the sender sent this recipient, from 1. */
  seq = 0

  constructor(
    /** The message id, shared by its duplicate. */
    readonly id: number,
    readonly copy: boolean,
    readonly from: string,
    readonly to: string,
    /** Routing label, e.g. the entity id. */
    readonly topic: string,
    /** Message kind label, e.g. `update`. */
    readonly kind: string,
    /** The bytes as they arrive: damaged when `corruption` is set. */
    readonly bytes: Uint8Array,
    /** Bytes sent (before any damage). */
    readonly size: number,
    readonly sentAt: number,
    /** Drawn at send (a scripted one: when it goes timed); a message released from a hold travels this long again. */
    public latencyMs: number,
    readonly corruption: CorruptionMode | null,
    /** When it is due at the end of its link; moves when it waited and was released. */
    public dueAt: number,
    /** The link it travels (internal: saves a lookup per arrival). */
    readonly link: Link,
  ) {}
}

/** What the end of the link does with an arriving delivery. */
export type Arrival = 'handover' | 'wait' | 'cut'

/** One direction between two peers: its state and the messages pending on it. */
export class Link {
  private current: LinkState = 'healthy'
  /** FIFO: the latest due time handed out; later messages are due no earlier. */
  private horizon = 0
  /** FIFO: every transmission neither handed over nor dropped, in send order. */
  private readonly pending: Delivery[] = []
  /** Reorder: arrivals waiting on a hold. */
  private readonly held: Delivery[] = []
  /** Messages sent on the link so far (a delivery's `seq` is the count when it was sent). */
  sent = 0

  constructor(
    readonly from: string,
    readonly to: string,
    /** Reorder off: deliver in send order. */
    readonly fifo: boolean,
  ) {}

  /** `healthy`, `partitioned` or `held`. */
  get state(): LinkState {
    return this.current
  }

  /** Due time for a message sent at `now` with `latency`, respecting FIFO. */
  dueAt(now: number, latency: number): number {
    let at = now + latency
    if (this.fifo) {
      if (at < this.horizon) at = this.horizon
      this.horizon = at
    }
    return at
  }

  /** Registers a transmission put on the wire (FIFO tracks them in send order). */
  track(d: Delivery): void {
    if (this.fifo) this.pending.push(d)
  }

  /** Decides what happens to a delivery reaching the end of the link. */
  arrive(d: Delivery): Arrival {
    if (this.current === 'partitioned') {
      this.forget(d)
      return 'cut'
    }
    if (this.current === 'held' || (this.fifo && this.pending[0] !== d)) {
      d.waiting = true
      if (!this.fifo) this.held.push(d)
      return 'wait'
    }
    if (this.fifo) this.pending.shift()
    return 'handover'
  }

  /** FIFO: the head, if it waits on a healthy link, goes again now (call after each arrival). */
  flush(now: number): Delivery[] {
    const head = this.pending[0]
    if (!this.fifo || this.current !== 'healthy' || head === undefined || !head.waiting) return []
    head.waiting = false
    head.dueAt = now
    return [head]
  }

  /** Cuts the link; returns the waiting messages it loses (those in flight are cut on arrival). */
  cut(): Delivery[] {
    this.current = 'partitioned'
    const lost = this.takeWaiting()
    for (const d of lost) this.forget(d)
    return lost
  }

  /** Heals a cut (a held link stays held: hold is its own fault). */
  repair(): void {
    if (this.current === 'partitioned') this.current = 'healthy'
  }

  /** Holds the link: arrivals wait until `release`. */
  hold(): void {
    this.current = 'held'
  }

  /**
   * Makes the link healthy. Messages that waited go again, each with its own latency from
   * `now` (FIFO: due in send order; the head rule keeps them behind anything earlier).
   */
  release(now: number): Delivery[] {
    this.current = 'healthy'
    const again = this.takeWaiting()
    let floor = now
    for (const d of again) {
      d.waiting = false
      d.dueAt = Math.max(now + d.latencyMs, this.fifo ? floor : 0)
      floor = d.dueAt
    }
    if (floor > this.horizon) this.horizon = floor
    return again
  }

  private takeWaiting(): Delivery[] {
    return this.fifo ? this.pending.filter((d) => d.waiting) : this.held.splice(0)
  }

  /** FIFO: the first transmission neither handed over nor dropped (undefined when none, or not FIFO). */
  get head(): Delivery | undefined {
    return this.pending[0]
  }

  /** Forgets a transmission that left the link other than by `arrive` (a scripted hand-over or loss). */
  forget(d: Delivery): void {
    if (!this.fifo) return
    const i = this.pending.indexOf(d)
    if (i >= 0) this.pending.splice(i, 1)
  }
}
