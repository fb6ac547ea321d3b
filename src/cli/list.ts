/**
 * What `crdt-lab list` prints: scenarios, checks, ops, queries and faults, every one read from its
 * registry (the scenarios folder, the claims catalogue, the engine's op and query registry, the
 * scenario format's faults), so the list says exactly what a scenario file may use: a query the
 * engine has but `expect.final` does not accept is not listed.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { isLabError } from '../engine/base/errors.ts'
import { OPS, OP_NAMES } from '../engine/ops/registry.ts'
import { argList } from '../engine/ops/define.ts'
import { OPERATORS, QUERIES, QUERY_NAMES } from '../sim/scenario/queries.ts'
import { CHECKS } from '../properties/checks/catalogue.ts'
import { loadScenario } from '../sim/scenario/load.ts'
import { DeliverStepSchema, FaultStepSchema, SyncStepSchema } from '../sim/scenario/steps.ts'
import type { Writer } from './runSummary.ts'

type Row = readonly [name: string, what: string]

/** Prints every section; `dir` is the scenarios folder. */
export function printList(dir: string, write: Writer): void {
  section(`scenarios (${dir})`, scenarioRows(dir), write)
  section(
    'checks',
    [...CHECKS.values()].map((c) => [c.name, c.claim]),
    write,
  )
  section(
    'ops',
    OP_NAMES.map((name) => {
      const d = OPS.get(name)!
      return [`${d.name} {${argList(d).join(', ')}}`, d.summary]
    }),
    write,
  )
  section(`queries (in expect.final, with one of ${OPERATORS.join(', ')})`, queryRows(), write)
  section('faults', faultRows(), write)
  section('delivery steps (deliver needs "network": {"delivery": "scripted"})', scriptRows(), write)
}

/** Every query `expect.final` accepts, with its arguments and what it answers. */
function queryRows(): Row[] {
  return QUERY_NAMES.map((name) => {
    const spec = QUERIES[name]
    const answer = { value: 'one value, not countable', list: 'a list', object: 'an object' }[spec.answer]
    return [`${name} {${argList(spec).join(', ')}}`, `${spec.summary} (${answer})`]
  })
}

function section(title: string, rows: readonly Row[], write: Writer): void {
  write(title)
  if (rows.length === 0) write('  (none)')
  const width = Math.min(40, Math.max(0, ...rows.map(([name]) => name.length)))
  for (const [name, what] of rows) write(`  ${name.padEnd(width)}  ${what}`.trimEnd())
  write('')
}

/** Every `*.json` in `dir` with its description; a bad file is listed with its first problem. */
function scenarioRows(dir: string): Row[] {
  let names: string[]
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()
  } catch {
    return []
  }
  return names.map((n) => {
    try {
      const sc = loadScenario(join(dir, n))
      return [n, sc.description || sc.name]
    } catch (e) {
      if (!isLabError(e)) throw e
      return [n, `(invalid: ${e.message.split('\n')[0]})`]
    }
  })
}

type Field = { description?: string; safeParse(v: unknown): { success: boolean } }

/** A step's name with its fields (optional ones end in "?") and what the fields' descriptions say. */
function stepRow(name: string, shape: Record<string, Field>): Row {
  const fields = Object.entries(shape)
  const args = fields.map(([key, schema]) => `${key}${schema.safeParse(undefined).success ? '?' : ''}`)
  const notes = fields
    .filter(([, schema]) => schema.description && schema.description !== 'a peer name')
    .map(([key, schema]) => `${key}: ${schema.description}`)
  return [`${name} {${args.join(', ')}}`, notes.join('; ')]
}

/** Each fault step with its fields, from the scenario schema. */
function faultRows(): Row[] {
  return FaultStepSchema.options.map((o) => {
    const { at: _at, fault, ...fields } = o.shape as Record<string, Field> & { fault: { value: string } }
    return stepRow(fault.value, fields)
  })
}

/** The deliver and sync steps, from the scenario schema. */
function scriptRows(): Row[] {
  const deliver = DeliverStepSchema.shape.deliver.shape as unknown as Record<string, Field>
  const sync = SyncStepSchema.shape.sync as unknown as Field
  return [stepRow('deliver', deliver), [`sync "peer"`, sync.description ?? '']]
}
