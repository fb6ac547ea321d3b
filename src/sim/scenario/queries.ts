/**
 * Final queries (DESIGN §4 `expect.final`), as a registry like the ops: arguments, the
 * concern read, and what the answer is (a list, an object, or a single value), which decides
 * whether `count` makes sense.
 */
import { z } from 'zod'
import {
  QUERIES as ENGINE_QUERIES,
  QUERY_NAMES as ENGINE_QUERY_NAMES,
  type QueryName as EngineQueryName,
} from '../../engine/ops/registry.ts'
import type { QueryDef } from '../../engine/ops/types.ts'
import type { JsonValue as JsonValueType } from '../canonicalJson.ts'
import { argsField } from './ops.ts'
import { strict } from './problems.ts'

/** A query as `expect.final` takes it: the engine's entry (its arguments, concern and answer). */
export type QuerySpec = QueryDef

/** The queries `expect.final` takes: the engine's, less those whose answers cannot be expected. */
export const QUERY_NAMES = ENGINE_QUERY_NAMES.filter((n) => ENGINE_QUERIES.get(n)!.final)
export type QueryName = EngineQueryName
export const QUERIES: Readonly<Record<QueryName, QuerySpec>> = Object.fromEntries(
  QUERY_NAMES.map((n) => [n, ENGINE_QUERIES.get(n)!]),
) as Record<QueryName, QuerySpec>

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
