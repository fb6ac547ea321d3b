/**
 * Writes `schema/scenario.schema.json` from the zod schema. Run from the repository root:
 * `npx tsx src/sim/scenario/writeJsonSchema.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { SCHEMA_PATH, scenarioJsonSchemaText } from './jsonSchema.ts'

mkdirSync(dirname(SCHEMA_PATH), { recursive: true })
writeFileSync(SCHEMA_PATH, scenarioJsonSchemaText())
console.log(`wrote ${SCHEMA_PATH}`)
