/**
 * What honest replicas refused of lying peers, counted from their engine events: updates refused
 * as forged (unsigned, badly signed, impersonating: authorship/signedLog.ts), as equivocating, and
 * requests for state refused to non-members. A run's `forged`, `equivocations` and `refusedReads`.
 */
import type { EngineEvent } from '../../engine/base/events.ts'

const FORGED = new Set(['UNSIGNED', 'BAD_SIGNATURE', 'IMPERSONATION'])

export class Refusals {
  forged = 0
  equivocations = 0
  refusedReads = 0

  /** Counts `e` when it is one of the refusals. */
  note(e: EngineEvent): void {
    if (e.type === 'reject' && FORGED.has(e.code)) this.forged++
    if (e.type === 'reject' && e.code === 'EQUIVOCATION') this.equivocations++
    if (e.type === 'refuseRead') this.refusedReads++
  }
}
