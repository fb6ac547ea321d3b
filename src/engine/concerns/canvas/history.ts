/**
 * Undo/redo of the canvas: one timeline per entity on each replica, holding the local user's
 * operations only (remote, system and load transactions are never undone). Each profile brings
 * its own strategy: the spec's Y.UndoManager, or the reference's semantic undo that issues new
 * writes with fresh Lamport stamps (see specHistory.ts and refHistory.ts).
 */
import type { Fields } from '../../ports/records.ts'
import type { OpResult } from '../../ops/types.ts'
import type { EntityAccess } from '../../context/entityAccess.ts'

/**
 * One local operation, as the reference remembers it in order to invert it:
 * - `life`: the op left the element live (an add, or a revive) or deleted (a delete);
 * - `fields`: the op wrote `to` over `from` (null: a data key that was absent), with `stamps`.
 */
export type HistoryEntry =
  | { readonly kind: 'life'; readonly element: string; readonly live: boolean }
  | {
      readonly kind: 'fields'
      readonly element: string
      readonly from: Fields
      readonly to: Fields
      /**
       * Stamp of each field write the op made: the write still shows if the field shows this
       * stamp, by this member. Re-stamped when an undo or redo re-creates the state the op left.
       */
      readonly stamps: Record<string, number>
      /** Stamps of this member's writes the fields showed before the op (the state `from` is). */
      readonly prior: Readonly<Record<string, number>>
    }

/** A replica's undo and redo stacks for one entity (newest last). */
export interface Timeline {
  readonly undo: HistoryEntry[]
  readonly redo: HistoryEntry[]
}

/** How a profile undoes and redoes the local user's canvas operations. */
export interface CanvasHistory {
  /** Before every local canvas op writes (the spec's UndoManager must be listening by then). */
  beforeOp(e: EntityAccess): void
  /** After a local op (not an undo or redo) wrote: remember it; clears what could be redone. */
  record(e: EntityAccess, entry: HistoryEntry): void
  /**
   * Undoes the newest local operation that still has an effect. Entries without one (their
   * element was pruned, or every write they made was since overwritten by someone else) are
   * dropped on the way, as Y.UndoManager drops stack items that change nothing; with none left,
   * nothing happens. A refusal (SIZE_LIMIT) changes nothing, stacks included.
   */
  undo(e: EntityAccess): OpResult
  /** Redoes the newest undone operation, by the same rules. */
  redo(e: EntityAccess): OpResult
}
