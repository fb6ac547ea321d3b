/**
 * Causal order of ops, from what each op's issuer had integrated when it ran (its context: the
 * state vectors of the entity's documents, measured by the oracle) and which structs the op wrote
 * (its effects, measured too). Exact, not heuristic: op A is in op B's past iff B's issuer held
 * every struct A wrote.
 */
import type { ObservedOp } from './observedOps.ts'

/** An op that ran, as the oracle observed it. */
export type RanOp = ObservedOp

const key = (client: number): string => client.toString(36)

/** True when a replica with state vectors `svs` (per doc, clientKey -> clock) holds all of `a`'s structs. */
export function holdsOp(svs: Readonly<Record<string, Readonly<Record<string, number>>>>, a: RanOp): boolean {
  if (a.outcome.effects.length === 0) return false
  return a.outcome.effects.every((r) => (svs[r.docId]?.[key(r.client)] ?? 0) >= r.to)
}

/** `a` happened before `b`: b's issuer had integrated a's writes when it issued b. */
export const happenedBefore = (a: RanOp, b: RanOp): boolean => a !== b && holdsOp(b.outcome.context, a)

/** Neither op saw the other. */
export const concurrent = (a: RanOp, b: RanOp): boolean => !happenedBefore(a, b) && !happenedBefore(b, a)

/** True when a replica with state vector `sv` of a document (Map client -> clock) holds the struct `id`. */
export const svHolds = (sv: ReadonlyMap<number, number>, id: { client: number; clock: number }): boolean =>
  (sv.get(id.client) ?? 0) > id.clock

/** The ops' first struct range in `docId`, as a sort key for ties. */
export function firstClient(o: RanOp, docId: string): number {
  return o.outcome.effects.find((r) => r.docId === docId)?.client ?? 0
}
