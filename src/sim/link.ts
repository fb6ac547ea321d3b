/**
 * One direction between two peers, as in turmoil: a small state union plus a queue.
 *
 * ```
 *            send ──► [ in flight: scheduled deliveries ] ──► end of link ──► recipient
 *                                                               │
 *                                   held, or FIFO backlog ──► waiting ──► release / flush
 * ```
 *
 * A delivery is in flight (an event in the scheduler) until it reaches the end of its link.
 * There the link decides: cut (partitioned), wait (held), or hand over. A one-way partition is
 * just one link in state `partitioned`: no special case.
 *
 * FIFO (reorder off): due times on a link never decrease, and events due at the same time run
 * in scheduling order, so messages arrive in send order. Holding breaks that chain: released
 * messages are re-scheduled, and messages still in flight behind them could overtake. So while
 * released messages travel (`backlog > 0`), fresh arrivals wait behind them and are flushed
 * when the backlog clears; `waiting` is kept in send order.
 */
import type { CorruptionMode } from './frames.ts'

export type LinkState = 'healthy' | 'partitioned' | 'held'

/** One transmission of a message over a link; a duplicate is a second transmission (`copy`). */
export class Delivery {
  /** True while re-scheduled after waiting on a FIFO link (counted in its backlog). */
  released = false

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
    /** Drawn at send; a message released from a hold travels this long again. */
    readonly latencyMs: number,
    readonly corruption: CorruptionMode | null,
    /** When it is due at the end of its link; moves when it waited and was released. */
    public dueAt: number,
    /** The link it travels (internal: saves a lookup per arrival). */
    readonly link: Link,
  ) {}
}

/** What the end of the link does with an arriving delivery. */
export type Arrival = 'handover' | 'wait' | 'cut'

/** Send order on one link: message id, the original before its copy. */
const sentBefore = (a: Delivery, b: Delivery): boolean => a.id < b.id || (a.id === b.id && !a.copy && b.copy)

export class Link {
  state: LinkState = 'healthy'
  /** FIFO: the latest due time handed out; later messages are due no earlier. */
  private horizon = 0
  /** FIFO: released deliveries still in flight. */
  private backlog = 0
  /** Arrived but not handed over: held, or queued behind a FIFO backlog. In send order when FIFO. */
  private readonly waiting: Delivery[] = []

  constructor(
    readonly from: string,
    readonly to: string,
    /** Reorder off: deliver in send order. */
    readonly fifo: boolean,
  ) {}

  /** Messages waiting at the end of the link. */
  get waitingCount(): number {
    return this.waiting.length
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

  /** Decides what happens to a delivery reaching the end of the link. */
  arrive(d: Delivery): Arrival {
    const wasReleased = d.released
    if (wasReleased) {
      d.released = false
      this.backlog--
    }
    if (this.state === 'partitioned') return 'cut'
    if (this.state === 'held' || (!wasReleased && this.backlog > 0)) {
      this.enqueue(d)
      return 'wait'
    }
    return 'handover'
  }

  /**
   * FIFO messages queued behind a backlog that has just cleared: due now, in order. Returns
   * nothing while the link is held or cut, or while released messages still travel.
   */
  flush(now: number): Delivery[] {
    if (this.state !== 'healthy' || this.backlog > 0 || this.waiting.length === 0) return []
    return this.takeWaiting(now, false)
  }

  /** Cuts the link; returns the waiting messages it loses. */
  cut(): Delivery[] {
    this.state = 'partitioned'
    return this.waiting.splice(0)
  }

  /** Holds the link: arrivals wait until `release`. */
  hold(): void {
    this.state = 'held'
  }

  /**
   * Makes the link healthy. Messages that waited go again, each with its own latency from
   * `now` (FIFO: still in send order, never before an earlier one).
   */
  release(now: number): Delivery[] {
    this.state = 'healthy'
    return this.takeWaiting(now, true)
  }

  private takeWaiting(now: number, withLatency: boolean): Delivery[] {
    const out = this.waiting.splice(0)
    let floor = now
    for (const d of out) {
      let at = withLatency ? now + d.latencyMs : now
      if (this.fifo) {
        if (at < floor) at = floor
        floor = at
        d.released = true
      }
      d.dueAt = at
    }
    if (this.fifo) {
      this.backlog += out.length
      if (floor > this.horizon) this.horizon = floor
    }
    return out
  }

  /** Appends in send order (FIFO); an out-of-order arrival is rare, so search from the end. */
  private enqueue(d: Delivery): void {
    const w = this.waiting
    let i = w.length
    if (this.fifo) while (i > 0 && sentBefore(d, w[i - 1]!)) i--
    w.splice(i, 0, d)
  }
}
