/**
 * Loading a scenario: file -> JSON -> raw checks -> schema -> limits and semantic checks ->
 * normalized `Scenario`. Every failure is a LabError: FILE_NOT_FOUND for a missing file,
 * BAD_SCENARIO for anything wrong with it or inside it, naming the file, the JSON path and what
 * is wrong, all problems at once (schema problems first; limits and semantic checks run once the
 * shape is right). The file is read with its size capped, as a regular file only, in strict
 * UTF-8 (`boundedFile.ts`).
 */
import { readBoundedText } from './boundedFile.ts'
import { budgetProblems } from './budget.ts'
import { parseJsonText } from './jsonText.ts'
import { SCENARIO_LIMITS } from './limits.ts'
import type { Scenario } from './model.ts'
import { normalizeScenario } from './normalize.ts'
import { scenarioError } from './problems.ts'
import { ScenarioFileSchema } from './schema.ts'
import { semanticProblems } from './semantics.ts'
import { rawJsonProblems } from './rawJson.ts'
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
  const text = readScenarioText(path)
  const json = parseJsonText(text, path)
  return { scenario: parseScenario(json, path), json }
}

/** Validates a parsed JSON value; `source` names it in messages (a file path, or any label). */
export function parseScenario(json: unknown, source: string): Scenario {
  const raw = rawJsonProblems(json)
  if (raw.length > 0) throw scenarioError(source, raw)
  const parsed = ScenarioFileSchema.safeParse(json)
  if (!parsed.success) throw scenarioError(source, problemsFromIssues(parsed.error.issues, json))
  const problems = [...budgetProblems(parsed.data), ...semanticProblems(parsed.data)]
  if (problems.length > 0) throw scenarioError(source, problems)
  return normalizeScenario(parsed.data, source)
}

/** Parses scenario text (JSON); `source` names it in messages. */
export function parseScenarioText(text: string, source: string): Scenario {
  return parseScenario(parseJsonText(text, source), source)
}

/** The text of a scenario file, read within the limits (regular file, size, UTF-8). */
export const readScenarioText = (path: string): string =>
  readBoundedText(path, { what: 'scenario file', maxBytes: SCENARIO_LIMITS.fileBytes.max, code: 'BAD_SCENARIO' })
