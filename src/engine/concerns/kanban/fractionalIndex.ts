/**
 * Fractional indexing: order keys (strings) such that a key can always be made strictly between
 * any two others, so moving an item writes only that item's key, never its neighbours'.
 *
 * Keys are digits of base 62 in ASCII order ('0'-'9', 'A'-'Z', 'a'-'z'), compared as plain
 * strings, and never end in '0' (so there is always room below a key). The midpoint algorithm
 * follows rocicorp/fractional-indexing (CC0) without its integer part; instead, a key with an
 * open upper bound steps up by one digit, so appending n items at the end of a list grows keys
 * by about one character per 30 appends rather than one per 6.
 *
 * Two replicas that insert between the same neighbours concurrently compute the same midpoint.
 * `keyBetween` therefore appends a salt (digits derived from the moved item's id): the two keys
 * differ, and a later insert between the two items still finds room. Salting needs a midpoint
 * that is not a prefix of the upper bound (else `m + salt` could pass it), which `midpoint`
 * guarantees by never returning a digit of `b` alone.
 */

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const BASE = DIGITS.length
const MIDDLE = DIGITS[BASE >> 1]!
const VALID = /^[0-9A-Za-z]*[1-9A-Za-z]$/

const digit = (c: string): number => DIGITS.indexOf(c)

/** True for a well-formed order key (non-empty, base-62 digits, no trailing '0'). */
export const isOrderKey = (key: unknown): key is string => typeof key === 'string' && VALID.test(key)

/**
 * A key strictly between `a` and `b` that is not a prefix of `b`. `a` is a key or '' (no lower
 * bound); `b` is a key or null (no upper bound); requires a < b.
 */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let n = 0
    while ((a[n] ?? '0') === b[n]) n++
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n))
  }
  const da = a === '' ? 0 : digit(a[0]!)
  const db = b === null ? BASE : digit(b[0]!)
  if (db - da > 1) {
    if (b === null) return a === '' ? MIDDLE : DIGITS[da + 1]!
    return DIGITS[a === '' ? db - 1 : Math.round((da + db) / 2)]!
  }
  // Adjacent first digits: keep a's digit and go above the rest of a, without bound.
  return DIGITS[da]! + midpoint(a.slice(1), null)
}

/** Two digits (the last never '0') derived from `seed`, e.g. an item id. */
export function saltOf(seed: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0
  return DIGITS[h % BASE]! + DIGITS[1 + (Math.floor(h / BASE) % (BASE - 1))]!
}

/**
 * A key strictly between `lo` and `hi`, salted with `salt`.
 * @param lo the key before the new position, or '' at the start of the list
 * @param hi the key after the new position, or null at the end of the list
 * @param salt digits that make concurrent inserts at one position differ (see `saltOf`)
 * @throws RangeError when the bounds are not well-formed keys with lo < hi
 */
export function keyBetween(lo: string, hi: string | null, salt: string): string {
  if (
    (lo !== '' && !isOrderKey(lo)) ||
    (hi !== null && !isOrderKey(hi)) ||
    (hi !== null && lo >= hi) ||
    !isOrderKey(salt)
  ) {
    throw new RangeError(
      `no order key between ${JSON.stringify(lo)} and ${JSON.stringify(hi)} with salt ${JSON.stringify(salt)}`,
    )
  }
  return midpoint(lo, hi) + salt
}

/** Items with order keys, as the lists that keys sort. */
export interface Keyed {
  readonly id: string
  /** The item's order key; '' when missing or malformed (sorts first). */
  readonly key: string
}

/** List order: key, then id (ids break ties between equal keys the same way on every replica). */
export const byKey = (a: Keyed, b: Keyed): number =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/**
 * The key that puts `id` at `index` of `list` (a sorted list that does not contain `id`).
 * Equal neighbour keys leave no room between them; the item then goes just after the run of
 * equal keys, the nearest position that exists.
 */
export function keyAt(list: readonly Keyed[], index: number, id: string): string {
  const lo = index > 0 ? list[index - 1]!.key : ''
  let i = index
  while (i < list.length && list[i]!.key <= lo) i++
  return keyBetween(lo, i < list.length ? list[i]!.key : null, saltOf(id))
}
