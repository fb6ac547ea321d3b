/**
 * `runScenario(fileOrObject, { seed, profile })`: one run of a scenario, judged, as the result
 * JSON `crdt-lab run --json` writes (docs/result-json.md). Outcomes are data: a failing run returns
 * `verdict: "fail"`; only bad input throws (a LabError naming the file, JSON path and problem).
 */
import { performance } from 'node:perf_hooks'
import { toResultJson, type RunResultJson } from '../cli/resultJson.ts'
import { runAndCheck } from '../properties/runAndCheck.ts'
import type { StoreKind } from '../sim/peer.ts'
import type { Profile } from '../sim/scenario/schema.ts'
import { loadInput, type ScenarioInput } from './scenarioInput.ts'

export interface RunScenarioOptions {
  /** The run's seed (default: the scenario's). */
  readonly seed?: number
  /** Engine profile (default: the scenario's). */
  readonly profile?: Profile
  /** Draw an extra fault mix from the seed, as `--swarm` does. */
  readonly swarm?: boolean
  /** Where replicas persist (default `memory`). */
  readonly store?: StoreKind
}

/** Runs and judges one scenario; the result JSON of `crdt-lab run --json`. */
export function runScenario(input: ScenarioInput, options: RunScenarioOptions = {}): RunResultJson {
  const { scenario } = loadInput(input)
  const { result } = runAndCheck(scenario, {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.profile ? { profile: options.profile } : {}),
    swarm: options.swarm ?? false,
    store: options.store ?? 'memory',
    wallClock: () => performance.now(),
  })
  return toResultJson(result)
}
