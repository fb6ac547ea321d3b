/**
 * The pieces together, as the world will drive them: frames on the network, delivery events
 * from the scheduler, damaged frames rejected on receipt and journaled.
 */
import { describe, expect, it } from 'vitest'
import { isLabError } from '../../src/engine/base/errors.ts'
import { Rng } from '../../src/engine/base/providers.ts'
import { decodeFrame, encodeFrame, type Frame } from '../../src/sim/frames.ts'
import { Journal } from '../../src/sim/journal.ts'
import { Network, type Delivery } from '../../src/sim/network.ts'
import { Scheduler } from '../../src/sim/scheduler.ts'

type Events = { deliver: Delivery; gossip: { from: string; n: number } }

function run(seed: number) {
  const rng = new Rng(seed)
  const scheduler = new Scheduler<Events>()
  const journal = new Journal()
  const peers = ['alice', 'bob', 'carol']
  const net = new Network({
    scheduler,
    rng: rng.fork('network'),
    journal,
    peers,
    config: { corrupt: 0.2, duplicate: 0.2, drop: 0.1 },
  })
  const received: Array<{ id: number; frame: Frame }> = []
  const sent = new Map<number, Frame>()
  for (const [i, from] of peers.entries()) scheduler.schedule(i, 'gossip', { from, n: 0 })

  scheduler.runUntil(
    () => false,
    (e) => {
      switch (e.kind) {
        case 'gossip': {
          const { from, n } = e.payload
          const frame: Frame = {
            kind: 'update',
            entityId: 'group:tea',
            docId: 'group:tea:chat',
            payload: Uint8Array.of(n, n + 1),
          }
          for (const to of peers)
            if (to !== from)
              sent.set(
                net.send({ from, to, topic: frame.entityId, kind: frame.kind, bytes: encodeFrame(frame) }),
                frame,
              )
          if (n < 50) scheduler.after(10, 'gossip', { from, n: n + 1 })
          break
        }
        case 'deliver': {
          const d = e.payload
          if (!net.arrive(d)) break
          try {
            received.push({ id: d.id, frame: decodeFrame(d.bytes) })
          } catch (err) {
            if (!isLabError(err, 'CORRUPT_MESSAGE')) throw err
            journal.append(scheduler.now, 'reject', { id: d.id, to: d.to, reason: err.message })
          }
        }
      }
    },
    { maxEvents: 100_000 },
  )
  return { net, journal, received, sent }
}

describe('frames over the simulated network', () => {
  it('every damaged frame is rejected, every other one arrives intact', () => {
    const { net, journal, received, sent } = run(5)
    const s = net.stats
    expect(s.corrupted).toBeGreaterThan(0)
    expect(journal.count('reject')).toBe(s.corrupted)
    expect(received).toHaveLength(s.delivered - s.corrupted)
    for (const { id, frame } of received) expect(frame).toEqual(sent.get(id))
    expect(net.inFlight).toBe(0)
  })

  it('a run is a function of its seed: same seed, same trace hash', () => {
    expect(run(5).journal.traceHash()).toBe(run(5).journal.traceHash())
    expect(run(5).journal.traceHash()).not.toBe(run(6).journal.traceHash())
  })
})
