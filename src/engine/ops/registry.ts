/**
 * The op and query registry: one entry per op, grouped per concern. Adding an op is one entry
 * in its concern's file; the replica, the scenario format (schema, JSON Schema, `as` and `$name`),
 * `crdt-lab list` and the generators of the properties all read this registry.
 */
import type { z } from 'zod'
import { LabError } from '../base/errors.ts'
import { chatOps, chatQueries } from './chatOps.ts'
import { canvasOps, canvasQueries } from './canvasOps.ts'
import { memberOps, memberQueries } from './memberOps.ts'
import { diskOps, diskQueries } from './diskOps.ts'
import { kanbanOps, kanbanQueries } from './kanbanOps.ts'
import { issuesOps, issuesQueries } from './issuesOps.ts'
import type { OpDef, QueryDef } from './types.ts'

const OP_LIST = [...memberOps, ...chatOps, ...kanbanOps, ...issuesOps, ...canvasOps, ...diskOps]
const QUERY_LIST = [
  ...memberQueries,
  ...chatQueries,
  ...kanbanQueries,
  ...issuesQueries,
  ...canvasQueries,
  ...diskQueries,
]

type AnyOp = (typeof OP_LIST)[number]
type AnyQuery = (typeof QUERY_LIST)[number]
/** Every op's name, in registry order. */
export type OpName = AnyOp['name']
export type QueryName = AnyQuery['name']
/** The arguments of op `N` as its schema gives them. */
export type OpArgs<N extends OpName> = z.output<Extract<AnyOp, { name: N }>['args']>

const byName = <N extends string, T extends { name: string }>(defs: readonly T[]): ReadonlyMap<N, T> =>
  new Map(defs.map((d) => [d.name as N, d]))

export const OPS = byName<OpName, OpDef>(OP_LIST)
export const QUERIES = byName<QueryName, QueryDef>(QUERY_LIST)
export const OP_NAMES: readonly OpName[] = OP_LIST.map((d) => d.name)
export const QUERY_NAMES: readonly QueryName[] = QUERY_LIST.map((d) => d.name)

export function opDef(name: string): OpDef {
  const def = OPS.get(name as OpName)
  if (!def)
    throw new LabError(
      'UNKNOWN_OP',
      `unknown op ${JSON.stringify(name)}; expected one of ${[...OPS.keys()].join(', ')}`,
      { path: 'op' },
    )
  return def
}

export function queryDef(name: string): QueryDef {
  const def = QUERIES.get(name as QueryName)
  if (!def)
    throw new LabError(
      'UNKNOWN_QUERY',
      `unknown query ${JSON.stringify(name)}; expected one of ${[...QUERIES.keys()].join(', ')}`,
      { path: 'query' },
    )
  return def
}
