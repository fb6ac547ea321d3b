import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { LabError } from '../../src/engine/base/errors.ts'
import { plugProfile, rowKey, runRow, type RowDef } from '../../bench/harness.ts'

const row = (over: Partial<RowDef> = {}): RowDef => ({
  table: 'sync',
  row: 'Add member',
  metric: 'updateBytes',
  claimed: 1024,
  unit: 'B',
  bound: 'about',
  claimText: '~1KB',
  measure: { rawYjs: () => 300 },
  ...over,
})

describe('bench harness verdicts', () => {
  it('gives raw Yjs a badge but takes the row verdict from the profiles', async () => {
    const r = await runRow(row())
    expect(r.verdicts).toEqual({ rawYjs: 'meets' })
    expect(r.verdict).toBe('n/a')
    expect(r.measured).toEqual({ reference: null, spec: null })
    expect(r.rawYjs).toBe(300)
  })

  it('uses the reference profile for the row verdict, the spec profile when alone', async () => {
    const both = await runRow(row({ measure: { rawYjs: () => 300, reference: () => 4096, spec: () => 100 } }))
    expect(both.verdicts).toEqual({ reference: 'misses', spec: 'meets', rawYjs: 'meets' })
    expect(both.verdict).toBe('misses')
    const spec = await runRow(row({ measure: { rawYjs: () => 300, spec: () => 2048 } }))
    expect(spec.verdict).toBe('meets')
  })

  it('applies "<X" strictly and "~X" up to twice X', async () => {
    const under = row({ metric: 'cpuMs', unit: 'ms', claimed: 1, bound: 'under' })
    expect((await runRow({ ...under, measure: { rawYjs: () => 1, reference: () => 0.99 } })).verdicts).toEqual({
      rawYjs: 'misses',
      reference: 'meets',
    })
    expect((await runRow(row({ measure: { rawYjs: () => 2048, reference: () => 2049 } }))).verdicts).toEqual({
      rawYjs: 'meets',
      reference: 'misses',
    })
  })

  it('is n/a for rows without a claim', async () => {
    const r = await runRow(row({ claimed: null, bound: undefined, measure: { rawYjs: () => 5, reference: () => 6 } }))
    expect(r.verdict).toBe('n/a')
    expect(r.verdicts).toEqual({ rawYjs: 'n/a', reference: 'n/a' })
    expect(r.bound).toBeUndefined()
  })

  it('times tasks with tinybench and reports the median with its statistics', async () => {
    let setups = 0
    let before = 0
    const r = await runRow(
      row({
        metric: 'cpuMs',
        unit: 'ms',
        claimed: 1,
        bound: 'under',
        measure: {
          rawYjs: {
            kind: 'timed',
            setup: () => {
              setups++
            },
            beforeEach: () => {
              before++
            },
            fn: () => JSON.stringify({ a: 1 }),
          },
        },
      }),
      { quick: true },
    )
    const l = r.latency?.rawYjs
    expect(l).toBeDefined()
    expect(r.rawYjs).toBe(l!.p50)
    for (const v of [l!.mean, l!.p50, l!.p99, l!.rme]) expect(Number.isFinite(v)).toBe(true)
    expect(l!.samples).toBeGreaterThanOrEqual(5)
    expect(setups).toBe(1)
    expect(before).toBeGreaterThanOrEqual(l!.samples!)
  })

  it('keeps no timed task state once the row is measured', async () => {
    // What made the main job's bench phase peak at 2.2 GB: every finished row's replicas stayed reachable.
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    let state: WeakRef<{ bytes: Uint8Array }> | undefined
    const task = {
      kind: 'timed' as const,
      setup: () => {
        const s = { bytes: new Uint8Array(1 << 20) }
        state = new WeakRef(s)
        return s
      },
      fn: (s: { bytes: Uint8Array }) => s.bytes.length,
    }
    await runRow(row({ metric: 'cpuMs', unit: 'ms', claimed: 1, bound: 'under', measure: { rawYjs: task } }), {
      quick: true,
    })
    await new Promise((resolve) => setTimeout(resolve, 0)) // a WeakRef's target is kept until the job ends
    gc()
    expect(state?.deref()).toBeUndefined()
  })

  it('measures series at every item count', async () => {
    const r = await runRow(row({ series: { x: [1, 2, 3], xLabel: 'members', measure: { rawYjs: (n) => n * 10 } } }))
    expect(r.series).toEqual({ x: [1, 2, 3], xLabel: 'members', y: { rawYjs: [10, 20, 30] } })
  })
})

describe('plugging an engine profile', () => {
  const rows = [row(), row({ metric: 'cpuMs', unit: 'ms', claimed: 1, bound: 'under' })]

  it('sets the profile measure on the row with that key and leaves the others', async () => {
    const plugged = plugProfile(rows, 'reference', { [rowKey(rows[0]!)]: () => 512 })
    expect((await runRow(plugged[0]!)).measured.reference).toBe(512)
    expect(plugged[1]!.measure.reference).toBeUndefined()
    expect(rows[0]!.measure.reference).toBeUndefined() // inputs untouched
  })

  it('refuses a measure for a row that does not exist', () => {
    expect(() => plugProfile(rows, 'spec', { 'sync/Add memb/updateBytes': () => 1 })).toThrow(LabError)
  })
})
