/**
 * sizeThreshold and noLoss over simulated runs: they hold under the reference (late joiner
 * included), fail under the spec (removed entries kept; messages lost where a replica applied a
 * removal it never archived), and do not apply to a run whose documents never pass a threshold.
 */
import { describe, expect, it } from 'vitest'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'
import { readableItems } from '../../src/engine/fallback/api.ts'
import { chatPastThreshold, E, PEERS } from './fallbackRun.ts'

const checks = ['sizeThreshold', 'noLoss'] as const

describe('the SQL fallback checks', () => {
  it('reference: both hold, and the late joiner reads what moved before he joined', () => {
    const { result, run, history } = runAndCheck(chatPastThreshold(), { checks: [...checks] })
    expect(result.checks.sizeThreshold).toMatchObject({ evaluated: true, holds: true })
    expect(result.checks.noLoss).toMatchObject({ evaluated: true, holds: true })
    expect(history.moves.some((m) => m.local)).toBe(true)
    expect(run.world.peer('dave').r.fallback.archive.all('message', E).length).toBeGreaterThan(0)
    const reads = PEERS.map((p) => readableItems(run.world.peer(p).r, E).map((i) => i.id))
    for (const r of reads) expect(r).toEqual(reads[0])
  })

  it('spec: sizeThreshold fails (removed entries kept) and noLoss fails (messages lost)', () => {
    const { result } = runAndCheck(chatPastThreshold({ profile: 'spec' }), { checks: [...checks] })
    expect(result.checks.sizeThreshold).toMatchObject({ evaluated: true, holds: false })
    expect((result.checks.sizeThreshold as { detail: string }).detail).toContain('removed entr')
    expect(result.checks.noLoss).toMatchObject({ evaluated: true, holds: false })
    expect((result.checks.noLoss as { detail: string }).detail).toContain('cannot read')
  })

  it('a run whose documents stay under their thresholds: neither applies', () => {
    const { result } = runAndCheck(chatPastThreshold({ threshold: 10_000_000 }), { checks: [...checks] })
    expect(result.checks.sizeThreshold).toMatchObject({ evaluated: false })
    expect(result.checks.noLoss).toMatchObject({ evaluated: false })
  })
})
