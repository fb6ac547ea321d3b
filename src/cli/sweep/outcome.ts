import type { ProfileName } from '../../engine/base/enums.ts'
/** One seed of a sweep as a worker reports it: small, so results cross threads cheaply. */

export interface SeedOutcome {
  readonly seed: number
  /** What failed the run (`failedExpectations`), or `["error"]` when it threw; empty when it passed. */
  readonly failing: readonly string[]
  readonly traceHash: string
  readonly wallMs: number
  /** Why the run threw (a LabError's code and message). */
  readonly error?: { readonly code: string; readonly message: string }
}

/** What a worker needs to run seeds of a scenario. */
export interface SweepTask {
  /** The scenario file's JSON text (parsed once per worker). */
  readonly scenarioText: string
  /** The file it came from (messages and the default name). */
  readonly source: string
  readonly profile?: ProfileName
  readonly swarm: boolean
  readonly seeds: readonly number[]
}
