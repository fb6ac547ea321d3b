import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { Rng } from '../../src/engine/base/providers.ts'
import { Journal } from '../../src/sim/journal.ts'
import { Network, type Delivery, type NetworkConfig } from '../../src/sim/network.ts'
import { Scheduler } from '../../src/sim/scheduler.ts'
import { codeOf } from './labErrors.ts'

/** A minimal world: a scheduler, a network, and a record of what was handed over when. */
function world(config: Partial<NetworkConfig> = {}, peers = ['a', 'b', 'c'], seed: string | number = 1) {
  const scheduler = new Scheduler<{ deliver: Delivery; tick: null }>()
  const journal = new Journal()
  const net = new Network({ scheduler, rng: new Rng(seed).fork('network'), config, journal, peers })
  const got: Array<{ d: Delivery; at: number }> = []
  const send = (from: string, to: string, n = 1): number[] =>
    Array.from({ length: n }, () =>
      net.send({ from, to, topic: 'group:x', kind: 'update', bytes: Uint8Array.of(1, 2, 3) }),
    )
  const run = (until = Infinity): void => {
    scheduler.runUntil(until, (e) => {
      if (e.kind === 'deliver' && net.arrive(e.payload)) got.push({ d: e.payload, at: scheduler.now })
    })
  }
  return { scheduler, journal, net, got, send, run }
}

const ids = (got: Array<{ d: Delivery }>): number[] => got.map((g) => g.d.id)

