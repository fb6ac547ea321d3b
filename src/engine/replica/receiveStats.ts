/** What a replica's receive path counts: messages, updates applied, rejections by reason, caps hit. */

/**
 * Why a message was refused: the stage that refused it. `internal` is a throw that is no
 * LabError (an engine bug); the message was still refused whole.
 */
export type RejectReason =
  | 'doc-id'
  | 'message'
  | 'state-vector'
  | 'signature'
  | 'size'
  | 'structure'
  | 'integrate'
  | 'cursor'
  | 'archive'
  | 'internal'

export interface ReceiveStats {
  /** Messages handed to receive(). */
  messages: number
  /** Updates (update, step2) integrated and stored. */
  applied: number
  /** Refused messages, by the stage that refused them. */
  readonly rejected: Partial<Record<RejectReason, number>>
  /** Times a document's pending structs went over the cap and were dropped (the sender asked to resync). */
  pendingDropped: number
  /** Failures after an update was stored (in the after-change handling): engine bugs, never rejections. */
  internal: number
  /** Updates that carried structs of a document's own clientID it never wrote: it took a fresh clientID. */
  ownClientRotations: number
}

export const emptyReceiveStats = (): ReceiveStats => ({
  messages: 0,
  applied: 0,
  rejected: {},
  pendingDropped: 0,
  internal: 0,
  ownClientRotations: 0,
})
