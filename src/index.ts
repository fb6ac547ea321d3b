/**
 * crdt-lab as a library: run and judge scenarios from your own code and CI, sweep seeds, check
 * the spec's claims as fast-check properties, and generate scenarios for your own properties.
 * Every export is listed here by name. Outcomes are data (a failing run is a result with
 * `verdict: "fail"`); bad input throws a LabError naming the file, the JSON path and the problem.
 */
export { runScenario, type RunScenarioOptions } from './api/runScenario.ts'
export { sweep, type SweepOptions } from './api/sweep.ts'
export type { ScenarioInput } from './api/scenarioInput.ts'
export { CLAIMS, type Claim } from './api/claims.ts'
export { planArbitrary, scenarioArbitrary, type Plan } from './api/arbitraries.ts'
export {
  checkClaim,
  type ClaimCheckOptions,
  type ClaimCheckResult,
  type Counterexample,
} from './properties/claimCheck.ts'
export { loadScenario, parseScenario } from './sim/scenario/load.ts'
export type { Scenario } from './sim/scenario/model.ts'
export { CHECK_NAMES, PROFILES, type CheckName, type Profile } from './sim/scenario/schema.ts'
export type { CheckJson, RunResultJson } from './cli/resultJson.ts'
export type { FinalQueryResult } from './properties/finalQueries.ts'
export type { RunStats } from './report/inputs.ts'
export type { SweepJson } from './cli/sweep/sweepJson.ts'
export type { SeedOutcome } from './cli/sweep/outcome.ts'
export { LabError, isLabError } from './engine/base/errors.ts'
