/**
 * What an explore worker thread runs: a batch of schedules of one scenario, each executed from
 * the initial state (execute.ts). The scenario arrives as its file's text; the program is built
 * once per thread. It imports neither the CLI nor the report layer, so workers start quickly.
 */
import type { Choice } from '../../properties/explore/choices.ts'
import { executePath, type Visit } from '../../properties/explore/execute.ts'
import { exploreProgram, type ExploreProgram, type ExploreSettings } from '../../properties/explore/program.ts'
import { parseScenario } from '../../sim/scenario/load.ts'

/** One batch: the scenario file's text and name, how to run, and the schedules. */
export interface ExploreTask {
  readonly scenarioText: string
  readonly source: string
  readonly settings: ExploreSettings
  readonly paths: readonly (readonly Choice[])[]
}

/** Programs this thread has built, by scenario text (a worker serves one exploration). */
const programs = new Map<string, ExploreProgram>()

function programOf(task: ExploreTask): ExploreProgram {
  let p = programs.get(task.scenarioText)
  if (!p) {
    const json = JSON.parse(task.scenarioText)
    p = exploreProgram(parseScenario(json, task.source), json)
    programs.set(task.scenarioText, p)
  }
  return p
}

/** Executes every schedule of the batch. */
export function runExploreTask(task: ExploreTask): Visit[] {
  const program = programOf(task)
  return task.paths.map((path) => executePath(program, path, task.settings))
}

/** Tinypool calls a module's default export. */
export default runExploreTask
