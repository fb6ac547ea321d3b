/** Writes a counterexample as a scenario file that `crdt-lab run` reproduces exactly. */
import { join, relative } from 'node:path'
import type { Counterexample } from '../../properties/claimCheck.ts'
import { writeFileMakingDirs } from '../files.ts'
import { packagePath } from '../packageRoot.ts'

export const FOUND_DIR = 'scenarios/found'

/** Writes `<dir>/<claim>-<seed>.json`; returns its path relative to the working directory. */
export function writeFoundScenario(dir: string, claim: string, cx: Counterexample): string {
  const path = join(dir, `${claim}-${cx.seed}.json`)
  // The schema of the lab that wrote it: this repository's, or the installed package's.
  const schema = relative(dir, packagePath('schema', 'scenario.schema.json'))
  writeFileMakingDirs(path, `${JSON.stringify({ $schema: schema, ...cx.scenario }, null, 2)}\n`)
  return relative(process.cwd(), path)
}
