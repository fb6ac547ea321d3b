/**
 * Loading a scenario: file -> JSON -> schema -> semantic checks -> normalized `Scenario`.
 * Every failure is a LabError: FILE_NOT_FOUND for a missing file, BAD_SCENARIO for anything
 * wrong inside it, naming the file, the JSON path and what is wrong, all problems at once
 * (schema problems first; semantic checks run once the shape is right).
 */
import { readFileSync } from 'node:fs'
import { LabError } from '../../engine/base/errors.ts'
import { parseJsonText } from './jsonText.ts'
import type { Scenario } from './model.ts'
import { normalizeScenario } from './normalize.ts'
import { scenarioError } from './problems.ts'
import { ScenarioFileSchema } from './schema.ts'
import { semanticProblems } from './semantics.ts'
import { problemsFromIssues } from './zodProblems.ts'

/** Reads and validates the scenario file at `path`. */
export function loadScenario(path: string): Scenario {
  return loadScenarioFile(path).scenario
}

/**
 * Reads and validates the scenario file at `path`, keeping the file's JSON beside the normalized
 * scenario (a trace records it).
 */
export function loadScenarioFile(path: string): { scenario: Scenario; json: unknown } {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new LabError('FILE_NOT_FOUND', 'no such scenario file', { path, cause: e })
    throw new LabError('BAD_SCENARIO', `cannot read the scenario file (${code ?? String(e)})`, { path, cause: e })
  }
  const json = parseJsonText(text, path)
  return { scenario: parseScenario(json, path), json }
}

/** Validates a parsed JSON value; `source` names it in messages (a file path, or any label). */
export function parseScenario(json: unknown, source: string): Scenario {
  const parsed = ScenarioFileSchema.safeParse(json)
  if (!parsed.success) throw scenarioError(source, problemsFromIssues(parsed.error.issues, json))
  const problems = semanticProblems(parsed.data)
  if (problems.length > 0) throw scenarioError(source, problems)
  return normalizeScenario(parsed.data, source)
}

/** Parses scenario text (JSON); `source` names it in messages. */
export function parseScenarioText(text: string, source: string): Scenario {
  return parseScenario(parseJsonText(text, source), source)
}
