/** The explorer's rows of the bench's `sim` table, on the quick scenario: measured, no raw Yjs, no verdict. */
import { describe, expect, it } from 'vitest'
import { runBench } from '../../bench/harness.ts'
import { EXPLORE_ROWS, exploreRows } from '../../bench/sim/exploreRows.ts'

describe('explore rows', () => {
  it('schedules per second, and schedules with sleep sets fewer than without them', async () => {
    const { rows } = await runBench(exploreRows(true), { quick: true })
    const by = (name: string) => rows.find((r) => r.row === name)!
    expect(by(EXPLORE_ROWS.rate).sim).toBeGreaterThan(0)
    expect(by(EXPLORE_ROWS.with).sim).toBeLessThan(by(EXPLORE_ROWS.without).sim!)
    for (const r of rows)
      expect([r.table, r.rawYjs, r.verdict, r.measured]).toEqual(['sim', null, 'n/a', { reference: null, spec: null }])
  })
})
