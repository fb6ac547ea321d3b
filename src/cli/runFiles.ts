/**
 * What `crdt-lab run` does: one run per file, a summary of each on stdout, and on request the
 * §6 result JSON, the HTML run report, the trace (for `replay`) and every replica's documents.
 * Every file is validated before anything runs, so bad input never leaves half the outputs written.
 */
import { LabError, isLabError } from '../engine/base/errors.ts'
import { renderRunReport, writeReport } from '../report/index.ts'
import type { RunResult } from '../properties/runAndCheck.ts'
import type { StoreKind } from '../sim/peer.ts'
import { loadScenarioFile } from '../sim/scenario/load.ts'
import type { Scenario } from '../sim/scenario/model.ts'
import type { Profile } from '../sim/scenario/schema.ts'
import { replayCommandLine, rerunCommandLine } from './commandLine.ts'
import { insideFolder } from './dump.ts'
import { verdictExit, type ExitCode } from './exit.ts'
import { perScenarioPath, writeFileMakingDirs } from './files.ts'
import { checkOutputs, writingOutput, type OutputPath } from './outputPaths.ts'
import { withTempRoot } from './tempRoot.ts'
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
  checkOutputs(outputPaths(loaded, o, many), files)
  const results: RunResult[] = []
  const runAll = async () => {
    for (const f of loaded) {
      results.push(await runOne(f, o, many, write))
      if (many) write('')
    }
  }
  // The filesystem store's folders are removed even when the process is interrupted.
  await (o.store === 'fs' ? withTempRoot(runAll) : runAll())
  if (o.json) {
    const json = results.map(toResultJson)
    const path = o.json
    await writingOutput('--json', path, () =>
      writeFileMakingDirs(path, `${JSON.stringify(many ? json : json[0], null, 2)}\n`),
    )
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
  const dumpDir = o.dump === undefined ? undefined : many ? insideFolder(o.dump, f.label) : o.dump
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
    await writingOutput('--trace', path, () => writeFileMakingDirs(path, traceText(run.world.journal, recipe, result)))
    write(`  wrote   ${path} (replay: ${replayCommandLine(path)})`)
  }
  if (o.html) {
    const path = perScenarioPath(o.html, f.label, many)
    await writingOutput('--html', path, () => writeReport(path, renderRunReport(toReportInput(result))))
    write(`  wrote   ${path}`)
  }
  if (dumpDir !== undefined) write(`  wrote   ${dumpDir}/<peer>/<type>.<id>.<concern>.yrs`)
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

/** Every output the run will write, per scenario where several files run. */
function outputPaths(loaded: readonly LoadedFile[], o: RunCliOptions, many: boolean): OutputPath[] {
  const perFile = (option: string, path: string | undefined): OutputPath[] =>
    path === undefined ? [] : loaded.map((f) => ({ option, path: perScenarioPath(path, f.label, many), kind: 'file' }))
  return [
    ...(o.json === undefined ? [] : [{ option: '--json', path: o.json, kind: 'file' as const }]),
    ...perFile('--html', o.html),
    ...perFile('--trace', o.trace),
    ...(o.dump === undefined ? [] : [{ option: '--dump', path: o.dump, kind: 'folder' as const }]),
  ]
}

/** Loads every file, reporting every bad one at once. */
function loadAll(files: readonly string[]): LoadedFile[] {
  const errors: LabError[] = []
  const loaded: LoadedFile[] = []
  const labels = new Set<string>()
  for (const file of files) {
    try {
      const { scenario, json } = loadScenarioFile(file)
      // A label names files and folders: letters, digits, '_' and '-' only (a name '..' must not climb out of --dump).
      const base = scenario.name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'scenario'
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
