/**
 * Which seeds a sweep runs: a range `A..B` (both included) and optionally a shard `i/n`, the
 * seeds A+i-1, A+i-1+n, … so n machines split one range without talking to each other. The
 * sweep JSON's `seeds` says it in words: `1..1000`, or `1..1000 shard 2/4`.
 */
import { InvalidArgumentError } from 'commander'

export interface SeedRange {
  readonly from: number
  readonly to: number
}

/** The i-th (1-based) of n shards. */
export interface Shard {
  readonly index: number
  readonly count: number
}

/** The seeds of a sweep. */
export interface SeedSet {
  readonly range: SeedRange
  readonly shard: Shard | null
}

const RANGE = /^(\d+)\.\.(\d+)$/
const SHARD = /^(\d+)\/(\d+)$/
const DESCRIPTION = /^(\d+)\.\.(\d+)(?: shard (\d+)\/(\d+))?$/

/** `--seeds A..B`. */
export function parseSeedRange(text: string): SeedRange {
  const m = RANGE.exec(text)
  const range = m ? { from: Number(m[1]), to: Number(m[2]) } : null
  if (!range || !Number.isSafeInteger(range.to) || range.from > range.to)
    throw new InvalidArgumentError('expected A..B, whole numbers with A <= B (e.g. 1..1000).')
  return range
}

/** `--shard i/n`. */
export function parseShard(text: string): Shard {
  const m = SHARD.exec(text)
  const shard = m ? { index: Number(m[1]), count: Number(m[2]) } : null
  if (!shard || shard.index < 1 || shard.index > shard.count)
    throw new InvalidArgumentError('expected i/n with 1 <= i <= n (e.g. 2/4).')
  return shard
}

/** The seeds of `set`, in increasing order. */
export function seedsOf(set: SeedSet): number[] {
  const step = set.shard?.count ?? 1
  const out: number[] = []
  for (let s = set.range.from + (set.shard ? set.shard.index - 1 : 0); s <= set.range.to; s += step) out.push(s)
  return out
}

/** `1..1000` or `1..1000 shard 2/4`. */
export const describeSeeds = (set: SeedSet): string =>
  `${set.range.from}..${set.range.to}${set.shard ? ` shard ${set.shard.index}/${set.shard.count}` : ''}`

/** The inverse of `describeSeeds`, or null for any other text. */
export function parseSeedsDescription(text: string): SeedSet | null {
  const m = DESCRIPTION.exec(text)
  if (!m) return null
  const range = { from: Number(m[1]), to: Number(m[2]) }
  const shard = m[3] === undefined ? null : { index: Number(m[3]), count: Number(m[4]) }
  if (range.from > range.to || (shard && (shard.index < 1 || shard.index > shard.count))) return null
  return { range, shard }
}

/** A seed both sets hold, or null. */
export function commonSeed(a: SeedSet, b: SeedSet): number | null {
  const from = Math.max(a.range.from, b.range.from)
  const to = Math.min(a.range.to, b.range.to)
  const holds = (set: SeedSet, s: number) =>
    !set.shard || (s - set.range.from) % set.shard.count === set.shard.index - 1
  // Walk the sparser set's seeds inside the overlap.
  const [walk, other] = (a.shard?.count ?? 1) >= (b.shard?.count ?? 1) ? [a, b] : [b, a]
  const step = walk.shard?.count ?? 1
  const first = walk.shard ? from + ((((walk.range.from + walk.shard.index - 1 - from) % step) + step) % step) : from
  for (let s = first; s <= to; s += step) if (holds(other, s)) return s
  return null
}
