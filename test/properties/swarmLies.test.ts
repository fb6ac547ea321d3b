/**
 * The swarm mix with a lying peer (one peer impersonates others for a few episodes) judged by the
 * honest-peer rule (CheckContext.honest): the reference passes, and with a liar in the run the
 * checks still fail what they must: the spec's misnamed writes, and an honest peer's broken prune.
 */
import { describe, expect, it } from 'vitest'
import type { ProfileName } from '../../src/engine/base/enums.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'
import { loadScenario } from '../../src/sim/scenario/load.ts'

const swarm = loadScenario('scenarios/swarm.json')
const run = (seed: number, profile: ProfileName, mutant?: string) =>
  runAndCheck(swarm, { seed, swarm: true, profile, ...(mutant ? { mutant } : {}) }).result
const detail = (c: unknown): string => (c as { detail?: string }).detail ?? ''

describe('the swarm with a lying peer', () => {
  it('passes under reference; the liar is judged by what the honest replicas show (seed 5: carol lies)', () => {
    const r = run(5, 'reference')
    expect(r.verdict).toBe('pass')
    expect(r.stats.forged).toBeGreaterThan(0)
    expect(r.checks.access).toMatchObject({ evaluated: true, holds: true })
    expect(r.checks.pruneSafety).toMatchObject({ evaluated: true, holds: true })
  })

  it('fails access under spec: the honest replicas hold what carol wrote as alice', () => {
    const r = run(5, 'spec')
    expect(r.checks.access).toMatchObject({ evaluated: true, holds: false })
    expect(detail(r.checks.access)).toMatch(/hold carol's [\w.]+ made as alice/)
  })

  it("still catches an honest peer's unsafe prune with a liar in the run (mutant prune-ignores-member)", () => {
    const r = run(5, 'reference', 'prune-ignores-member')
    expect(r.checks.pruneSafety).toMatchObject({ evaluated: true, holds: false })
    expect(detail(r.checks.pruneSafety)).toMatch(/bob pruned .* while dave did not hold the deletion/)
  })

  it('reads an archived closed issue whose pruner’s hybrid mark came late (seed 107: noLoss failed before)', () => {
    const r = run(107, 'reference')
    expect(r.checks.noLoss).toMatchObject({ evaluated: true, holds: true })
    expect(r.verdict).toBe('pass')
  })
})
