/** `crdt-lab merge` given explore results: validates them all, joins the shards, prints and writes. */
import { LabError } from '../../engine/base/errors.ts'
import { verdictExit, type ExitCode } from '../exit.ts'
import { checkOutputs, outputsOf } from '../outputPaths.ts'
import type { Writer } from '../runSummary.ts'
import { isExploreJson, mergeExplore, validExplore } from './exploreMerge.ts'
import { writeExploreOutputs } from './exploreOutputs.ts'
import { exploreSummary } from './exploreSummary.ts'

/** Merges the explore results of `files` (their JSON parsed: `values`); returns the exit code. */
export async function mergeExploreFiles(
  files: readonly string[],
  values: readonly unknown[],
  o: { json?: string; html?: string },
  write: Writer,
  warn: Writer,
): Promise<ExitCode> {
  const sweeps = files.filter((_, i) => !isExploreJson(values[i]))
  if (sweeps.length > 0)
    throw new LabError('BAD_USAGE', `cannot merge explore results with sweep results (${sweeps.join(', ')})`)
  const results = files.flatMap((file, i) => validExplore(file, values[i]))
  checkOutputs(outputsOf(o, { json: 'file', html: 'file' }), files)
  const { merged, warnings } = mergeExplore(results)
  for (const w of warnings) warn(`warning: ${w}`)
  for (const r of merged) {
    write(`merged explore of ${r.scenario}, profile ${r.profile}`)
    for (const line of exploreSummary(r)) write(line)
  }
  await writeExploreOutputs(merged, o, write)
  return verdictExit(merged.every((r) => r.failures.length === 0))
}
