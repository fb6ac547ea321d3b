/**
 * The simulator's own overhead, measured against raw Yjs in the same run: the same logical work
 * (five peers, each op a Yjs update applied at the four others) done once as a plain loop of
 * encodes and applies, and once through the simulator's machinery (checksummed frames on the
 * network with latency and reordering, the event queue, the journal with its trace hash). The
 * ratio of deliveries per second is the simulator's cost; the engine's own work is measured by
 * the engine rows.
 */
import * as Y from 'yjs'
import { Rng } from '../../src/engine/providers.ts'
import { decodeFrame, encodeFrame } from '../../src/sim/frames.ts'
import { Journal } from '../../src/sim/journal.ts'
import { Network, type Delivery } from '../../src/sim/network.ts'
import { Scheduler } from '../../src/sim/scheduler.ts'

const PEERS = ['alice', 'bob', 'carol', 'dave', 'erin']

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

/** Raw Yjs: `ops` updates, each applied at the four other docs. */
export function rawDeliveries(ops: number, now: () => number): DeliveryRate {
  const docs = makeDocs()
  const start = now()
  let deliveries = 0
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

type Events = { deliver: Delivery; op: number }

/** The same ops through the simulator's network, scheduler, frames and journal. */
export function simulatedDeliveries(ops: number, now: () => number, seed = 1): DeliveryRate {
  const docs = makeDocs()
  const scheduler = new Scheduler<Events>()
  const journal = new Journal({ retain: false })
  const network = new Network({ scheduler, rng: new Rng(seed).fork('network'), journal, peers: PEERS, config: { latencyMs: [1, 20], reorder: true } })
  for (let i = 0; i < ops; i++) scheduler.schedule(i * 2, 'op', i)
  const start = now()
  let deliveries = 0
  scheduler.runUntil(Infinity, (e) => {
    if (e.kind === 'op') {
      const from = e.payload % PEERS.length
      const update = writeMessage(docs[from]!, e.payload)
      journal.append(scheduler.now, 'op', { peer: PEERS[from]!, op: 'chat.send' })
      const bytes = encodeFrame({ kind: 'update', entityId: 'group:bench', docId: 'group:bench:chat', payload: update })
      for (const to of PEERS) if (to !== PEERS[from]) network.send({ from: PEERS[from]!, to, topic: 'group:bench', kind: 'update', bytes })
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

const rate = (deliveries: number, ms: number): DeliveryRate => ({ deliveries, ms, perSecond: Math.round((deliveries / ms) * 1000) })

/** Both, warmed up, best of `rounds`: the simulator's deliveries per second over raw Yjs's. */
export function simOverhead(ops: number, now: () => number, rounds = 3): { raw: DeliveryRate; sim: DeliveryRate; ratio: number } {
  rawDeliveries(Math.min(ops, 200), now)
  simulatedDeliveries(Math.min(ops, 200), now)
  let raw = rawDeliveries(ops, now)
  let sim = simulatedDeliveries(ops, now)
  for (let r = 1; r < rounds; r++) {
    const a = rawDeliveries(ops, now)
    const b = simulatedDeliveries(ops, now)
    if (a.perSecond > raw.perSecond) raw = a
    if (b.perSecond > sim.perSecond) sim = b
  }
  return { raw, sim, ratio: sim.perSecond / raw.perSecond }
}
