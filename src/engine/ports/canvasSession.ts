/**
 * The canvas session port: the ephemeral canvas state a replica keeps per entity (the undo
 * timeline, the local cursor's throttle, the remote cursors heard of), as ops and the canvas
 * history reach it through entity access. concerns/canvas/session.ts implements it.
 */
import type { EntityId, MemberId } from '../base/ids.ts'
import type { Fields } from './records.ts'

/** A remote cursor: ephemeral, never in the Y.Doc. `t` is the sender's clock (ms). */
export interface CanvasCursor {
  readonly member: MemberId
  readonly x: number
  readonly y: number
  readonly t: number
}

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

/** One entity's ephemeral canvas state on one replica. */
export interface CanvasSessionPort {
  /** The local user's undo and redo stacks (the profile's canvas history reads and writes them). */
  readonly timeline: Timeline
  /** The local cursor moved. Returns whether a CursorUpdate was sent now (else it is pending). */
  moveCursor(x: number, y: number, now: number): boolean
  /** Remote cursors by member, sorted by member id. */
  cursors(): Record<MemberId, CanvasCursor>
}

/** The canvas sessions of one replica, and the size limit of its canvas documents. */
export interface CanvasSessionsPort {
  /** Size limit of every canvas document (bytes). */
  readonly limitBytes: number
  /** The entity's session, created on first use. */
  of(entityId: EntityId): CanvasSessionPort
}
