/**
 * Undo/redo of the canvas: one timeline per entity on each replica, holding the local user's
 * operations only (remote, system and load transactions are never undone). Each profile brings
 * its own strategy: the spec's Y.UndoManager, or the reference's semantic undo that issues new
 * writes with fresh Lamport stamps (see specHistory.ts and refHistory.ts).
 */
import type { EntityAccess } from '../../context/entityAccess.ts'
import type { OpResult } from '../../ports/effects.ts'
import type { HistoryEntry } from '../../ports/canvasSession.ts'

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
