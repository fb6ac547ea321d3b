/**
 * What a writer records of its core document's state vector, the causal context of a write that
 * membership decisions read later (reference profile): restricted to the clients they compare.
 *
 * Those decisions only ever ask whether a struct of one of these was in the writer's past:
 * - a membership op (an add reviving a removed member must have seen each removal; a re-add lifts
 *   fencing for clients registered after it; a write is final only when no re-add its writer saw
 *   is missing here): ops are structs of the clients that wrote ops;
 * - a removed member's own writes in the core (fencing, and an op of an issuer removed before it):
 *   structs of that member's clients.
 * A writer that saw such a struct saw its op or registration first (a client registers in the
 * transaction of its first write there, before the write), so its client is among those it keeps,
 * with the same clock as in the whole state vector: every comparison gives what it gave with the
 * whole one. A client it does not keep reads as clock 0, as a client it never saw. The whole core
 * state vector grew by an entry for every member that ever wrote in the core (each ack registers
 * a client): every membership op and every registration carried it, O(members) bytes each.
 */
import type { ManagedDoc } from '../docs/documentManager.ts'
import { parseClientKey, svToJSON } from '../base/yjsInternals.ts'
import { stateVectorOf } from '../sync/stateVectors.ts'

/** `sv` (clientKey -> clock) restricted to the clients in `keep`. */
export function restrictSv(sv: Readonly<Record<string, number>>, keep: ReadonlySet<number>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [k, clock] of Object.entries(sv)) if (keep.has(parseClientKey(k))) out[k] = clock
  return out
}

/** The core's state vector restricted to `keep` (see above). */
export const causalCoreSv = (core: ManagedDoc, keep: ReadonlySet<number>): Record<string, number> =>
  restrictSv(svToJSON(stateVectorOf(core.doc)), keep)
