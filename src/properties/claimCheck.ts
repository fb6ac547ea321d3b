/**
 * One fast-check property per claim: generate a scenario, run it in the simulator, ask the
 * oracle. `checkClaim` runs a property and returns the outcome as data (fast-check's RunDetails
 * made readable): the verdict, how many runs the claim applied to, and for a failure the seed and
 * path that replay it and the shrunk scenario with its story.
 */
import fc from 'fast-check'
import type { CheckName } from '../sim/scenario/schema.ts'
import { parseScenario } from '../sim/scenario/load.ts'
import { buildScenario, type Plan } from './arbitraries/buildScenario.ts'
import { planArb, PLANS } from './arbitraries/plans.ts'
import { runAndCheck, type CheckedRun } from './runAndCheck.ts'
import { storyOf } from './story.ts'
import { coverageOfRun, CoverageTally, type ClaimCoverage } from './coverage.ts'
import type { ProfileName } from '../engine/base/enums.ts'
import { evidenceNeeded, verdictOf, type ClaimVerdict } from './evidence.ts'

export interface ClaimCheckOptions {
  readonly profile: ProfileName
  readonly runs: number
  /** fast-check seed (a failure prints it, with the path, to replay). */
  readonly seed?: number
  /** Replays exactly this case (with `seed`): fast-check's counterexample path. */
  readonly path?: string
  /** A deliberately broken engine (mutation testing). */
  readonly mutant?: string
  /**
   * With a mutant: a run counts as failing only when the same plan does not fail on the engine
   * without the mutant (the mutant broke the claim, not a flaw the profile already has).
   */
  readonly differential?: boolean
  /** Stop at the first failure without shrinking (a quick yes/no, e.g. in CI). */
  readonly noShrink?: boolean
  /**
   * At most this many property evaluations while shrinking (default: no limit, the smallest story
   * fast-check can find): past it the smallest failure found so far is reported. A count, not a
   * time limit, so the counterexample is the same on every machine.
   */
  readonly shrinkBudget?: number
  /** Wall clock for timings (ms). */
  readonly wallClock?: () => number
  /** Called after every evaluation: how far the runs are, then the shrinking of a failure. */
  readonly onProgress?: (p: ClaimProgress) => void
}

/** Where a property check is: its runs, or shrinking the first failure (within its budget, if any). */
export type ClaimProgress =
  | { readonly phase: 'runs'; readonly done: number; readonly total: number }
  | { readonly phase: 'shrinking'; readonly done: number; readonly budget?: number }

export interface Counterexample {
  readonly seed: number
  readonly path: string
  /** The shrunk scenario, as a scenario file. */
  readonly scenario: Record<string, unknown>
  readonly detail: string
  readonly story: string[]
}

export interface ClaimCheckResult {
  readonly claim: CheckName
  readonly profile: ProfileName
  readonly verdict: ClaimVerdict
  readonly runs: number
  /** Runs the claim applied to (the others had nothing for it to judge). */
  readonly evaluated: number
  /** Applied runs a verdict of "holds" needs (evidence.ts). */
  readonly needed: number
  readonly ms: number
  /** Differential runs: failing plans that failed without the mutant too (not counted as failures). */
  readonly baselineFailures?: number
  readonly counterexample?: Counterexample
  /** Shrinking stopped at its budget: the counterexample is small, maybe not the smallest. */
  readonly shrinkCut?: boolean
  /** What the runs proper (not the shrinking) exercised: op kinds and faults, and the gaps. */
  readonly coverage?: ClaimCoverage
}

/** Runs one generated plan and returns the claim's outcome for it. */
export function judgePlan(
  claim: CheckName,
  plan: Plan,
  options: Pick<ClaimCheckOptions, 'profile' | 'mutant'>,
): CheckedRun {
  const json = buildScenario(plan, `${claim}-counterexample`, [claim])
  const scenario = parseScenario({ ...json, profile: options.profile }, `generated ${claim} scenario`)
  return runAndCheck(scenario, { checks: [claim], ...(options.mutant ? { mutant: options.mutant } : {}) })
}

/** Does the claim fail on this plan, on the profile without any mutant? */
function failsOn(claim: CheckName, plan: Plan, profile: ProfileName): boolean {
  const c = judgePlan(claim, plan, { profile }).result.checks[claim]!
  return c.evaluated && !c.holds
}

export function checkClaim(claim: CheckName, options: ClaimCheckOptions): ClaimCheckResult {
  const wall = options.wallClock ?? (() => 0)
  const start = wall()
  const applied: boolean[] = []
  const differential = options.differential === true && options.mutant !== undefined
  let baselineFailures = 0
  const budget = options.shrinkBudget ?? Number.POSITIVE_INFINITY
  let calls = 0
  let firstFailure = -1
  let shrinkCut = false
  const coverage = new CoverageTally()
  const report = (n: number): void => {
    if (!options.onProgress) return
    if (firstFailure < 0) options.onProgress({ phase: 'runs', done: n, total: options.runs })
    else
      options.onProgress({
        phase: 'shrinking',
        done: n - firstFailure,
        ...(options.shrinkBudget !== undefined ? { budget: options.shrinkBudget } : {}),
      })
  }
  const property = fc.property(planArb(PLANS[claim]), (plan) => {
    calls++
    // Past the budget every candidate "passes" without running, so fast-check ends its shrink.
    if (firstFailure >= 0 && calls - firstFailure > budget) return ((shrinkCut = true), true)
    const checked = judgePlan(claim, plan, options)
    const c = checked.result.checks[claim]!
    if (firstFailure < 0) coverage.add(coverageOfRun(checked.run.world.journal.records))
    applied.push(c.evaluated)
    report(calls)
    if (!c.evaluated || c.holds) return true
    if (differential && failsOn(claim, plan, options.profile)) return (baselineFailures++, true)
    if (firstFailure < 0) (firstFailure = calls), report(calls)
    return false
  })
  const details = fc.check(property, {
    numRuns: options.runs,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.path ? { path: options.path } : {}),
    ...(options.noShrink ? { endOnFailure: true } : {}),
  })
  // Runs proper come first; the shrinking that follows a failure is not counted.
  const evaluated = applied.slice(0, details.numRuns).filter(Boolean).length
  const needed = evidenceNeeded(options.runs)
  const base = {
    claim,
    profile: options.profile,
    runs: details.numRuns,
    evaluated,
    needed,
    ms: Math.round(wall() - start),
    ...(differential ? { baselineFailures } : {}),
    coverage: coverage.result(),
  }
  if (!details.failed || !details.counterexample) return { ...base, verdict: verdictOf(false, evaluated, needed) }
  const [plan] = details.counterexample
  const checked = judgePlan(claim, plan, options)
  const c = checked.result.checks[claim]!
  return {
    ...base,
    verdict: 'fails',
    ...(shrinkCut ? { shrinkCut } : {}),
    counterexample: {
      seed: details.seed,
      path: details.counterexamplePath ?? '',
      scenario: { ...buildScenario(plan, `${claim}-${details.seed}`, [claim]), profile: options.profile },
      detail: c.evaluated ? c.detail : '',
      story: storyOf(checked),
    },
  }
}
