/**
 * `crdt-lab sweep <scenario> --seeds A..B`: one run per seed on worker threads, progress on
 * stderr, the failing seeds with the command that reruns each, and the §6 sweep JSON. `--shard
 * i/n` runs every n-th seed of the range so CI machines split a sweep; `merge` joins the shards.
 */
import { Command, Option } from 'commander'
import { availableParallelism } from 'node:os'
import { performance } from 'node:perf_hooks'
import { renderSweepReport, writeReport } from '../report/index.ts'
import { loadScenarioFile } from '../sim/scenario/load.ts'
import type { Profile } from '../sim/scenario/schema.ts'
import { rerunCommandLine } from './commandLine.ts'
import { verdictExit, type ExitCode } from './exit.ts'
import { writeFileMakingDirs } from './files.ts'
import { profileOption, swarmOption, wholeNumber } from './options.ts'
import type { Writer } from './runSummary.ts'
import type { SeedOutcome } from './sweep/outcome.ts'
import { runOnWorkers } from './sweep/pool.ts'
import { sweepProgress } from './sweep/progress.ts'
import { describeSeeds, parseSeedRange, parseShard, seedsOf, type SeedRange, type Shard } from './sweep/seeds.ts'
import { sweepJsonOf, type SweepJson } from './sweep/sweepJson.ts'
import { printSweepSummary } from './sweep/sweepSummary.ts'

export interface SweepCliOptions {
  readonly seeds: SeedRange
  readonly profile?: Profile
  readonly workers?: number
  readonly shard?: Shard
  readonly swarm?: boolean
  readonly json?: string
  readonly html?: string
}

/** The `sweep` command. */
export function sweepCommand(): Command {
  return new Command('sweep')
    .description('run many seeds of a scenario on worker threads and list the failing ones')
    .argument('<scenario>', 'a scenario file (JSON, DESIGN §4)')
    .addOption(new Option('--seeds <A..B>', 'seeds to run, both ends included').argParser(parseSeedRange).makeOptionMandatory())
    .addOption(profileOption())
    .addOption(new Option('--workers <n>', 'worker threads (default: one per core)').argParser(wholeNumber(1)))
    .addOption(new Option('--shard <i/n>', 'run every n-th seed of the range, starting with the i-th (to split a sweep across machines)').argParser(parseShard))
    .addOption(swarmOption())
    .option('--json <file>', 'write the sweep JSON')
    .option('--html <file>', 'write the sweep report')
    .action(async (file: string, options: SweepCliOptions) => {
      process.exitCode = await sweep(file, options, (line) => console.log(line))
    })
}

/** Sweeps `file`; returns the exit code. */
export async function sweep(file: string, o: SweepCliOptions, write: Writer): Promise<ExitCode> {
  const { scenario, json } = loadScenarioFile(file)
  const set = { range: o.seeds, shard: o.shard ?? null }
  const seeds = seedsOf(set)
  const profile = o.profile ?? scenario.profile
  const swarm = o.swarm ?? false
  const workers = Math.max(1, Math.min(o.workers ?? availableParallelism(), seeds.length))
  write(`sweep ${scenario.name} (${file}): seeds ${describeSeeds(set)}, profile ${profile}${swarm ? ', swarm' : ''}, ${workers} worker${workers === 1 ? '' : 's'}`)
  const started = performance.now()
  const progress = sweepProgress(seeds.length)
  let outcomes: SeedOutcome[]
  try {
    outcomes = seeds.length === 0 ? [] : await runOnWorkers({ scenarioText: JSON.stringify(json), source: file, profile, swarm }, seeds, { workers, onOutcome: (x) => progress.done(x) })
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
  const notes = new Map(outcomes.flatMap((x) => (x.error ? [[x.seed, `threw ${x.error.code}: ${x.error.message.split('\n')[0]}`] as const] : [])))
  printSweepSummary(result, write, notes)
  if (result.runs > 0 && result.wallMs !== undefined) write(`throughput: ${((1000 * result.runs) / Math.max(1, result.wallMs)).toFixed(1)} runs/s on ${workers} worker${workers === 1 ? '' : 's'}`)
  await writeSweepOutputs(result, o, write)
  return verdictExit(result.failures.length === 0)
}

/** Writes `--json` and `--html` of a sweep (or merged shards). */
export async function writeSweepOutputs(result: SweepJson, o: { json?: string; html?: string }, write: Writer): Promise<void> {
  if (o.json) {
    writeFileMakingDirs(o.json, `${JSON.stringify(result, null, 2)}\n`)
    write(`wrote ${o.json}`)
  }
  if (o.html) {
    await writeReport(o.html, renderSweepReport(result))
    write(`wrote ${o.html}`)
  }
}
