/**
 * Binary search over a sorted list: the first index of [0, length) where `reached(i)` holds, for a
 * predicate that is false and then true along the list (`length` when it never holds).
 */
export function firstIndex(length: number, reached: (i: number) => boolean): number {
  let lo = 0
  let hi = length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (reached(mid)) hi = mid
    else lo = mid + 1
  }
  return lo
}
