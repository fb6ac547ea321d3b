import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { SCHEMA_PATH, scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/sim/scenario/jsonSchema.ts'
import { OP_NAMES } from '../../src/sim/scenario/ops.ts'

const root = new URL('../../', import.meta.url)

describe('scenario JSON Schema', () => {
  it(
    'the committed schema file equals freshly generated output (run: npx tsx ' + 'src/sim/scenario/writeJsonSchema.ts)',
    () => {
      expect(readFileSync(new URL(SCHEMA_PATH, root), 'utf8')).toBe(scenarioJsonSchemaText())
    },
  )

  it('describes the file: strict top level, every op, one operator per final query', () => {
    const schema = scenarioJsonSchema() as {
      properties: Record<string, unknown>
      additionalProperties: boolean
      required: string[]
    }
    expect(Object.keys(schema.properties)).toEqual([
      '$schema',
      'name',
      'description',
      'seed',
      'profile',
      'peers',
      'entities',
      'config',
      'network',
      'steps',
      'expect',
    ])
    expect(schema.additionalProperties).toBe(false)
    expect(schema.required).toEqual(['peers', 'entities'])
    const text = scenarioJsonSchemaText()
    for (const op of OP_NAMES) expect(text).toContain(`"const": "${op}"`)
    const compact = JSON.stringify(schema)
    for (const op of ['equals', 'includes', 'excludes', 'count']) expect(compact).toContain(`{"required":["${op}"]}`)
  })
})
