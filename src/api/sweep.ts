/**
 * `sweep(fileOrObject, { seeds, profile })`: one run per seed, as `crdt-lab sweep --json` reports
 * it (docs/result-json.md): how many ran, each failing seed with what failed and the command that
 * reruns it, failures per check. In this thread by default; `workers: n` spreads the seeds over
 * worker threads as the CLI does.
 */
import { performance } from 'node:perf_hooks'
import { LabError } from '../engine/base/errors.ts'
import { rerunCommandLine } from '../cli/commandLine.ts'
import type { SeedOutcome } from '../cli/sweep/outcome.ts'
import { runOnWorkers } from '../cli/sweep/pool.ts'
import { runSweepTask } from '../cli/sweep/seedRun.ts'
import { sweepJsonOf, type SweepJson } from '../cli/sweep/sweepJson.ts'
import type { Profile } from '../sim/scenario/schema.ts'
import { loadInput, type ScenarioInput } from './scenarioInput.ts'

export interface SweepOptions {
  /** The seeds: a range (both ends included) or a list. */
  readonly seeds: { readonly from: number; readonly to: number } | readonly number[]
  readonly profile?: Profile
  readonly swarm?: boolean
  /** Worker threads (default 1: this thread). */
  readonly workers?: number
  /** Called after each seed. */
  readonly onSeed?: (outcome: SeedOutcome) => void
}

/** Sweeps `input` over `options.seeds`. */
export async function sweep(input: ScenarioInput, options: SweepOptions): Promise<SweepJson> {
  const { scenario, json, file } = loadInput(input)
  const seeds = seedList(options.seeds)
  const profile = options.profile ?? scenario.profile
  const swarm = options.swarm ?? false
  const task = { scenarioText: JSON.stringify(json), source: file, profile, swarm }
  const started = performance.now()
  const workers = options.workers ?? 1
  let outcomes: SeedOutcome[]
  if (workers > 1 && seeds.length > 1)
    outcomes = await runOnWorkers(task, seeds, { workers, ...(options.onSeed ? { onOutcome: options.onSeed } : {}) })
  else
    outcomes = seeds.map((seed) => {
      const [outcome] = runSweepTask({ ...task, seeds: [seed] })
      options.onSeed?.(outcome!)
      return outcome!
    })
  return sweepJsonOf(outcomes, {
    scenario: scenario.name,
    profile,
    seeds: isRange(options.seeds) ? `${seeds[0]}..${seeds.at(-1)}` : seeds.join(','),
    swarm,
    wallMs: performance.now() - started,
    replay: (seed) => rerunCommandLine(file, { seed, profile, swarm }),
  })
}

const isRange = (s: SweepOptions['seeds']): s is { readonly from: number; readonly to: number } => !Array.isArray(s)

function seedList(seeds: SweepOptions['seeds']): number[] {
  const list: number[] = isRange(seeds)
    ? Array.from({ length: Math.max(0, seeds.to - seeds.from + 1) }, (_, i) => seeds.from + i)
    : [...seeds]
  for (const s of list)
    if (!Number.isSafeInteger(s) || s < 0)
      throw new LabError('INVALID_ARG', `sweep: seeds must be whole numbers >= 0, got ${JSON.stringify(s)}`)
  if (list.length === 0) throw new LabError('INVALID_ARG', 'sweep: no seed to run (the range is empty)')
  return list
}
