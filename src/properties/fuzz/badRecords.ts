/**
 * Records no engine writes, written by a member with plain Yjs: the values a layout's reads must
 * survive (wrong types, stamps that are not safe integers, missing fields, bytes, deep nesting,
 * shared types where a value goes, keys deleted from under it), at every place of a document.
 */
import * as Y from 'yjs'
import type { Rng } from '../../engine/base/providers.ts'

const deep = (n: number): unknown => {
  let v: unknown = 1
  for (let i = 0; i < n; i++) v = [v]
  return v
}

/** Values in the shapes the layouts use, each wrong in one way, and plain wrong values. */
const WEIRD: readonly (() => unknown)[] = [
  () => Infinity,
  () => -Infinity,
  () => NaN,
  () => -1,
  () => 1.5,
  () => 2 ** 53 + 2,
  () => 1e300,
  () => '',
  () => 'x',
  () => null,
  () => undefined,
  () => true,
  () => [],
  () => ({}),
  () => [Infinity, 'v', 0],
  () => [1e300, 'v', 0],
  () => [-1, 'v', 0],
  () => [1, 'v'],
  () => [NaN],
  () => ['1', 'v', 0],
  () => [1, 'v', Infinity],
  () => [1, new Uint8Array([1, 2]), 0],
  () => [1, { a: undefined }, 0],
  () => ({ s: 1, t: 0 }),
  () => ({ s: Infinity, t: 0, f: {} }),
  () => ({ s: 1, t: 0, f: null }),
  () => ({ s: 1, t: 0, f: [] }),
  () => ({ s: 1, t: NaN, f: { title: 'x' } }),
  () => ({ s: 1, t: 0, f: { title: new Uint8Array([1]) } }),
  () => ({ s: 1, t: 0, f: { title: deep(80) } }),
  () => new Uint8Array(8),
  () => deep(300),
  () => [1, {}, 0, 5],
  () => [1, -3, 0, 'mallory'],
  () => [1, { x: 'y' }],
  () => [1, { x: -1 }, 0, 'mallory'],
  () => ({ k: 'add', by: 'mallory', s: 1, t: 0, sv: {} }),
  () => ({ k: 'remove', by: 'mallory', s: 2 ** 60, t: 0, sv: { core: { a: 1 } } }),
  () => ({ k: 'role', r: 5, by: 'carol', s: 1, t: 0, sv: { core: 'x' } }),
  () => ({ ops: [[1]] }),
  () => ({ ops: 'x' }),
  () => ({ ops: [['k', 1, 2, { k: 'add' }]] }),
  () => ['mallory'],
  () => [7, {}],
  () => ['carol', 'x'],
  () => [1, 'not a list'],
  () => [1, [5]],
  () => 'a'.repeat(20_000),
  () => new Y.Map(),
  () => new Y.Array(),
  () => new Y.Text('t'),
  () => {
    const m = new Y.Map()
    m.set('_', { s: 1, t: 0 })
    return m
  },
]

/** Keys a layout gives meaning to, with `ck` the writer's client key. */
const keysFor = (ck: string): readonly string[] => [
  '_',
  `x~${ck}`,
  `content~${ck}`,
  `title~${ck}`,
  `deleted~${ck}`,
  `~d~${ck}`,
  `~a~mallory`,
  `~a~carol`,
  `~r~${ck}`,
  `mallory~${ck}~1`,
  `carol~mallory`,
  ck,
  'id',
  'deleted',
  'order',
  'card_order',
  'comments',
  'replies',
  'reactions',
  'ack_vector',
  'website_root',
  '__proto__',
  'constructor',
]

type Target = Y.Map<unknown> | Y.Array<unknown> | Y.Text

/** Every shared type of `doc` reachable from its roots (at most `max`). */
function targets(doc: Y.Doc, max = 400): Target[] {
  const out: Target[] = []
  const visit = (t: unknown, depth: number): void => {
    if (out.length >= max || depth > 6) return
    if (t instanceof Y.Map) {
      out.push(t)
      for (const v of t.values()) visit(v, depth + 1)
    } else if (t instanceof Y.Array) {
      out.push(t)
      for (const v of t.toArray()) visit(v, depth + 1)
    } else if (t instanceof Y.Text) out.push(t)
  }
  for (const t of doc.share.values()) visit(t, 0)
  return out
}

/** What one bad write did, in a few words (the fuzz report names inputs by it). */
export type BadWrite = string

/**
 * Writes one record no engine writes into `doc` as client `ck`, somewhere in it; with `valid`,
 * also rewrites an existing record with its own value (a well-formed write in the same update).
 */
export function writeBadRecord(doc: Y.Doc, rng: Rng, ck: string, valid: boolean): BadWrite {
  const all = targets(doc)
  const maps = all.filter((t): t is Y.Map<unknown> => t instanceof Y.Map)
  const t = rng.chance(0.85) && maps.length > 0 ? rng.pick(maps) : rng.pick(all)
  const value = rng.pick(WEIRD)()
  let what: string
  if (t instanceof Y.Map) {
    const existing = [...t.keys()]
    if (existing.length > 0 && rng.chance(0.15)) {
      const key = rng.pick(existing)
      t.delete(key)
      what = `deleted key ${JSON.stringify(key)}`
    } else {
      const key = existing.length > 0 && rng.chance(0.5) ? rng.pick(existing) : rng.pick(keysFor(ck))
      t.set(key, value)
      what = `set ${JSON.stringify(key)}`
    }
  } else if (t instanceof Y.Array) {
    // Yjs cannot encode `undefined` in an array.
    t.insert(rng.int(0, t.length), [value === undefined ? null : value])
    what = 'array insert'
  } else {
    t.insert(0, 'x')
    what = 'text insert'
  }
  if (valid) rewriteOne(maps, rng)
  return what
}

/** Sets an existing plain value of some map to itself: a well-formed write. */
function rewriteOne(maps: readonly Y.Map<unknown>[], rng: Rng): void {
  for (let tries = 0; tries < 8 && maps.length > 0; tries++) {
    const m = rng.pick(maps)
    const keys = [...m.keys()].filter((k) => !(m.get(k) instanceof Y.AbstractType))
    if (keys.length === 0) continue
    const k = rng.pick(keys)
    m.set(k, m.get(k))
    return
  }
}
