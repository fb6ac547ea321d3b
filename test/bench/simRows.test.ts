/** The simulator table at a tiny budget: both rates measured, the ratio row is sim ÷ raw. No timings. */
import { describe, expect, it } from 'vitest'
import { runBench } from '../../bench/harness.ts'
import { arrivalOrder, rawDeliveries, simOverhead } from '../../bench/sim/simOverhead.ts'
import { SIM_ROWS, SIM_TARGET, simRows } from '../../bench/sim/simRows.ts'
import { simRatio } from '../../src/report/benchReport.ts'

describe('simulator rows', () => {
  it("raw Yjs replays the network's delivery order: every op written before its four applies", () => {
    const order = arrivalOrder(12)
    expect(order.length).toBe(60)
    const written = new Set<number>()
    let applies = 0
    for (const e of order) {
      if (e < 0) written.add(-1 - e)
      else {
        expect(written.has(e % 12), `op ${e % 12} applied before it was written`).toBe(true)
        expect(Math.floor(e / 12)).not.toBe((e % 12) % 5)
        applies++
      }
    }
    expect([written.size, applies]).toEqual([12, 48])
    // Reordering: some peer gets some op before an earlier one.
    const perPeer = new Map<number, number[]>()
    for (const e of order)
      if (e >= 0) perPeer.set(Math.floor(e / 12), [...(perPeer.get(Math.floor(e / 12)) ?? []), e % 12])
    expect([...perPeer.values()].some((ops) => ops.some((op, i) => i > 0 && op < ops[i - 1]!))).toBe(true)
    expect(rawDeliveries(12, () => performance.now(), order).deliveries).toBe(48)
  })

  it('deliver every op to the four other peers, both ways', () => {
    const o = simOverhead(12, () => performance.now(), 1)
    expect(o.raw.deliveries).toBe(48)
    expect(o.sim.deliveries).toBe(48)
    expect(o.ratio).toBe(o.sim.perSecond / o.raw.perSecond)
  })

  it('give positive rates and a ratio row equal to sim ÷ raw, without profile figures or verdicts', async () => {
    const { rows } = await runBench(simRows(true, { ops: 30, rounds: 1 }), { quick: true })
    const rate = rows.find((r) => r.row === SIM_ROWS.rate)!
    const ratio = rows.find((r) => r.row === SIM_ROWS.ratio)!
    expect(rate.rawYjs).toBeGreaterThan(0)
    expect(rate.sim).toBeGreaterThan(0)
    expect(ratio.sim).toBe(rate.sim! / rate.rawYjs!)
    expect(simRatio(rate)).toBe(ratio.sim)
    expect(simRatio(ratio)).toBe(ratio.sim)
    for (const r of rows)
      expect([r.table, r.measured, r.verdicts]).toEqual(['sim', { reference: null, spec: null }, {}])
    // The rate has no target; the ratio is judged on the simulator's figure against 0.8x raw Yjs.
    expect(rate.verdict).toBe('n/a')
    expect([ratio.claimed, ratio.bound, ratio.verdict]).toEqual([
      SIM_TARGET,
      'atLeast',
      ratio.sim! >= SIM_TARGET ? 'meets' : 'misses',
    ])
  })
})
