/**
 * Ops whose writes a lying peer forged: made while it claimed another member's name
 * (`impersonate`), or sent in two versions under the same Yjs ids (`equivocate`: a forge record
 * overlaps the structs the op wrote). Neither may take effect on an honest replica, so the checks
 * treat them as fenced writes: required nowhere, and a leak wherever they show.
 */
import type { RanOp } from './causal.ts'
import type { History } from './history.ts'

export function forgedOps(ops: readonly RanOp[], history: History): Set<RanOp> {
  const out = new Set<RanOp>()
  for (const o of ops) {
    if (!o.lie) continue
    const equivocated = history.forgeries.some(
      ({ peer, forgery }) =>
        peer === o.peer &&
        o.outcome.effects.some(
          (e) =>
            e.docId === forgery.docId &&
            forgery.ranges.some((r) => r.client === e.client && r.from < e.to && e.from < r.to),
        ),
    )
    if (o.lie.as || equivocated) out.add(o)
  }
  return out
}
