/**
 * The explored column of the claims table (`crdt-lab conformance --explore`): each claim under
 * every schedule of the small scenarios that stage it (those whose `expect.checks` list it), per
 * profile. It fails with the shortest failing schedule among them; it holds in scope only when
 * every search was complete and some end exercised it; otherwise it says which of the two it lacks.
 */
import type { ProfileName } from '../../engine/base/enums.ts'
import type { ExploredClaim } from '../../report/exploredClaim.ts'
import type { ClaimOutcome } from '../conformance.ts'
import type { ExploreResult } from './explore.ts'

/** An exploration and the claims its scenario stages. */
export interface StagedExploration {
  readonly claims: readonly string[]
  readonly result: ExploreResult
}

/** The claim's explored verdict under `profile`, or undefined when no scenario stages it. */
export function exploredClaim(
  check: string,
  profile: ProfileName,
  runs: readonly StagedExploration[],
): ExploredClaim | undefined {
  const mine = runs.filter((r) => r.result.profile === profile && r.claims.includes(check)).map((r) => r.result)
  if (mine.length === 0) return undefined
  const scenarios = mine.map((r) => r.scenario)
  const states = mine.reduce((n, r) => n + r.states, 0)
  const failures = mine.flatMap((r) => r.failures.filter((f) => f.check === check).map((f) => ({ r, f })))
  if (failures.length > 0) {
    const { r, f } = failures.reduce((a, b) => (b.f.depth < a.f.depth ? b : a))
    const failure = {
      scenario: r.scenario,
      depth: f.depth,
      detail: f.detail,
      ...(f.scenarioFile ? { scenarioFile: f.scenarioFile } : {}),
    }
    return { verdict: 'fails', scenarios, states, failure }
  }
  if (mine.some((r) => !r.complete)) return { verdict: 'incomplete', scenarios, states }
  if (!mine.some((r) => (r.exercised[check] ?? 0) > 0)) return { verdict: 'not exercised', scenarios, states }
  return { verdict: 'holds', scenarios, states }
}

/** The claims with their explored column (claims no scenario stages get none). */
export function withExplored(claims: readonly ClaimOutcome[], runs: readonly StagedExploration[]): ClaimOutcome[] {
  return claims.map((c) => {
    const spec = exploredClaim(c.check, 'spec', runs)
    const reference = exploredClaim(c.check, 'reference', runs)
    return spec && reference ? { ...c, explored: { spec, reference } } : c
  })
}
