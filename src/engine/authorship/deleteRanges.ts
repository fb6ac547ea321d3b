/**
 * Yjs delete sets as plain clock ranges per client, and the set algebra a replay of the signed
 * log needs on them: which deletions of the replayed document were an item's removal
 * (logReplay.ts, fallback/archiveReread.ts).
 */
import * as Y from 'yjs'

/** Yjs's delete set (its class is not exported by name). */
type YDeleteSet = ReturnType<typeof Y.createDeleteSet>

/** Per client, sorted disjoint clock ranges [from, to). */
export type DeleteRanges = Map<number, [number, number][]>

/** The delete set of a v1 update as ranges. */
export const deletionsOf = (update: Uint8Array): DeleteRanges => rangesOfDeleteSet(Y.decodeUpdate(update).ds)

/** Ranges held by both (each side sorted and disjoint: one merge walk per client). */
export function intersect(a: DeleteRanges, b: DeleteRanges): DeleteRanges {
  const out: DeleteRanges = new Map()
  for (const [client, ra] of a) {
    const rb = b.get(client) ?? []
    const both: [number, number][] = []
    for (let i = 0, k = 0; i < ra.length && k < rb.length; ) {
      const from = Math.max(ra[i]![0], rb[k]![0])
      const to = Math.min(ra[i]![1], rb[k]![1])
      if (from < to) both.push([from, to])
      if (ra[i]![1] < rb[k]![1]) i++
      else k++
    }
    if (both.length > 0) out.set(client, both)
  }
  return out
}

/** Ranges of `a` that `b` does not hold (each side sorted and disjoint: one merge walk per client). */
export function subtract(a: DeleteRanges, b: DeleteRanges): DeleteRanges {
  const out: DeleteRanges = new Map()
  for (const [client, ra] of a) {
    const rb = b.get(client) ?? []
    const rest: [number, number][] = []
    let k = 0
    for (const [f, t] of ra) {
      let from = f
      while (k < rb.length && rb[k]![1] <= from) k++
      for (let j = k; j < rb.length && rb[j]![0] < t; j++) {
        if (rb[j]![0] > from) rest.push([from, rb[j]![0]])
        from = Math.max(from, rb[j]![1])
      }
      if (from < t) rest.push([from, t])
    }
    if (rest.length > 0) out.set(client, rest)
  }
  return out
}

/** The ranges of a Yjs delete set. */
export function rangesOfDeleteSet(ds: YDeleteSet): DeleteRanges {
  const out: DeleteRanges = new Map()
  for (const [client, items] of ds.clients)
    out.set(client, normalized(items.map((it) => [it.clock, it.clock + it.len] as [number, number])))
  return out
}

/** A Yjs delete set holding `ranges` (sorted and merged, as Yjs keeps them). */
export function deleteSetOf(ranges: DeleteRanges): YDeleteSet {
  const ds = Y.createDeleteSet()
  for (const [client, r] of ranges)
    if (r.length > 0) ds.clients.set(client, r.map(([from, to]) => ({ clock: from, len: to - from })) as never)
  return ds
}

/** Adds `b`'s ranges to `into`. */
export function addInto(into: DeleteRanges, b: DeleteRanges): void {
  for (const [client, rb] of b) into.set(client, normalized([...(into.get(client) ?? []), ...rb]))
}

function normalized(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0])
  const out: [number, number][] = []
  for (const [from, to] of sorted) {
    const last = out.at(-1)
    if (last && from <= last[1]) last[1] = Math.max(last[1], to)
    else out.push([from, to])
  }
  return out
}
