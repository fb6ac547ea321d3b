/** The simulator table at a tiny budget: both rates measured, the ratio row is sim ÷ raw. No timings. */
import { describe, expect, it } from 'vitest'
import { runBench } from '../../bench/harness.ts'
import { simOverhead } from '../../bench/sim/simOverhead.ts'
import { SIM_ROWS, simRows } from '../../bench/sim/simRows.ts'
import { simRatio } from '../../src/report/benchReport.ts'

describe('simulator rows', () => {
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
    for (const r of rows) {
      expect([r.table, r.measured, r.verdict]).toEqual(['sim', { reference: null, spec: null }, 'n/a'])
    }
  })
})
