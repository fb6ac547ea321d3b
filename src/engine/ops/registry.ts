/**
 * The op and query registry: one entry per op, grouped per concern. Adding an op is one entry
 * in its concern's file; the replica, the simulator, the scenario validator and `crdt-lab list`
 * all read this registry.
 */
import { LabError } from '../base/errors.ts'
import { chatOps, chatQueries } from './chatOps.ts'
import { canvasOps, canvasQueries } from './canvasOps.ts'
import { memberOps, memberQueries } from './memberOps.ts'
import { diskOps, diskQueries } from './diskOps.ts'
import { kanbanOps, kanbanQueries } from './kanbanOps.ts'
import { issuesOps, issuesQueries } from './issuesOps.ts'
import type { OpDef, QueryDef } from './types.ts'

const byName = <T extends { name: string }>(defs: T[]): ReadonlyMap<string, T> => new Map(defs.map((d) => [d.name, d]))

export const OPS: ReadonlyMap<string, OpDef> = byName([
  ...memberOps,
  ...chatOps,
  ...kanbanOps,
  ...issuesOps,
  ...canvasOps,
  ...diskOps,
])
export const QUERIES: ReadonlyMap<string, QueryDef> = byName([
  ...memberQueries,
  ...chatQueries,
  ...kanbanQueries,
  ...issuesQueries,
  ...canvasQueries,
  ...diskQueries,
])

export function opDef(name: string): OpDef {
  const def = OPS.get(name)
  if (!def)
    throw new LabError(
      'UNKNOWN_OP',
      `unknown op ${JSON.stringify(name)}; expected one of ${[...OPS.keys()].join(', ')}`,
      { path: 'op' },
    )
  return def
}

export function queryDef(name: string): QueryDef {
  const def = QUERIES.get(name)
  if (!def)
    throw new LabError(
      'UNKNOWN_QUERY',
      `unknown query ${JSON.stringify(name)}; expected one of ${[...QUERIES.keys()].join(', ')}`,
      { path: 'query' },
    )
  return def
}
