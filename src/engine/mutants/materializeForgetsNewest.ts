/**
 * materialize-forgets-newest: a materialization writes every moved item's row to SQL but the
 * newest one's, and still removes them all from the CRDT (an off-by-one in a batch write): that
 * item is readable nowhere afterwards.
 */
import type { ArchivedItem } from '../sql/kinds.ts'
import type { Mutant } from './mutant.ts'

/** `rows` without the newest row (by creation time, then id, as reads order items). */
function withoutNewest(rows: readonly ArchivedItem[]): readonly ArchivedItem[] {
  if (rows.length === 0) return rows
  let newest = rows[0]!
  for (const r of rows)
    if (r.createdAt > newest.createdAt || (r.createdAt === newest.createdAt && r.id > newest.id)) newest = r
  return rows.filter((r) => r !== newest)
}

export const materializeForgetsNewest: Mutant = {
  name: 'materialize-forgets-newest',
  description:
    'a materialization writes the rows of the items it moves except the newest one, and removes them all from the CRDT',
  kills: ['noLoss'],
  apply: (base) => ({ profile: base, hooks: { materializedRows: withoutNewest } }),
}
