/**
 * The simulator's own overhead, measured against raw Yjs in the same run: the same logical work
 * (five peers, each op a Yjs update applied at the four others) done once as a plain loop of
 * encodes and applies, and once through the simulator's machinery (checksummed frames on the
 * network with latency and reordering, the event queue, the journal with its trace hash). The
 * ratio of deliveries per second is the simulator's cost; the engine's own work is measured by
 * the engine rows.
 *
 * Same applies means the same order too: with latency and reordering, updates reach a peer out of
 * order and Yjs parks them as pending until the missing ones arrive, which costs Yjs more than an
 * in-order loop (about a third more here). That is Yjs's work, not the simulator's, so the raw
 * loop writes and applies in the order the simulator's network delivers (`arrivalOrder`, the same
 * seeded network run untimed with tiny payloads: its draws do not depend on the bytes).
 */
import * as Y from 'yjs'
import { Rng } from '../../src/engine/base/providers.ts'
import { decodeFrame, encodeFrame } from '../../src/sim/frames.ts'
import { Journal } from '../../src/sim/journal.ts'
import { Network, type Delivery } from '../../src/sim/network.ts'
import { Scheduler } from '../../src/sim/scheduler.ts'

const PEERS = ['alice', 'bob', 'carol', 'dave', 'erin']
/** Latency 1-20 ms with reordering, as a gossip network does. */
const NETWORK = { latencyMs: [1, 20] as [number, number], reorder: true }

function makeDocs(): Y.Doc[] {
  return PEERS.map((_, i) => {
    const d = new Y.Doc()
    d.clientID = i + 1
    d.getMap('messages')
    return d
  })
}

/** One op: a chat message as a nested map, like the spec's MessageData. */
function writeMessage(doc: Y.Doc, i: number): Uint8Array {
  let update: Uint8Array | undefined
  const capture = (u: Uint8Array) => (update = u)
  doc.on('update', capture)
  doc.transact(() => {
    const m = new Y.Map<unknown>()
    doc.getMap('messages').set(`m${i}`, m)
    m.set('content', `message number ${i} with some words in it`)
    m.set('author_id', PEERS[i % PEERS.length])
    m.set('created_at', 1_767_225_600 + i)
  })
  doc.off('update', capture)
  return update!
}

export interface DeliveryRate {
  readonly deliveries: number
  readonly ms: number
  readonly perSecond: number
}

/**
 * The network's delivery order for `ops` ops sent every 2 ms (as `simulatedDeliveries` sends
 * them): per event, `-1 - i` for op i written at its peer, or `to * ops + i` for op i applied at
 * peer `to`.
 */
export function arrivalOrder(ops: number, seed = 1): Int32Array {
  const scheduler = new Scheduler<Events>()
  const network = new Network({ scheduler, rng: new Rng(seed).fork('network'), peers: PEERS, config: NETWORK })
  for (let i = 0; i < ops; i++) scheduler.schedule(i * 2, 'op', i)
  const order = new Int32Array(ops * PEERS.length)
  let n = 0
  scheduler.runUntil(Infinity, (e) => {
    if (e.kind === 'op') {
      const from = PEERS[e.payload % PEERS.length]!
      order[n++] = -1 - e.payload
      const bytes = Uint8Array.of(e.payload & 0xff, (e.payload >> 8) & 0xff, (e.payload >> 16) & 0xff)
      for (const to of PEERS) if (to !== from) network.send({ from, to, topic: 'group:bench', kind: 'update', bytes })
      return
    }
    if (!network.arrive(e.payload)) return
    const b = e.payload.bytes
    order[n++] = PEERS.indexOf(e.payload.to) * ops + (b[0]! | (b[1]! << 8) | (b[2]! << 16))
  })
  return order.subarray(0, n)
}

/** Raw Yjs: `ops` updates, each applied at the four other docs, in `order` (default: in order). */
export function rawDeliveries(ops: number, now: () => number, order?: Int32Array): DeliveryRate {
  const docs = makeDocs()
  let deliveries = 0
  if (order === undefined) {
    const start = now()
    for (let i = 0; i < ops; i++) {
      const from = i % PEERS.length
      const update = writeMessage(docs[from]!, i)
      for (let j = 0; j < docs.length; j++) {
        if (j === from) continue
        Y.applyUpdate(docs[j]!, update)
        deliveries++
      }
    }
    return rate(deliveries, now() - start)
  }
  const updates: Uint8Array[] = new Array(ops)
  const start = now()
  for (const e of order) {
    if (e < 0) {
      const i = -1 - e
      updates[i] = writeMessage(docs[i % PEERS.length]!, i)
      continue
    }
    Y.applyUpdate(docs[Math.floor(e / ops)]!, updates[e % ops]!)
    deliveries++
  }
  return rate(deliveries, now() - start)
}

type Events = { deliver: Delivery; op: number }

/** The same ops through the simulator's network, scheduler, frames and journal. */
export function simulatedDeliveries(ops: number, now: () => number, seed = 1): DeliveryRate {
  const docs = makeDocs()
  const scheduler = new Scheduler<Events>()
  const journal = new Journal({ retain: false })
  const network = new Network({ scheduler, rng: new Rng(seed).fork('network'), journal, peers: PEERS, config: NETWORK })
  for (let i = 0; i < ops; i++) scheduler.schedule(i * 2, 'op', i)
  const start = now()
  let deliveries = 0
  scheduler.runUntil(Infinity, (e) => {
    if (e.kind === 'op') {
      const from = e.payload % PEERS.length
      const update = writeMessage(docs[from]!, e.payload)
      journal.append(scheduler.now, 'op', { peer: PEERS[from]!, op: 'chat.send' })
      const bytes = encodeFrame({ kind: 'update', entityId: 'group:bench', docId: 'group:bench:chat', payload: update })
      for (const to of PEERS)
        if (to !== PEERS[from]) network.send({ from: PEERS[from]!, to, topic: 'group:bench', kind: 'update', bytes })
      return
    }
    if (!network.arrive(e.payload)) return
    const frame = decodeFrame(e.payload.bytes)
    Y.applyUpdate(docs[PEERS.indexOf(e.payload.to)]!, frame.payload)
    deliveries++
  })
  journal.traceHash()
  return rate(deliveries, now() - start)
}

const rate = (deliveries: number, ms: number): DeliveryRate => ({
  deliveries,
  ms,
  perSecond: Math.round((deliveries / ms) * 1000),
})

/**
 * Both, warmed up, best of `rounds` (interleaved): the simulator's deliveries per second over raw
 * Yjs's, raw Yjs applying in the simulator's delivery order.
 */
export function simOverhead(
  ops: number,
  now: () => number,
  rounds = 3,
): { raw: DeliveryRate; sim: DeliveryRate; ratio: number } {
  const order = arrivalOrder(ops)
  rawDeliveries(Math.min(ops, 200), now)
  simulatedDeliveries(Math.min(ops, 200), now)
  let raw = rawDeliveries(ops, now, order)
  let sim = simulatedDeliveries(ops, now)
  for (let r = 1; r < rounds; r++) {
    const a = rawDeliveries(ops, now, order)
    const b = simulatedDeliveries(ops, now)
    if (a.perSecond > raw.perSecond) raw = a
    if (b.perSecond > sim.perSecond) sim = b
  }
  return { raw, sim, ratio: sim.perSecond / raw.perSecond }
}
