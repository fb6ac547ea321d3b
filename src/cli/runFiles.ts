/**
 * What `crdt-lab run` does: one run per file, a summary of each on stdout, and on request the
 * §6 result JSON, the HTML run report, the trace (for `replay`) and every replica's documents.
 * Every file is validated before anything runs, so bad input never leaves half the outputs written.
 */
import { join } from 'node:path'
import { LabError, isLabError } from '../engine/base/errors.ts'
import { renderRunReport, writeReport } from '../report/index.ts'
import type { RunResult } from '../properties/runAndCheck.ts'
import type { StoreKind } from '../sim/peer.ts'
import { loadScenarioFile } from '../sim/scenario/load.ts'
import type { Scenario } from '../sim/scenario/model.ts'
import type { Profile } from '../sim/scenario/schema.ts'
import { replayCommandLine, rerunCommandLine } from './commandLine.ts'
import { verdictExit, type ExitCode } from './exit.ts'
import { perScenarioPath, writeFileMakingDirs } from './files.ts'
import { recipeOf, traceText } from './trace.ts'
import { recipeExtras, runRecipe } from './recipeRun.ts'
import { toReportInput, toResultJson } from './resultJson.ts'
import { printRunSummary, type Writer } from './runSummary.ts'

export interface RunCliOptions {
  readonly seed?: number
  readonly profile?: Profile
  readonly store: StoreKind
  readonly swarm?: boolean
  readonly json?: string
  readonly html?: string
  readonly trace?: string
  readonly dump?: string
}

interface LoadedFile {
  readonly file: string
  readonly scenario: Scenario
  readonly json: unknown
  /** Distinguishes this file's outputs when several files run. */
  readonly label: string
}

/** Runs every file; returns the exit code (bad input raises a LabError before anything runs). */
export async function runFiles(files: readonly string[], o: RunCliOptions, write: Writer): Promise<ExitCode> {
  const loaded = loadAll(files)
  const many = loaded.length > 1
  const results: RunResult[] = []
  for (const f of loaded) {
    results.push(await runOne(f, o, many, write))
    if (many) write('')
  }
  if (o.json) {
    const json = results.map(toResultJson)
    writeFileMakingDirs(o.json, `${JSON.stringify(many ? json : json[0], null, 2)}\n`)
    write(`wrote ${o.json}`)
  }
  return verdictExit(results.every((r) => r.verdict === 'pass'))
}

async function runOne(f: LoadedFile, o: RunCliOptions, many: boolean, write: Writer): Promise<RunResult> {
  const recipe = recipeOf(f.json, f.scenario, {
    ...(o.seed === undefined ? {} : { seed: o.seed }),
    ...(o.profile ? { profile: o.profile } : {}),
    store: o.store,
    swarm: o.swarm ?? false,
  })
  const dumpDir = o.dump === undefined ? undefined : many ? join(o.dump, f.label) : o.dump
  const { result, run } = withFileName(f.file, () =>
    runRecipe(recipe, f.scenario, { timeline: o.html !== undefined, ...(dumpDir === undefined ? {} : { dumpDir }) }),
  )
  const rerun = rerunCommandLine(f.file, {
    seed: result.seed,
    profile: result.profile,
    swarm: recipe.swarm,
    store: recipe.store,
  })
  printRunSummary({ result, scenario: f.scenario, file: f.file, rerun, extras: recipeExtras(recipe) }, write)
  if (o.trace) {
    const path = perScenarioPath(o.trace, f.label, many)
    writeFileMakingDirs(path, traceText(run.world.journal, recipe, result))
    write(`  wrote   ${path} (replay: ${replayCommandLine(path)})`)
  }
  if (o.html) {
    const path = perScenarioPath(o.html, f.label, many)
    await writeReport(path, renderRunReport(toReportInput(result)))
    write(`  wrote   ${path}`)
  }
  if (dumpDir !== undefined) write(`  wrote   ${dumpDir}/<peer>/<docId>.yrs`)
  return result
}

/** A user's error raised while running (e.g. torn writes asked of the filesystem store) names the file it came from. */
function withFileName<T>(file: string, run: () => T): T {
  try {
    return run()
  } catch (e) {
    if (isLabError(e) && e.code !== 'INTERNAL') throw new LabError(e.code, e.message, { path: file, cause: e })
    throw e
  }
}

/** Loads every file, reporting every bad one at once. */
function loadAll(files: readonly string[]): LoadedFile[] {
  const errors: LabError[] = []
  const loaded: LoadedFile[] = []
  const labels = new Set<string>()
  for (const file of files) {
    try {
      const { scenario, json } = loadScenarioFile(file)
      const base = scenario.name.replace(/[^A-Za-z0-9._-]+/g, '-')
      let label = base
      for (let n = 2; labels.has(label); n++) label = `${base}-${n}`
      labels.add(label)
      loaded.push({ file, scenario, json, label })
    } catch (e) {
      if (!isLabError(e)) throw e
      errors.push(e)
    }
  }
  if (errors.length > 0) throw new LabError(errors[0]!.code, errors.map((e) => e.message).join('\n'))
  return loaded
}
