/**
 * A peer named only by an add the role rules void (its adder was demoted concurrently) believes
 * itself a member. The reference answers it the core (readPolicy.ts: anyone a membership op names),
 * so it learns it is none; `access` holds. Shrunk from a conformance failure (seed 2, path 11):
 * with the core refused to it, bob kept listing himself and dave as admin.
 */
import { describe, expect, it } from 'vitest'
import { loadScenario } from '../../src/sim/scenario/load.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'

describe('a peer added by a voided add', () => {
  it('reads the core, learns it is no member, and access holds', () => {
    const scenario = loadScenario(new URL('fixtures/voided-add.json', import.meta.url).pathname)
    const { result } = runAndCheck(scenario, { profile: 'reference' })
    expect(result.checks.access).toMatchObject({ evaluated: true, holds: true })
    expect(result.checks.convergence).toMatchObject({ holds: true })
  })
})
