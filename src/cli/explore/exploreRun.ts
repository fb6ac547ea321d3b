/**
 * What `crdt-lab explore <scenario…>` does: reads every scenario (a file explore cannot take is
 * exit 2 naming the file and the JSON path, before anything runs), explores each under the
 * profile, on worker threads, prints Stateright's line (`states=…, unique=…, depth=…, sec=…`),
 * whether the search was complete, what the reduction saved and each failing check with its
 * shortest schedule, written as a scenario file `crdt-lab run` replays. Exit 1 when a check
 * fails; a search cut by a bound is not complete and says so, but fails nothing by itself.
 */
import { availableParallelism } from 'node:os'
import { join, relative } from 'node:path'
import { performance } from 'node:perf_hooks'
import { explore, type ExploreResult } from '../../properties/explore/explore.ts'
import { exploreProgram } from '../../properties/explore/program.ts'
import type { SearchProgress } from '../../properties/explore/search.ts'
import { loadScenarioFile } from '../../sim/scenario/load.ts'
import type { Scenario } from '../../sim/scenario/model.ts'
import type { Profile } from '../../sim/scenario/schema.ts'
import { verdictExit, type ExitCode } from '../exit.ts'
import { writeFileMakingDirs } from '../files.ts'
import { checkOutputs, outputsOf } from '../outputPaths.ts'
import { packagePath } from '../packageRoot.ts'
import type { Writer } from '../runSummary.ts'
import type { Shard } from '../sweep/seeds.ts'
import { explorePool } from './explorePool.ts'
import { exploreSummary } from './exploreSummary.ts'
import { writeExploreOutputs } from './exploreOutputs.ts'

export interface ExploreCliOptions {
  readonly profile?: Profile
  readonly maxStates?: number
  readonly maxDepth?: number
  readonly maxFaults?: number
  readonly workers?: number
  readonly shard?: Shard
  /** Commander's `--no-reduction` sets it false. */
  readonly reduction?: boolean
  readonly json?: string
  readonly html?: string
  readonly out: string
  /** Progress on stderr when it is a terminal (default). */
  readonly progress?: boolean
}

interface Input {
  readonly file: string
  readonly scenario: Scenario
  readonly json: unknown
}

/** Explores every file; returns the exit code. */
export async function exploreFiles(files: readonly string[], o: ExploreCliOptions, write: Writer): Promise<ExitCode> {
  const inputs: Input[] = files.map((file) => {
    const { scenario, json } = loadScenarioFile(file)
    exploreProgram(scenario, json) // what explore cannot take is bad input now, before any work
    return { file, scenario, json }
  })
  checkOutputs(outputsOf(o, { json: 'file', html: 'file', out: 'folder' }), files)
  const results: ExploreResult[] = []
  for (const input of inputs) results.push(await exploreOne(input, o, write))
  await writeExploreOutputs(results, o, write)
  return verdictExit(results.every((r) => r.failures.length === 0))
}

async function exploreOne(input: Input, o: ExploreCliOptions, write: Writer): Promise<ExploreResult> {
  const workers = Math.max(1, o.workers ?? availableParallelism())
  const profile = o.profile ?? input.scenario.profile
  write(
    `explore ${input.scenario.name} (${input.file}), profile ${profile}, ` +
      `${workers} worker${workers === 1 ? '' : 's'}${o.shard ? `, shard ${o.shard.index}/${o.shard.count}` : ''}`,
  )
  const pool = workers > 1 ? await explorePool(workers, JSON.stringify(input.json), input.file) : null
  try {
    const result = await explore(input.scenario, input.json, {
      profile,
      ...(o.maxStates !== undefined ? { maxStates: o.maxStates } : {}),
      ...(o.maxDepth !== undefined ? { maxDepth: o.maxDepth } : {}),
      ...(o.maxFaults !== undefined ? { maxFaults: o.maxFaults } : {}),
      reduction: o.reduction !== false,
      ...(o.shard ? { shard: o.shard } : {}),
      ...(pool ? { executor: (_program, settings) => pool.executor(settings) } : {}),
      ...(o.progress !== false && process.stderr.isTTY ? { progress: progressLine } : {}),
      wallClock: () => performance.now(),
      flows: o.html !== undefined,
    })
    if (o.progress !== false && process.stderr.isTTY) process.stderr.write('\r\u001b[K')
    writeSchedules(result, o.out, input.scenario.name)
    for (const line of exploreSummary(result)) write(line)
    return result
  } finally {
    await pool?.close()
  }
}

/** Writes each failing schedule as a scenario file under `out`, and records where. */
export function writeSchedules(result: ExploreResult, out: string, name: string): void {
  const schema = relative(out, packagePath('schema', 'scenario.schema.json'))
  for (const f of result.failures) {
    const label = `${name}.${result.profile}.${f.check}`.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/-+$/, '')
    const path = join(out, `${label}.json`)
    writeFileMakingDirs(path, `${JSON.stringify({ $schema: schema, ...f.scenario }, null, 2)}\n`)
    f.scenarioFile = path
  }
}

function progressLine(p: SearchProgress): void {
  process.stderr.write(
    `\r\u001b[Kdepth ${p.depth}: states=${p.states}, unique=${p.uniqueStates}, ${p.frontier} to expand`,
  )
}
