/**
 * Injected providers: time, randomness, ids, Yjs clientIDs and the disk keys' seed. The engine
 * and the simulator take all of them from here, seeded from one seed, so the same seed always
 * gives the same run. Nothing in the engine or the simulator calls Math.random, Date.now or
 * crypto.randomUUID, and the engine seeds no random stream of its own.
 */
import seedrandom from 'seedrandom'
import type { DocId, MemberId } from './ids.ts'

/** A seeded random generator with labelled forks: `fork('network')` is independent of `fork('ops')`. */
export class Rng {
  private readonly prng: seedrandom.PRNG
  readonly seed: string

  constructor(seed: string | number) {
    this.seed = String(seed)
    this.prng = seedrandom(this.seed)
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.prng()
  }

  /** Uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.prng() * (hi - lo + 1))
  }

  /** A 32-bit unsigned integer. */
  uint32(): number {
    return this.prng.int32() >>> 0
  }

  chance(p: number): boolean {
    return p > 0 && this.prng() < p
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list')
    return items[Math.floor(this.prng() * items.length)] as T
  }

  /** Picks a key with probability proportional to its weight; keys in insertion order. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][]
    const total = entries.reduce((s, [, w]) => s + Math.max(0, w), 0)
    if (total <= 0) throw new RangeError('weighted pick needs a positive weight')
    let r = this.prng() * total
    for (const [k, w] of entries) {
      r -= Math.max(0, w)
      if (r < 0) return k
    }
    return entries[entries.length - 1]![0]
  }

  /** An independent generator for one purpose, derived from this seed and a label. */
  fork(label: string): Rng {
    return new Rng(`${this.seed}/${label}`)
  }

  /** `n` characters of [a-z0-9]. */
  base36(n: number): string {
    let s = ''
    for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(this.prng() * 36)]
    return s
  }
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'

/** Wall-clock time as the replica sees it, in milliseconds since the Unix epoch. */
export interface Clock {
  now(): number
}

/** Fresh identifiers for created items (messages, cards, issues, elements, attachments). */
export interface IdSource {
  /** A new id with the given prefix; ids never repeat within a world. */
  next(prefix: string): string
}

/**
 * Fresh Yjs clientIDs. A clientID must never be reused: a replica that restarts after losing an
 * update it already broadcast would otherwise write new structs under ids others already hold.
 */
export interface ClientIdSource {
  next(docId: DocId): number
}

/** Random 32-bit draws (the IVs that seal disk files). */
export interface RandomSource {
  uint32(): number
}

export interface Providers {
  readonly clock: Clock
  readonly ids: IdSource
  readonly clientIds: ClientIdSource
  /** The replica's own random stream: unique per replica incarnation, reproducible per seed. */
  readonly random: RandomSource
  /** Seed of the derived disk keys (disks/keyRing.ts `deriveKey`): the same in every replica of a world. */
  readonly keySeed: string
}

/**
 * Providers from their parts, with the random stream drawn from the id stream: seeded by the
 * first id `ids` gives (`iv…`). Replicas have seeded their IVs that way since the first pinned
 * trace; drawing it anywhere else would shift every later id and every sealed byte. `ids` is
 * itself a fork of the world's root generator, so the stream is too.
 */
export function providersOf(parts: Omit<Providers, 'random'>): Providers {
  return { ...parts, random: new Rng(parts.ids.next('iv')) }
}

/** A clock that returns whatever the owner sets; the simulator drives it from virtual time. */
export class ManualClock implements Clock {
  constructor(
    private ms: number = Date.UTC(2026, 0, 1),
    private skewMs = 0,
  ) {}
  now(): number {
    return this.ms + this.skewMs
  }
  set(ms: number): void {
    this.ms = ms
  }
  advance(ms: number): void {
    this.ms += ms
  }
  skew(ms: number): void {
    this.skewMs = ms
  }
}

export class SeededIds implements IdSource {
  private readonly seen = new Set<string>()
  constructor(private readonly rng: Rng) {}
  next(prefix: string): string {
    for (;;) {
      const id = `${prefix}${this.rng.base36(12)}`
      if (!this.seen.has(id)) {
        this.seen.add(id)
        return id
      }
    }
  }
}

/**
 * Unique clientIDs drawn from a seeded stream. Share one instance between replicas of a world
 * to make clientIDs unique across the world, not only per replica.
 */
export class SeededClientIds implements ClientIdSource {
  private readonly used = new Set<number>()
  constructor(private readonly rng: Rng) {}
  next(_docId: DocId): number {
    for (;;) {
      // Yjs encodes clientIDs as var-uints; 31 bits keep them positive in every encoder path.
      const id = this.rng.uint32() & 0x7fffffff
      if (id !== 0 && !this.used.has(id)) {
        this.used.add(id)
        return id
      }
    }
  }
}

/** Providers for one replica of a world seeded with `seed`, from the seed and the replica's member id. */
export function seededProviders(seed: string | number, member: MemberId, clock: Clock = new ManualClock()): Providers {
  const root = new Rng(seed)
  const rng = root.fork(`replica:${member}`)
  return providersOf({
    clock,
    ids: new SeededIds(rng.fork('ids')),
    clientIds: new SeededClientIds(rng.fork('clients')),
    keySeed: `world-${root.seed}`,
  })
}
