/**
 * Final queries (DESIGN §4 `expect.final`), as a registry like the ops: arguments, the
 * concern read, and what the answer is (a list, an object, or a single value), which decides
 * whether `count` makes sense.
 */
import { z } from 'zod'
import type { JsonValue as JsonValueType } from '../canonicalJson.ts'
import { argSpec, argsField, DISKS, DiskPath, Member, Ref, type ArgSpec } from './ops.ts'
import { strict } from './problems.ts'

export interface QuerySpec extends ArgSpec {
  /** `list` and `object` answers can be counted; a `value` cannot. */
  readonly answer: 'list' | 'object' | 'value'
}

const query = (answer: QuerySpec['answer'], base: ArgSpec): QuerySpec => ({ ...base, answer })

export const QUERIES = {
  /** Sorted active member ids. */
  'member.list': query('list', argSpec('core', {})),
  'member.role': query('value', argSpec('core', { member: Member }, { members: ['member'] })),
  /** Contents of live messages, oldest first, across CRDT and SQL. */
  'chat.list': query('list', argSpec('chat', {})),
  /** `{columnTitle: [cardTitle, ...]}`. */
  'kanban.board': query('object', argSpec('kanban', {})),
  /** The issue's fields. */
  'issues.get': query('object', argSpec('issues', { issue: Ref }, { refs: { issue: 'issue' } })),
  /** Live element count. */
  'canvas.elements': query('value', argSpec('canvas', {})),
  'disk.read': query('value', argSpec('disk', { disk: z.enum(DISKS), path: DiskPath })),
} as const satisfies Record<string, QuerySpec>

export type QueryName = keyof typeof QUERIES
export const QUERY_NAMES = Object.keys(QUERIES) as QueryName[]

export const OPERATORS = ['equals', 'includes', 'excludes', 'count'] as const
export type Operator = (typeof OPERATORS)[number]

/** Any JSON value (named, so the JSON Schema has one `JsonValue` definition). */
export const JsonValue: z.ZodType<JsonValueType> = z
  .lazy(() =>
    z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValue), z.record(z.string(), JsonValue)]),
  )
  .meta({ id: 'JsonValue' })

function finalQuery<N extends QueryName>(name: N) {
  return strict({
    peer: z.string().describe('a peer name, or "*" for every replica of the entity\'s active members'),
    query: z.literal(name),
    entity: z.string(),
    args: argsField(QUERIES[name].args),
    equals: JsonValue.optional().describe('the answer equals this'),
    includes: JsonValue.optional().describe('the answer holds these list elements, or these object fields'),
    excludes: JsonValue.optional().describe('the answer holds none of these'),
    count: z.number().int().min(0).optional().describe('the answer has this many elements'),
  })
}

/** One final query; exactly one operator (checked after the schema, and stated in the JSON Schema). */
export const FinalQuerySchema = z.discriminatedUnion(
  'query',
  QUERY_NAMES.map(finalQuery) as unknown as [ReturnType<typeof finalQuery>, ...ReturnType<typeof finalQuery>[]],
)
