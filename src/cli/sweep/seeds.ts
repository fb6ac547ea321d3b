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

/** Seeds one sweep (or one input of a merge) may hold: a day of runs at 100 runs/s is 8.6 million. */
export const MAX_SWEEP_SEEDS = 10_000_000

const RANGE = /^(\d+)\.\.(\d+)$/
const SHARD = /^(\d+)\/(\d+)$/
const DESCRIPTION = /^(\d+)\.\.(\d+)(?: shard (\d+)\/(\d+))?$/

/** `--seeds A..B`. */
export function parseSeedRange(text: string): SeedRange {
  const m = RANGE.exec(text)
  const range = m ? { from: Number(m[1]), to: Number(m[2]) } : null
  if (!range || !Number.isSafeInteger(range.to) || range.from > range.to)
    throw new InvalidArgumentError('expected A..B, whole numbers with A <= B (e.g. 1..1000).')
  if (rangeSize(range) > MAX_SWEEP_SEEDS)
    throw new InvalidArgumentError(
      `${rangeSize(range)} seeds; a sweep runs at most ${MAX_SWEEP_SEEDS.toLocaleString('en-US')} ` +
        '(split the range into several sweeps, or shards, and merge them).',
    )
  return range
}

/** Seeds in `range`. */
export const rangeSize = (range: SeedRange): number => range.to - range.from + 1

/** Seeds in `set`. */
export const setSize = (set: SeedSet): number => {
  const n = rangeSize(set.range)
  return set.shard ? Math.max(0, Math.ceil((n - (set.shard.index - 1)) / set.shard.count)) : n
}

/** `--shard i/n`. */
export function parseShard(text: string): Shard {
  const m = SHARD.exec(text)
  const shard = m ? { index: Number(m[1]), count: Number(m[2]) } : null
  if (!shard || shard.index < 1 || shard.index > shard.count || !Number.isSafeInteger(shard.count))
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

/** A seed both sets hold, or null: the least common solution of two progressions (no walk, any range). */
export function commonSeed(a: SeedSet, b: SeedSet): number | null {
  const from = Math.max(a.range.from, b.range.from)
  const to = Math.min(a.range.to, b.range.to)
  if (from > to) return null
  // Seeds of a set: s = first + k * step. BigInt: the steps' product may pass 2^53.
  const [fa, na] = progression(a)
  const [fb, nb] = progression(b)
  const { g, x } = extendedGcd(na, nb)
  if ((fb - fa) % g !== 0n) return null
  const lcm = (na / g) * nb
  // s = fa + na * t with na * t = fb - fa (mod nb): t = x * (fb - fa) / g (mod nb / g).
  const m = nb / g
  const t = (((x * ((fb - fa) / g)) % m) + m) % m
  let s = fa + na * t
  const lo = BigInt(from)
  if (s < lo) s += ((lo - s + lcm - 1n) / lcm) * lcm
  else s -= ((s - lo) / lcm) * lcm
  return s <= BigInt(to) ? Number(s) : null
}

function progression(set: SeedSet): [bigint, bigint] {
  const step = BigInt(set.shard?.count ?? 1)
  return [BigInt(set.range.from + (set.shard ? set.shard.index - 1 : 0)), step]
}

/** g = gcd(a, b) and x with a * x = g (mod b). */
function extendedGcd(a: bigint, b: bigint): { g: bigint; x: bigint } {
  let [r0, r1] = [a, b]
  let [x0, x1] = [1n, 0n]
  while (r1 !== 0n) {
    const q = r0 / r1
    ;[r0, r1] = [r1, r0 - q * r1]
    ;[x0, x1] = [x1, x0 - q * x1]
  }
  return { g: r0, x: x0 }
}
