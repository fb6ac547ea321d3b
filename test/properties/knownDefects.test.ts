/**
 * Known defects of the reference profile: counterexamples to a claim that conformance's sampled
 * runs or the `--swarm` mix say holds. Each is kept as a test that expects the failure, and listed
 * in the README ("Known defects of the reference"), so a "holds" is never read as more than it is:
 * a fix makes its test fail, and whoever fixes it turns the test into a regression test and drops
 * the entry. (Rows archived before a fencing removal or a burn, the first entry here, became
 * test/properties/archiveReread.test.ts.)
 */
import { describe, expect, it } from 'vitest'
import { loadScenario } from '../../src/sim/scenario/load.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'
import { LIE_CLASSES, swarmPlan, withSwarm } from '../../src/sim/scenario/swarm.ts'
import { Rng } from '../../src/engine/base/providers.ts'

const swarm = loadScenario('scenarios/swarm.json')

describe('known defects of the reference', () => {
  it('shows a pruned item again where an equivocated close is burned after the prune (pruneSafety)', () => {
    // Swarm seed 88 with both lies drawn (equivocate is not in the mix): alice closes "issue dave #34"
    // in two versions (carol gets the other); every member acknowledges the close by its ids, bob
    // prunes at t=1830, and carol, burning the range when both versions meet, shows the issue again.
    const scenario = withSwarm(swarm, swarmPlan(new Rng(88).fork('swarm'), swarm, LIE_CLASSES))
    const { result } = runAndCheck(scenario, { seed: 88, profile: 'reference' })
    expect(result.checks.pruneSafety).toMatchObject({ evaluated: true, holds: false })
    const detail = (result.checks.pruneSafety as { detail?: string }).detail ?? ''
    expect(detail).toMatch(/"issue dave #34" .* reappeared on carol after it was pruned/)
    expect(result.checks.access).toMatchObject({ evaluated: true, holds: true })
  })
})
