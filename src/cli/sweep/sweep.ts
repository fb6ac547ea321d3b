/**
 * What `crdt-lab sweep <scenario> --seeds A..B` does: one run per seed on worker threads,
 * progress on stderr, the failing seeds with the command that reruns each, and the §6 sweep
 * JSON. `--shard i/n` runs every n-th seed of the range so CI machines split a sweep; `merge`
 * joins the shards.
 */
import { availableParallelism } from 'node:os'
import { performance } from 'node:perf_hooks'
import { LabError } from '../../engine/base/errors.ts'
import { loadScenarioFile } from '../../sim/scenario/load.ts'
import type { Profile } from '../../sim/scenario/schema.ts'
import { rerunCommandLine } from '../commandLine.ts'
import { verdictExit, type ExitCode } from '../exit.ts'
import { checkOutputs, outputsOf } from '../outputPaths.ts'
import type { Writer } from '../runSummary.ts'
import type { SeedOutcome } from './outcome.ts'
import { runOnWorkers } from './pool.ts'
import { sweepProgress } from './progress.ts'
import { describeSeeds, rangeSize, seedsOf, type SeedRange, type Shard } from './seeds.ts'
import { sweepJsonOf, type SweepJson } from './sweepJson.ts'
import { writeSweepOutputs } from './sweepOutputs.ts'
import { printSweepSummary } from './sweepSummary.ts'

export interface SweepCliOptions {
  readonly seeds: SeedRange
  readonly profile?: Profile
  readonly workers?: number
  readonly shard?: Shard
  readonly swarm?: boolean
  readonly json?: string
  readonly html?: string
  /** Progress on stderr (default); the lab turns it off and logs its own line. */
  readonly progress?: boolean
}

/** Sweeps `file`; returns the exit code. */
export async function sweep(file: string, o: SweepCliOptions, write: Writer): Promise<ExitCode> {
  const { scenario, json } = loadScenarioFile(file)
  checkOutputs(outputsOf(o, { json: 'file', html: 'file' }), [file])
  const set = { range: o.seeds, shard: o.shard ?? null }
  const seeds = seedsOf(set)
  if (seeds.length === 0)
    throw new LabError(
      'BAD_USAGE',
      `--shard ${o.shard!.index}/${o.shard!.count}: shard ${o.shard!.index} of --seeds ` +
        `${describeSeeds({ range: o.seeds, shard: null })} holds no seed (the range has ${rangeSize(o.seeds)}; ` +
        'give at most that many shards)',
    )
  const profile = o.profile ?? scenario.profile
  const swarm = o.swarm ?? false
  const workers = Math.max(1, Math.min(o.workers ?? availableParallelism(), seeds.length))
  write(
    `sweep ${scenario.name} (${file}): seeds ${describeSeeds(set)}, profile ` +
      `${profile}${swarm ? ', swarm' : ''}, ${workers} ` +
      `worker${workers === 1 ? '' : 's'}`,
  )
  const started = performance.now()
  const progress = o.progress === false ? { done() {}, stop() {} } : sweepProgress(seeds.length)
  let outcomes: SeedOutcome[]
  try {
    outcomes = await runOnWorkers({ scenarioText: JSON.stringify(json), source: file, profile, swarm }, seeds, {
      workers,
      onOutcome: (x) => progress.done(x),
    })
  } finally {
    progress.stop()
  }
  const result = sweepJsonOf(outcomes, {
    scenario: scenario.name,
    profile,
    seeds: describeSeeds(set),
    swarm,
    wallMs: performance.now() - started,
    replay: (seed) => rerunCommandLine(file, { seed, profile, swarm }),
  })
  const notes = new Map(
    outcomes.flatMap((x) =>
      x.error ? [[x.seed, `threw ${x.error.code}: ${x.error.message.split('\n')[0]}`] as const] : [],
    ),
  )
  printSweepSummary(result, write, notes)
  if (result.runs > 0 && result.wallMs !== undefined)
    write(
      `throughput: ` +
        `${((1000 * result.runs) / Math.max(1, result.wallMs)).toFixed(1)} runs/s on ` +
        `${workers} worker${workers === 1 ? '' : 's'}`,
    )
  await writeSweepOutputs(result, o, write)
  return verdictExit(result.failures.length === 0)
}
