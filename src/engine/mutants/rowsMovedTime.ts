/**
 * rows-moved-time: a materialization writes each row's created_at column from the replica's clock
 * at the move, not the item's creation time: SQL reads (ordered by that column) return moved items
 * in move order, ties by id, and pages cut the wrong places.
 */
import type { ArchivedItem } from '../sql/kinds.ts'
import type { Mutant } from './mutant.ts'

/** Rows dated by when they moved. */
const datedByMove = (rows: readonly ArchivedItem[]): readonly ArchivedItem[] =>
  rows.map((r) => ({ ...r, createdAt: r.movedAt }))

export const rowsMovedTime: Mutant = {
  name: 'rows-moved-time',
  description: 'archived rows carry the time they moved as their created_at: SQL reads return them out of order',
  kills: ['noLoss'],
  apply: (base) => ({ profile: base, hooks: { materializedRows: datedByMove } }),
}
