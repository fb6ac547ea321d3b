/**
 * What the library's functions take as a scenario: a file path (validated as `crdt-lab run`
 * validates it) or a scenario object in the file format (a parsed JSON file, or one built in code).
 */
import { loadScenarioFile, parseScenario } from '../sim/scenario/load.ts'
import type { Scenario } from '../sim/scenario/model.ts'

/** A scenario file's path, or its JSON as an object. */
export type ScenarioInput = string | Readonly<Record<string, unknown>>

export interface LoadedInput {
  readonly scenario: Scenario
  /** The JSON it was read from. */
  readonly json: unknown
  /** The file, or `<name>.json` for an object (what printed commands name). */
  readonly file: string
}

/** Loads and validates `input`; bad input raises a LabError (BAD_SCENARIO, FILE_NOT_FOUND) naming what is wrong. */
export function loadInput(input: ScenarioInput): LoadedInput {
  if (typeof input === 'string') {
    const { scenario, json } = loadScenarioFile(input)
    return { scenario, json, file: input }
  }
  const label = typeof input.name === 'string' ? `${input.name}.json` : 'scenario.json'
  return { scenario: parseScenario(input, label), json: input, file: label }
}
