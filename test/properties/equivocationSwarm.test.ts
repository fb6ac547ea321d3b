/**
 * The `--swarm` mix with its liar (impersonate and equivocate): cases that failed before
 * acknowledgements named the version they cover (authorship/entryVersions.ts).
 */
import { describe, expect, it } from 'vitest'
import { loadScenario } from '../../src/sim/scenario/load.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'

const swarm = loadScenario('scenarios/swarm.json')
const run = (seed: number) => runAndCheck(swarm, { seed, swarm: true, profile: 'reference' }).result

describe('the swarm with equivocation', () => {
  it('prunes no tombstone the members acknowledged in two versions (seed 88: an equivocated close)', () => {
    // alice closes "issue dave #34" in two versions (carol gets the other); by ids alone every member
    // acknowledged it, bob pruned, and carol, burning the range once both met, showed the issue again.
    const r = run(88)
    expect(r.stats.equivocations).toBeGreaterThan(0)
    expect(r.checks.pruneSafety).toMatchObject({ evaluated: true, holds: true })
    expect(r.verdict).toBe('pass')
  })
})
