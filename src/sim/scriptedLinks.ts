/**
 * The transmissions of a scripted network (`delivery: 'scripted'`): each is put on its link
 * with no event scheduled and nothing drawn (no loss, copy, damage or latency), and waits until
 * the world hands it over, hands a copy of it over, or loses it, as a scenario's `deliver` steps
 * say. The network ends the script with `release` (its heal), timing what still waits.
 */
import { LabError } from '../engine/base/errors.ts'
import type { Journal } from './journal.ts'
import { Delivery, type Link } from './link.ts'
import type { NetworkTally } from './networkTally.ts'

/** A message as the network sends it. */
interface Sent {
  readonly from: string
  readonly to: string
  readonly topic: string
  readonly kind: string
  readonly bytes: Uint8Array
}

/** Scripted transmissions waiting for a hand-over, in send order. */
export class ScriptedLinks {
  private pool: Delivery[] = []

  constructor(
    private readonly tally: NetworkTally,
    private readonly now: () => number,
    private readonly journal: Journal | undefined,
  ) {}

  /** Puts a message on its link to wait for the script. */
  transmit(link: Link, msg: Sent, id: number, now: number): void {
    const d = new Delivery(
      id,
      false,
      msg.from,
      msg.to,
      msg.topic,
      msg.kind,
      msg.bytes,
      msg.bytes.length,
      now,
      0,
      null,
      now,
      link,
    )
    d.seq = ++link.sent
    link.track(d)
    this.tally.counts.inFlight++
    this.pool.push(d)
  }

  /** Waiting transmissions, in send order. */
  get waiting(): readonly Delivery[] {
    return this.pool
  }

  /**
   * Hands `d` over: the delivery for its recipient, or null when a cut link or an offline
   * recipient (`online` false) drops it. With `copy` the recipient gets a duplicate and `d` keeps
   * waiting for a later step. The caller has checked that `d` waits and may go (FIFO: the head).
   */
  handOver(d: Delivery, copy: boolean, online: boolean): Delivery | null {
    let given = d
    if (copy) {
      const now = this.now()
      this.tally.counts.duplicated++
      this.journal?.append(now, 'duplicate', { id: d.id })
      given = new Delivery(d.id, true, d.from, d.to, d.topic, d.kind, d.bytes, d.size, now, 0, null, now, d.link)
      given.seq = d.seq
      this.tally.counts.inFlight++
    } else this.take(d)
    if (d.link.state === 'partitioned') this.tally.drop(given, 'partition')
    else if (!online) this.tally.drop(given, 'offline')
    else {
      this.tally.delivered(given)
      return given
    }
    return null
  }

  /** Loses `d` (a `deliver` step's `drop`). */
  lose(d: Delivery): void {
    this.take(d)
    this.tally.drop(d, 'loss')
  }

  /** Ends the script: every waiting transmission, in send order, for the network to time. */
  release(): Delivery[] {
    const out = this.pool
    this.pool = []
    return out
  }

  private take(d: Delivery): void {
    const i = this.pool.indexOf(d)
    if (i < 0) throw new LabError('INTERNAL', `message ${d.id} (${d.from} -> ${d.to}) is not waiting for a script`)
    this.pool.splice(i, 1)
    d.link.forget(d)
  }
}