describe('Network', () => {
  it('delays every transmission uniformly within latencyMs, reaching both ends', () => {
    const w = world({ latencyMs: [10, 30] })
    w.send('a', 'b', 2000)
    w.run()
    const delays = w.got.map((g) => g.at - g.d.sentAt)
    expect(Math.min(...delays)).toBe(10)
    expect(Math.max(...delays)).toBe(30)
    expect(w.got).toHaveLength(2000)
    expect(w.net.inFlight).toBe(0)
  })

  it('with reorder on, later messages overtake earlier ones', () => {
    const w = world({ reorder: true })
    w.send('a', 'b', 200)
    w.run()
    expect(ids(w.got)).not.toEqual([...ids(w.got)].sort((x, y) => x - y))
  })

  it('with reorder off, never delivers a message before an earlier one on the same link (property)', () => {
    // Two peers, so holds, releases and cuts often hit a link with messages on it.
    type Act = { t: number; verb: 'send' | 'hold' | 'release' | 'cut' | 'repair'; from: 0 | 1 }
    const act = fc.record({
      t: fc.integer({ min: 0, max: 400 }),
      verb: fc.constantFrom('send', 'send', 'send', 'send', 'send', 'hold', 'release', 'cut', 'repair'),
      from: fc.constantFrom<0 | 1>(0, 1),
    })
    fc.assert(
      fc.property(fc.array(act, { maxLength: 100 }), fc.integer(), fc.boolean(), (acts: Act[], seed, lossy) => {
        const w = world(
          { reorder: false, latencyMs: [1, 120], duplicate: 0.3, drop: lossy ? 0.1 : 0 },
          ['a', 'b'],
          seed,
        )
        for (const a of [...acts].sort((x, y) => x.t - y.t)) {
          w.run(a.t)
          const [from, to] = a.from === 0 ? ['a', 'b'] : ['b', 'a']
          if (a.verb === 'send') w.send(from, to)
          else if (a.verb === 'hold') w.net.hold(from, to)
          else if (a.verb === 'release') w.net.release(from, to)
          else if (a.verb === 'cut') w.net.partitionOneWay(from, to)
          else w.net.repairOneWay(from, to)
        }
        w.net.heal()
        w.run()
        const lastOnLink = new Map<string, Delivery>()
        for (const { d } of w.got) {
          const prev = lastOnLink.get(d.from)
          if (prev) expect(prev.id < d.id || (prev.id === d.id && !prev.copy && d.copy)).toBe(true)
          lastOnLink.set(d.from, d)
        }
        expect(w.net.inFlight).toBe(0)
      }),
      { numRuns: 1000 },
    )
  })

  it('with reorder off, messages still on the wire at a release wait behind the released ones', () => {
    const w = world({ reorder: false, latencyMs: [100, 100] })
    w.net.hold('a', 'b')
    w.send('a', 'b') // waits from t=100
    w.run(150)
    w.send('a', 'b') // due at t=250
    w.run(200)
    w.net.release('a', 'b') // the first goes again, due at t=300: after the second's due time
    w.run()
    expect(ids(w.got)).toEqual([1, 2])
    expect(w.got.map((g) => g.at)).toEqual([300, 300])
  })

  it('with reorder off, a message released into a new hold queues in send order', () => {
    const w = world({ reorder: false, latencyMs: [100, 100] })
    w.net.hold('a', 'b')
    w.send('a', 'b') // 1 waits from t=100
    w.run(150)
    w.send('a', 'b') // 2 due at t=250
    w.run(200)
    w.net.release('a', 'b') // 1 due at t=300; 2 arrives first and queues behind it
    w.run(260)
    w.net.hold('a', 'b') // 1 arrives into the hold, behind 2 in time, ahead of it in send order
    w.run(400)
    w.net.release('a', 'b')
    w.run()
    expect(ids(w.got)).toEqual([1, 2])
  })

  it('drops, duplicates and corrupts at roughly the configured rates', () => {
    const w = world({ drop: 0.1, duplicate: 0.2, corrupt: 0.05 })
    const n = 20_000
    w.send('a', 'b', n)
    w.run()
    const s = w.net.stats
    expect(s.sent).toBe(n)
    expect(s.droppedBy.loss / n).toBeCloseTo(0.1, 1)
    expect(s.duplicated / (n - s.droppedBy.loss)).toBeCloseTo(0.2, 1)
    expect(s.corrupted / s.delivered).toBeCloseTo(0.05, 1)
    expect(s.delivered).toBe(n - s.droppedBy.loss + s.duplicated)
    const damaged = w.got.filter((g) => g.d.corruption !== null)
    expect(damaged).toHaveLength(s.corrupted)
    expect(new Set(damaged.map((g) => g.d.corruption))).toEqual(new Set(['truncate', 'bitflip', 'garbage']))
    expect(w.got.filter((g) => g.d.copy)).toHaveLength(s.duplicated)
  })

  it('keeps stats and the journal in agreement', () => {
    const w = world({ drop: 0.2, duplicate: 0.2, corrupt: 0.2 })
    w.send('a', 'b', 500)
    w.run()
    const s = w.net.stats
    const c = w.journal.countsByType()
    expect([c.send, c.deliver, c.drop, c.duplicate, c.corrupt]).toEqual([
      s.sent,
      s.delivered,
      s.dropped,
      s.duplicated,
      s.corrupted,
    ])
    expect(w.journal.countBy('drop', 'reason')).toEqual({ loss: s.droppedBy.loss })
  })

  it('is deterministic per seed', () => {
    const hash = (seed: number): string => {
      const w = world({ drop: 0.1, duplicate: 0.1, corrupt: 0.1 }, ['a', 'b', 'c'], seed)
      w.send('a', 'b', 100)
      w.send('b', 'c', 100)
      w.run()
      return w.journal.traceHash()
    }
    expect(hash(7)).toBe(hash(7))
    expect(hash(7)).not.toBe(hash(8))
  })

  it('partitions into groups; unnamed peers form a group of their own; heal repairs', () => {
    const w = world({}, ['a', 'b', 'c', 'd', 'e'])
    w.net.partition([['a'], ['b', 'c']])
    expect(w.net.linkState('a', 'b')).toBe('partitioned')
    expect(w.net.linkState('b', 'a')).toBe('partitioned')
    expect(w.net.linkState('b', 'c')).toBe('healthy')
    expect(w.net.linkState('d', 'e')).toBe('healthy')
    expect(w.net.linkState('d', 'b')).toBe('partitioned')
    w.send('a', 'b')
    w.send('b', 'c')
    w.send('d', 'e')
    w.run()
    expect(w.got.map((g) => `${g.d.from}${g.d.to}`)).toEqual(expect.arrayContaining(['bc', 'de']))
    expect(w.got).toHaveLength(2)
    expect(w.net.stats.droppedBy.partition).toBe(1)
    w.net.heal()
    w.send('a', 'b')
    w.run()
    expect(w.got).toHaveLength(3)
    expect(codeOf(() => w.net.partition([['a'], ['a', 'b']]))).toBe('INVALID_ARG')
    expect(codeOf(() => w.net.partition([['zed']]))).toBe('INVALID_ARG')
  })

  it('drops messages on the wire when their link is cut', () => {
    const w = world({ latencyMs: [50, 50] })
    w.send('a', 'b')
    w.run(10)
    w.net.partition([['a'], ['b']])
    w.run()
    expect(w.got).toHaveLength(0)
    expect(w.net.stats.droppedBy.partition).toBe(1)
    expect(w.net.inFlight).toBe(0)
  })

  it('one-way partition cuts only its direction', () => {
    const w = world()
    w.net.partitionOneWay('a', 'b')
    w.send('a', 'b')
    w.send('b', 'a')
    w.run()
    expect(w.got.map((g) => g.d.from)).toEqual(['b'])
    w.net.repairOneWay('a', 'b')
    w.send('a', 'b')
    w.run()
    expect(w.got.map((g) => g.d.from)).toEqual(['b', 'a'])
  })

  it('hold keeps messages waiting; release sends them on with their latency, in order when FIFO', () => {
    const w = world({ reorder: false, latencyMs: [5, 40] })
    w.net.hold('a', 'b')
    const sent = w.send('a', 'b', 20)
    w.send('b', 'a')
    w.run(1000)
    expect(w.got.map((g) => g.d.from)).toEqual(['b'])
    expect(w.net.inFlight).toBe(20)
    w.net.release('a', 'b')
    w.run()
    const released = w.got.slice(1)
    expect(ids(released)).toEqual(sent)
    for (const g of released) expect(g.at).toBeGreaterThanOrEqual(1000 + g.d.latencyMs)
    expect(w.net.linkState('a', 'b')).toBe('healthy')
  })

  it('heal releases held links too', () => {
    const w = world()
    w.net.hold('a', 'b')
    w.send('a', 'b', 3)
    w.run(500)
    w.net.heal()
    w.run()
    expect(w.got).toHaveLength(3)
  })

  it('offline peers send nothing and receive nothing; what is on the wire from them still lands', () => {
    const w = world({ latencyMs: [20, 20] })
    w.send('a', 'b')
    w.send('c', 'a')
    w.run(5)
    w.net.setOnline('a', false)
    w.send('a', 'b')
    w.run()
    expect(w.got.map((g) => `${g.d.from}${g.d.to}`)).toEqual(['ab'])
    expect(w.net.stats.droppedBy.offline).toBe(2)
    w.net.setOnline('a', true)
    expect(w.net.isOnline('a')).toBe(true)
  })

  it('refuses unknown peers, self-sends and bad settings', () => {
    const w = world()
    expect(codeOf(() => w.send('a', 'zed'))).toBe('INVALID_ARG')
    expect(codeOf(() => w.send('a', 'a'))).toBe('INVALID_ARG')
    expect(codeOf(() => w.net.addPeer('a'))).toBe('INVALID_ARG')
    expect(codeOf(() => world({ latencyMs: [10, 5] }))).toBe('INVALID_ARG')
    expect(codeOf(() => world({ drop: 1.5 }))).toBe('INVALID_ARG')
  })
})
