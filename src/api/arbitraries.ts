/**
 * fast-check arbitraries for a user's own properties (`test.prop` of @fast-check/vitest): the
 * scenarios the lab's property for a claim generates, as scenario objects that `runScenario`
 * runs (and that a failing case prints as JSON, ready to save as a scenario file).
 */
import type fc from 'fast-check'
import { buildScenario, type Plan } from '../properties/arbitraries/buildScenario.ts'
import { planArb, PLANS } from '../properties/arbitraries/plans.ts'
import type { CheckName, Profile } from '../sim/scenario/schema.ts'

export type { Plan }

/** The generated plans of a claim's property (peers, roles, op templates, faults, network). */
export const planArbitrary = (claim: CheckName): fc.Arbitrary<Plan> => planArb(PLANS[claim])

/**
 * Scenario objects aimed at `claim` (its property's generator), expecting that claim; shrinking
 * heads for fewer peers, ops and faults.
 */
export function scenarioArbitrary(
  claim: CheckName,
  options: { readonly profile?: Profile } = {},
): fc.Arbitrary<Record<string, unknown>> {
  return planArbitrary(claim).map((plan) => ({
    ...buildScenario(plan, `${claim}-generated`, [claim]),
    profile: options.profile ?? 'reference',
  }))
}
