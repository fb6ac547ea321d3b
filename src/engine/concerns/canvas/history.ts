/**
 * Undo/redo of the canvas: one timeline per entity on each replica, holding the local user's
 * operations only (remote, system and load transactions are never undone). Each profile brings
 * its own strategy: the spec's Y.UndoManager, or the reference's semantic undo that issues new
 * writes with fresh Lamport stamps (see specHistory.ts and refHistory.ts).
 */
import type { EntityAccess } from '../../context/entityAccess.ts'
import type { EntityProfile } from '../../ports/entityProfile.ts'
import type { CanvasLayout } from './model.ts'
import type { OpResult } from '../../ports/effects.ts'
import type { HistoryEntry } from '../../ports/canvasSession.ts'

/** What the canvas reads through `e.profile`: its layout and its undo history. */
export interface CanvasProfile extends EntityProfile {
  readonly canvas: CanvasLayout
  readonly canvasHistory: CanvasHistory
}

/** Entity access as canvas writes and the canvas history use it. */
export type CanvasEntity = EntityAccess<CanvasProfile>

/** How a profile undoes and redoes the local user's canvas operations. */
export interface CanvasHistory {
  /** Before every local canvas op writes (the spec's UndoManager must be listening by then). */
  beforeOp(e: CanvasEntity): void
  /** After a local op (not an undo or redo) wrote: remember it; clears what could be redone. */
  record(e: CanvasEntity, entry: HistoryEntry): void
  /**
   * Undoes the newest local operation that still has an effect. Entries without one (their
   * element was pruned, or every write they made was since overwritten by someone else) are
   * dropped on the way, as Y.UndoManager drops stack items that change nothing; with none left,
   * nothing happens. A refusal (SIZE_LIMIT) changes nothing, stacks included.
   */
  undo(e: CanvasEntity): OpResult
  /** Redoes the newest undone operation, by the same rules. */
  redo(e: CanvasEntity): OpResult
}
