/**
 * A map that starts as another one and keeps its own changes beside it: copying is O(1) instead
 * of O(n), for a value derived again after every change (the membership fold's states). Reads look
 * in the own layer first; iteration gives what `new Map(base)` followed by the same `set`s would
 * give, in the same order. A chain deeper than `MAX_DEPTH` is flattened into one Map when the next
 * layer is made (amortized O(n / MAX_DEPTH) a layer), and a layered map read often is flattened
 * in place (a lookup then costs one Map lookup, not one per layer). Keys are set, never deleted.
 */
const MAX_DEPTH = 8

/** Lookups after which a layered map flattens itself. */
const READS_BEFORE_FLATTENING = 32

export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  private own: Map<K, V>
  private base: LayeredMap<K, V> | undefined
  /** Keys of `own` that `base` does not hold, in the order they were set. */
  private added: K[] = []
  private depth: number
  private reads = 0

  constructor(from?: LayeredMap<K, V> | ReadonlyMap<K, V>) {
    if (from instanceof LayeredMap && from.depth < MAX_DEPTH) {
      this.base = from
      this.own = new Map()
      this.depth = from.depth + 1
    } else if (from instanceof LayeredMap) {
      this.base = undefined
      this.own = new Map()
      from.each((k, v) => this.own.set(k, v))
      this.depth = 0
    } else {
      this.base = undefined
      this.own = new Map(from ?? [])
      this.depth = 0
    }
  }

  /** Calls `f` with every entry in iteration order, without generators (flattening, forEach). */
  private each(f: (key: K, value: V) => void): void {
    if (this.base === undefined) {
      for (const [k, v] of this.own) f(k, v)
      return
    }
    const own = this.own
    this.base.each((k, v) => f(k, own.has(k) ? own.get(k)! : v))
    for (const k of this.added) f(k, own.get(k)!)
  }

  get size(): number {
    return (this.base?.size ?? 0) + (this.base === undefined ? this.own.size : this.added.length)
  }

  get(key: K): V | undefined {
    const v = this.own.get(key)
    if (v !== undefined || this.base === undefined) return v
    if (++this.reads > READS_BEFORE_FLATTENING) {
      this.flatten()
      return this.own.get(key)
    }
    return this.base.get(key)
  }

  /** Copies every entry into the own layer and lets go of the base. */
  private flatten(): void {
    const all = new Map<K, V>()
    this.each((k, v) => all.set(k, v))
    this.own = all
    this.base = undefined
    this.added = []
    this.depth = 0
  }

  has(key: K): boolean {
    return this.own.has(key) || (this.base?.has(key) ?? false)
  }

  set(key: K, value: V): this {
    if (this.base !== undefined && !this.own.has(key) && !this.base.has(key)) this.added.push(key)
    this.own.set(key, value)
    return this
  }

  *entries(): MapIterator<[K, V]> {
    if (this.base === undefined) {
      yield* this.own.entries()
      return
    }
    for (const [k, v] of this.base.entries()) yield [k, this.own.has(k) ? this.own.get(k)! : v]
    for (const k of this.added) yield [k, this.own.get(k)!]
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries()
  }

  *keys(): MapIterator<K> {
    for (const [k] of this.entries()) yield k
  }

  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v
  }

  forEach(f: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    this.each((k, v) => f(v, k, this))
  }
}
