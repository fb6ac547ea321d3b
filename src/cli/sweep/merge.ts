/**
 * What `crdt-lab merge <result.json…>` does: joins the sweep JSON of shards (`sweep --shard
 * i/n`) into one result, with its summary, JSON and HTML report. Mixing scenarios, profiles or
 * swarm settings, or merging overlapping seeds, is bad input (exit 2).
 */
import { verdictExit, type ExitCode } from '../exit.ts'
import { readJsonFile } from '../files.ts'
import { checkOutputs, outputsOf } from '../outputPaths.ts'
import type { Writer } from '../runSummary.ts'
import { mergeSweeps } from './mergeSweeps.ts'
import { isExploreJson } from '../explore/exploreMerge.ts'
import { mergeExploreFiles } from '../explore/exploreMergeFiles.ts'
import { validSweep } from './sweepInput.ts'
import { printSweepSummary } from './sweepSummary.ts'
import { writeSweepOutputs } from './sweepOutputs.ts'

/** Merges the sweep results in `files`; returns the exit code. */
export async function merge(
  files: readonly string[],
  o: { json?: string; html?: string },
  write: Writer,
  warn: Writer,
): Promise<ExitCode> {
  const values = files.map((file) => readJsonFile(file, 'sweep result file'))
  if (values.some(isExploreJson)) return mergeExploreFiles(files, values, o, write, warn)
  const inputs = files.map((file, i) => validSweep(file, values[i]))
  checkOutputs(outputsOf(o, { json: 'file', html: 'file' }), files)
  const { sweep, warnings } = mergeSweeps(inputs)
  for (const w of warnings) warn(`warning: ${w}`)
  write(
    `merged ${files.length} sweep result${files.length === 1 ? '' : 's'}` +
      `${sweep.scenario ? ` of ${sweep.scenario}` : ''}` +
      `${sweep.seeds ? `: seeds ${sweep.seeds}` : ''}` +
      `${sweep.profile ? `, profile ${sweep.profile}` : ''}`,
  )
  printSweepSummary(sweep, write)
  await writeSweepOutputs(sweep, o, write)
  return verdictExit(sweep.failures.length === 0)
}
