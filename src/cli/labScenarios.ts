/**
 * The lab's own scenario files (`scenarios/*.json` of the package): conformance runs each under
 * the reference profile and expects it to pass, and mutation testing tries each against a mutant
 * its claims did not kill.
 */
import { readdirSync } from 'node:fs'
import { loadScenario } from '../sim/scenario/load.ts'
import type { NamedScenario } from '../properties/mutation.ts'
import { packagePath } from './packageRoot.ts'

/** Every scenario file of the package's `scenarios/` folder (not its subfolders), by name. */
export function labScenarios(dir = packagePath('scenarios')): NamedScenario[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((f) => f.isFile() && f.name.endsWith('.json'))
    .map((f) => f.name)
    .sort()
    .map((file) => ({ name: file.replace(/\.json$/, ''), scenario: loadScenario(`${dir}/${file}`) }))
}
