/**
 * A small seed sweep for tests and one-off scripts: runs one scenario over a range of seeds and
 * counts, per check, the runs where it was evaluated and failed. (The CLI's `sweep` does the same
 * with workers and a progress bar; this one stays in-process and deterministic.)
 */
import { runAndCheck } from '../../src/properties/runAndCheck.ts'
import type { Scenario } from '../../src/sim/scenario/model.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'

export interface SeedSweep {
  readonly runs: number
  /** Seeds whose verdict was `fail`. */
  readonly failedSeeds: readonly number[]
  /** Failed runs per check that failed. */
  readonly byCheck: Readonly<Record<string, number>>
}

export function sweepSeeds(
  scenario: Scenario,
  options: { from: number; to: number; profile: ProfileName; swarm?: boolean },
): SeedSweep {
  const failedSeeds: number[] = []
  const byCheck: Record<string, number> = {}
  for (let seed = options.from; seed <= options.to; seed++) {
    const { result } = runAndCheck(scenario, { seed, profile: options.profile, swarm: options.swarm })
    if (result.verdict === 'fail') failedSeeds.push(seed)
    for (const [name, c] of Object.entries(result.checks))
      if (c.evaluated && !c.holds) byCheck[name] = (byCheck[name] ?? 0) + 1
  }
  return { runs: options.to - options.from + 1, failedSeeds, byCheck }
}
