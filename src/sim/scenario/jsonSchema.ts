/**
 * The JSON Schema of scenario files, generated from the same zod schema the loader uses, so
 * editors and the loader cannot disagree about shape. (Semantic rules, such as peers named in
 * steps being declared, stay with the loader.) `writeJsonSchema.ts` writes it to
 * `schema/scenario.schema.json`; a test keeps the committed file equal to this output.
 */
import { z } from 'zod'
import { OPERATORS, FinalQuerySchema } from './queries.ts'
import { ScenarioFileSchema } from './schema.ts'

export const SCHEMA_PATH = 'schema/scenario.schema.json'

const finalQueryObjects = new Set<unknown>(FinalQuerySchema.options)

/** The scenario JSON Schema (draft 2020-12) describing what a file may contain. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ScenarioFileSchema, {
    target: 'draft-2020-12',
    // What users write: fields with defaults are optional.
    io: 'input',
    override: (ctx) => {
      // "Exactly one operator" is checked by the loader; say it to editors too.
      if (finalQueryObjects.has(ctx.zodSchema)) ctx.jsonSchema.oneOf = OPERATORS.map((op) => ({ required: [op] }))
    },
  }) as Record<string, unknown>
}

/** The schema file's exact text. */
export const scenarioJsonSchemaText = (): string => `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`
