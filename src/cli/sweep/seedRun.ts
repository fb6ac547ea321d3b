/**
 * Runs seeds of a scenario and reduces each run to a `SeedOutcome`. This is what a sweep worker
 * executes; it imports neither the CLI nor the report layer, so workers start quickly.
 */
import { performance } from 'node:perf_hooks'
import { isLabError } from '../../engine/base/errors.ts'
import { failedExpectations, runAndCheck } from '../../properties/runAndCheck.ts'
import { parseScenario } from '../../sim/scenario/load.ts'
import type { Scenario } from '../../sim/scenario/model.ts'
import type { SeedOutcome, SweepTask } from './outcome.ts'

/** Scenarios this thread has parsed, by text (a worker serves one sweep, so this stays tiny). */
const parsed = new Map<string, Scenario>()

function scenarioOf(task: SweepTask): Scenario {
  let sc = parsed.get(task.scenarioText)
  if (!sc) {
    sc = parseScenario(JSON.parse(task.scenarioText), task.source)
    parsed.set(task.scenarioText, sc)
  }
  return sc
}

/** Runs every seed of `task`; a run that throws is an outcome (`failing: ["error"]`), not an exception. */
export function runSweepTask(task: SweepTask): SeedOutcome[] {
  const scenario = scenarioOf(task)
  return task.seeds.map((seed) => runSeed(scenario, seed, task))
}

function runSeed(scenario: Scenario, seed: number, task: SweepTask): SeedOutcome {
  const started = performance.now()
  try {
    const { result } = runAndCheck(scenario, {
      seed,
      swarm: task.swarm,
      ...(task.profile ? { profile: task.profile } : {}),
      wallClock: () => performance.now(),
    })
    const failing =
      result.verdict === 'pass'
        ? []
        : failedExpectations(scenario, result.checks, result.final, result.errors ?? [], result.liveness)
    return { seed, failing, traceHash: result.traceHash, wallMs: result.stats.wallMs }
  } catch (e) {
    // A bug on one seed must not end the sweep: the seed is reported, and its rerun shows the stack.
    const error = isLabError(e)
      ? { code: e.code, message: e.message }
      : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) }
    return { seed, failing: ['error'], traceHash: '', wallMs: Math.round(performance.now() - started), error }
  }
}

export default runSweepTask
