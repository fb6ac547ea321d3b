/**
 * Trace files (`run --trace`, read by `replay`): the journal's JSONL, whose header `meta` holds
 * the run's recipe, everything needed to run it again:
 *
 *   {"meta":{"lab":{…versions…},"recipe":{"scenario":{…file JSON…},"source":"…","seed":7,
 *    "profile":"spec","store":"memory","swarm":false},"recipeHash":"…","verdict":"fail",
 *    "wallMs":84},"records":1234,"trace":1,"traceHash":"…"}
 *   {"data":{…},"t":0,"type":"bootstrap"}
 *   …
 *
 * The scenario is the file's own JSON (its name made explicit), so a replay does not depend on
 * the file still existing or being unchanged; it is validated again on replay. The journal hashes
 * its records, not the header, so the recipe carries its own hash: an edited recipe is a bad
 * file (exit 2), not a failed reproduction (exit 1).
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { LabError } from '../engine/base/errors.ts'
import type { RunResult } from '../properties/runAndCheck.ts'
import { canonicalJson, type JsonObject } from '../sim/canonicalJson.ts'
import { Journal, type TraceHeader } from '../sim/journal.ts'
import { parseScenario } from '../sim/scenario/load.ts'
import type { Scenario } from '../sim/scenario/model.ts'
import { jsonTextLimit } from '../sim/scenario/jsonText.ts'
import { jsonPath } from '../sim/scenario/problems.ts'
import { PROFILES, type Profile } from '../sim/scenario/schema.ts'
import type { StoreKind } from '../sim/peer.ts'
import { runSettings } from '../sim/run.ts'
import { readTextFile } from './files.ts'
import { labVersions } from './labVersion.ts'

/** Everything a run depends on: same recipe, same lab, same trace hash. */
export interface RunRecipe {
  /** The scenario file's JSON, with `name` made explicit. */
  readonly scenario: JsonObject
  /** The file it came from (for messages and rerun commands). */
  readonly source: string
  readonly seed: number
  readonly profile: Profile
  readonly store: StoreKind
  readonly swarm: boolean
}

const RecipeSchema = z.strictObject({
  scenario: z.record(z.string(), z.unknown()),
  source: z.string(),
  seed: z.number().int().min(0),
  profile: z.enum(PROFILES),
  store: z.enum(['memory', 'fs']),
  swarm: z.boolean(),
})

/** The recipe of a run of `scenario` (loaded from `json`) with the effective settings. */
export function recipeOf(
  json: unknown,
  scenario: Scenario,
  settings: { seed?: number; profile?: Profile; store: StoreKind; swarm: boolean },
): RunRecipe {
  // The seed and profile as the run resolves them (run.ts `runSettings`, the one place).
  const { seed, profile } = runSettings(scenario, settings)
  return {
    scenario: { ...(json as JsonObject), name: scenario.name },
    source: scenario.source,
    seed,
    profile,
    store: settings.store,
    swarm: settings.swarm,
  }
}

/** The recipe's scenario, validated again (a trace may come from another version of the lab). */
export const scenarioOfRecipe = (recipe: RunRecipe, label: string): Scenario => parseScenario(recipe.scenario, label)

const hashOf = (recipe: RunRecipe): string => createHash('sha256').update(canonicalJson(recipe)).digest('hex')

/** The trace file of a finished run. */
export function traceText(journal: Journal, recipe: RunRecipe, result: RunResult): string {
  return journal.toJSONL({
    lab: labVersions(),
    recipe: recipe as unknown as JsonObject,
    recipeHash: hashOf(recipe),
    verdict: result.verdict,
    wallMs: result.stats.wallMs,
  })
}

export interface ReadTrace {
  readonly header: TraceHeader
  readonly journal: Journal
  readonly recipe: RunRecipe
  /** Versions the trace was recorded with. */
  readonly lab: JsonObject
}

/** Reads and verifies a trace file: malformed, truncated or edited files raise a LabError naming the file. */
export function readTrace(path: string): ReadTrace {
  const text = readTextFile(path, 'trace file')
  checkLines(text, path)
  const { journal, header } = Journal.fromJSONL(text, path)
  const parsed = RecipeSchema.safeParse(header.meta.recipe)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new LabError(
      'INVALID_ARG',
      `${jsonPath(['meta', 'recipe', ...issue.path])}: ${issue.message} (not a trace written by crdt-lab run --trace?)`,
      { path: `${path}:1` },
    )
  }
  const recipe = parsed.data as RunRecipe
  if (header.meta.recipeHash !== hashOf(recipe)) {
    throw new LabError(
      'INVALID_ARG',
      '$.meta.recipe does not match $.meta.recipeHash: the header was edited, so ' +
        'the trace no longer says which run it records',
      { path: `${path}:1` },
    )
  }
  const lab =
    typeof header.meta.lab === 'object' && header.meta.lab !== null && !Array.isArray(header.meta.lab)
      ? (header.meta.lab as JsonObject)
      : {}
  return { header, journal, recipe, lab }
}

/**
 * Every line within what a trace can hold: nesting of at most `MAX_JSON_DEPTH` levels and no number
 * beyond a double (a record's `t` of 1e999 parsed as Infinity, which canonical JSON refuses as a
 * lab bug; 10^5 levels overflowed the stack). Checked before the journal parses a line.
 */
function checkLines(text: string, path: string): void {
  let line = 1
  for (let start = 0; start < text.length; line++) {
    const end = text.indexOf('\n', start)
    const stop = end < 0 ? text.length : end
    const found = jsonTextLimit(text.slice(start, stop))
    if (found)
      throw new LabError(
        'INVALID_ARG',
        `column ${found.offset + 1}: ${found.reason} (not a trace written by crdt-lab run --trace?)`,
        {
          path: `${path}:${line}`,
        },
      )
    start = stop + 1
  }
}
