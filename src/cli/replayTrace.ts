/**
 * What `crdt-lab replay <trace>` does: runs the recorded recipe again and compares trace hashes.
 * A trace that cannot be read, or was edited, is bad input (exit 2); a run that does not
 * reproduce its hash fails (exit 1, TRACE_MISMATCH with both hashes and the first record that
 * differs); otherwise the exit code is the run's verdict, as for `run`.
 */
import type { JsonObject } from '../sim/canonicalJson.ts'
import { canonicalJson } from '../sim/canonicalJson.ts'
import type { JournalRecord } from '../sim/journal.ts'
import { rerunCommandLine } from './commandLine.ts'
import { EXIT, verdictExit, type ExitCode } from './exit.ts'
import { labVersions } from './labVersion.ts'
import { recipeExtras, runRecipe } from './recipeRun.ts'
import { printRunSummary, type Writer } from './runSummary.ts'
import { readTrace, scenarioOfRecipe } from './trace.ts'

/** Longest record line quoted when a replay departs from its trace. */
const MAX_QUOTED = 240

/** Replays the trace at `path`; returns the exit code. */
export function replayTrace(path: string, write: Writer, warn: Writer): ExitCode {
  const recorded = readTrace(path)
  const { recipe } = recorded
  const scenario = scenarioOfRecipe(recipe, `${path}: $.meta.recipe.scenario`)
  const { result, run } = runRecipe(recipe, scenario)
  const rerun = rerunCommandLine(recipe.source, {
    seed: recipe.seed,
    profile: recipe.profile,
    swarm: recipe.swarm,
    store: recipe.store,
  })
  printRunSummary({ result, scenario, file: recipe.source, rerun, extras: recipeExtras(recipe) }, write)
  if (result.traceHash === recorded.header.traceHash) {
    write(`reproduced: the replay's trace hash equals the recording's (${recorded.journal.length} records)`)
    return verdictExit(result.verdict === 'pass')
  }
  warn(
    `TRACE_MISMATCH: ${path} records trace hash ${recorded.header.traceHash}, the replay produced ${result.traceHash}`,
  )
  warn(firstDifference(recorded.journal.records, run.world.journal.records))
  const versions = versionNote(recorded.lab)
  if (versions) warn(versions)
  return EXIT.fail
}

/** Where two journals part, in words. */
export function firstDifference(recorded: readonly JournalRecord[], replayed: readonly JournalRecord[]): string {
  const n = Math.min(recorded.length, replayed.length)
  for (let i = 0; i < n; i++) {
    const a = canonicalJson(recorded[i])
    const b = canonicalJson(replayed[i])
    if (a !== b)
      return (
        `first difference at record ${i + 1} (line ${i + 2} of the trace):\n  ` +
        `recorded ${clip(a)}\n  replayed ${clip(b)}`
      )
  }
  return `the first ${n} records agree; the recording has ${recorded.length} records, the replay ${replayed.length}`
}

const clip = (line: string): string => (line.length > MAX_QUOTED ? `${line.slice(0, MAX_QUOTED - 1)}…` : line)

/** A note when the trace was recorded with other versions (a likely reason for a different hash). */
function versionNote(recordedWith: JsonObject): string | null {
  const now = labVersions() as Record<string, string>
  const differ = Object.keys(now).filter((k) => recordedWith[k] !== undefined && recordedWith[k] !== now[k])
  if (differ.length === 0) return null
  return (
    `note: recorded with ` +
    `${differ.map((k) => `${k} ${String(recordedWith[k])}`).join(', ')}; this is ` +
    `${differ.map((k) => `${k} ${now[k]}`).join(', ')}`
  )
}
