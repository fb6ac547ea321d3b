/** What a replica reports of an op it ran: for the simulator, the oracle and tests. */
import type { MemberId } from '../base/ids.ts'
import { svToJSON } from '../base/yjsInternals.ts'
import type { OpOutcome, OpResult } from '../ports/effects.ts'
import type { OpEntity } from '../ops/types.ts'

/**
 * The outcome of `op`, run through `e` at time `at`. Its causal context (the state vectors the op
 * saw, taken from the op's own transactions) becomes JSON when first read: the oracle reads it,
 * a replica that nobody checks (the bench's) never pays for it.
 */
export function outcomeOf(op: string, e: OpEntity, member: MemberId, at: number, result: OpResult): OpOutcome {
  const states = e.context()
  let context: OpOutcome['context'] | undefined
  return {
    op,
    entityId: e.entityId,
    member,
    at,
    get context() {
      if (context === undefined) {
        context = {}
        for (const [docId, sv] of states) context[docId] = svToJSON(sv)
      }
      return context
    },
    effects: [...e.ranges],
    ...result,
  }
}
