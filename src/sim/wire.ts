/**
 * The wire between the replicas and the network: a replica's outbox becomes checksummed frames
 * on the network (one per recipient of a broadcast), a delivery the network lets arrive becomes a
 * `receive` on the recipient's replica, and a damaged frame or a refused message becomes a
 * `reject` record. The world owns one; it tells its observers through the hooks.
 */
import { isLabError } from '../engine/base/errors.ts'
import type { DocId, EntityId, MemberId } from '../engine/base/ids.ts'
import type { ReceiveResult } from '../engine/replica/receive.ts'
import { decodeFrame, encodeFrame } from './frames.ts'
import type { Journal } from './journal.ts'
import type { Delivery, Network } from './network.ts'
import type { SimPeer } from './peer.ts'
import type { Scheduler } from './scheduler.ts'
import { EPOCH, type WorldEvents } from './worldOptions.ts'
import { type Envelope } from '../engine/sync/envelope.ts'

/** What the wire works with: the world's parts, and hooks back into the world. */
export interface WireContext {
  readonly network: Network
  readonly scheduler: Scheduler<WorldEvents>
  readonly journal: Journal
  readonly peers: ReadonlyMap<MemberId, SimPeer>
  readonly stats: { rejected: number }
  entityIds(): readonly EntityId[]
  /** A delivery for `docId` is about to be handled by `d.to`'s replica (its frame was intact). */
  beforeReceive(d: Delivery, docId: DocId): void
  /** A delivery reached a replica and was handled. */
  received(d: Delivery, result: ReceiveResult): void
  /** A message went on the network (`id`: its delivery id). */
  sent(s: Sent): void
  /** Runs `fn` against the peer's replica; a failpoint crash inside it crashes the peer (undefined). */
  guard<T>(peer: MemberId, fn: () => T): T | undefined
}

/** One message a replica put on the network: who to whom, which document, which kind. */
export interface Sent {
  readonly id: number
  readonly from: MemberId
  readonly to: MemberId
  readonly docId: DocId
  readonly kind: Envelope['kind']
}

/** The world's wire: see the file comment. */
export class Wire {
  private readonly wakes = new Map<MemberId, number>()

  constructor(private readonly w: WireContext) {}

  /** Hands one delivery to its recipient's replica (if the network lets it arrive). */
  deliver(d: Delivery): void {
    if (this.w.network.arrive(d)) this.handOver(d)
  }

  /** Gives a delivery the network let through to its recipient's replica (a crashed one loses it). */
  handOver(d: Delivery): void {
    const peer = this.w.peers.get(d.to)!
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
    this.w.beforeReceive(d, frame.docId)
    const { docId, payload } = frame
    const result = this.w.guard(d.to, () => peer.r.receive(d.from, docId, payload))
    if (!result) return
    if (result.status === 'rejected') this.reject(d.to, d.from, d.id, result.error.code)
    this.w.received(d, result)
    this.flush(peer)
  }

  private reject(to: MemberId, from: MemberId, id: number, code: string): void {
    this.w.stats.rejected++
    this.w.journal.append(this.w.scheduler.now, 'reject', { to, from, id, code })
  }

  /** Sends anti-entropy digests from `peer` to every other peer, for every entity. */
  antiEntropy(peer: SimPeer): void {
    if (!peer.up || peer.offline) return
    const done = this.w.guard(peer.name, () => {
      for (const other of this.w.peers.keys()) {
        if (other === peer.name) continue
        for (const e of this.w.entityIds()) peer.r.antiEntropy(other, e)
      }
      return true
    })
    if (done) this.flush(peer)
  }

  /** Puts everything the peer's replica wants to say on the network, and books its next wake-up. */
  flush(peer: SimPeer): void {
    if (!peer.up) return
    for (const env of peer.r.drainOutbox()) this.send(peer.name, env)
    const due = peer.r.canvas.dueAt()
    if (due === undefined) return
    const now = this.w.scheduler.now
    const at = Math.max(now, due - EPOCH - peer.skewMs)
    if (this.wakes.get(peer.name) === at) return
    this.wakes.set(peer.name, at)
    this.w.scheduler.schedule(at, 'wake', peer.name)
  }

  /** A booked wake-up: the replica sends what has come due (a trailing cursor position). */
  wake(peer: SimPeer): void {
    if (this.wakes.get(peer.name) === this.w.scheduler.now) this.wakes.delete(peer.name)
    this.flush(peer)
  }

  private send(from: MemberId, env: Envelope): void {
    const bytes = encodeFrame({ kind: env.kind, entityId: env.entityId, docId: env.docId, payload: env.message })
    const network = this.w.network
    const one = (to: MemberId): void => {
      const id = network.send({ from, to, topic: env.entityId, kind: env.kind, bytes })
      this.w.sent({ id, from, to, docId: env.docId, kind: env.kind })
    }
    if (env.to !== '*') one(env.to)
    else for (const to of this.w.peers.keys()) if (to !== from) one(to)
  }
}
