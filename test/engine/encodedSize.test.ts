/**
 * encodedStateSize walks the struct store instead of encoding: it must give exactly the length
 * Yjs's V1 encoder gives, on every document generated here (maps, arrays, text, nested types,
 * overwrites, deletions, GC, concurrent writers, every JSON value lib0 encodes differently).
 */
import fc from 'fast-check'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import { anySize, encodedStateSize } from '../../src/engine/base/encodedSize.ts'

const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ unit: 'grapheme' }),
    fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
    fc.double({ noNaN: true }),
    fc.constantFrom(0, -0, 63, 64, -64, 8191, 8192, 2 ** 31 - 1, 2 ** 31, Math.PI, 0.5),
    fc.boolean(),
    fc.constant(null),
    fc.uint8Array({ maxLength: 200 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 4, noNullPrototype: true }),
  ),
})).value

type Step =
  | { k: 'set'; doc: number; key: string; value: unknown }
  | { k: 'del'; doc: number; key: string }
  | { k: 'nest'; doc: number; key: string }
  | { k: 'push'; doc: number; values: unknown[] }
  | { k: 'cut'; doc: number; at: number; len: number }
  | { k: 'text'; doc: number; at: number; s: string }
  | { k: 'untext'; doc: number; at: number; len: number }
  | { k: 'sync' }

const key = fc.constantFrom('a', 'b', 'c', 'long-key-'.repeat(20), 'é')
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ k: fc.constant('set' as const), doc: fc.nat(2), key, value: json }),
  fc.record({ k: fc.constant('del' as const), doc: fc.nat(2), key }),
  fc.record({ k: fc.constant('nest' as const), doc: fc.nat(2), key }),
  fc.record({
    k: fc.constant('push' as const),
    doc: fc.nat(2),
    values: fc.array(json, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ k: fc.constant('cut' as const), doc: fc.nat(2), at: fc.nat(5), len: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ k: fc.constant('text' as const), doc: fc.nat(2), at: fc.nat(20), s: fc.string({ unit: 'grapheme' }) }),
  fc.record({ k: fc.constant('untext' as const), doc: fc.nat(2), at: fc.nat(20), len: fc.integer({ min: 1, max: 4 }) }),
  fc.constant({ k: 'sync' as const }),
)

function run(steps: readonly Step[], gc: boolean): Y.Doc[] {
  const docs = [1, 300, 2 ** 31 + 7].map((client) => {
    const d = new Y.Doc({ gc })
    d.clientID = client
    return d
  })
  for (const s of steps) {
    if (s.k === 'sync') {
      for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
      continue
    }
    const d = docs[s.doc]!
    const m = d.getMap<unknown>('map')
    const arr = d.getArray<unknown>('list')
    const text = d.getText('text')
    if (s.k === 'set') m.set(s.key, s.value)
    else if (s.k === 'del') m.delete(s.key)
    else if (s.k === 'nest') {
      const inner = new Y.Map<unknown>()
      m.set(s.key, inner)
      inner.set('x', 1)
      inner.set('x', 'overwritten')
    } else if (s.k === 'push') arr.push(s.values)
    else if (s.k === 'cut') {
      if (s.at < arr.length) arr.delete(s.at, Math.min(s.len, arr.length - s.at))
    } else if (s.k === 'text') text.insert(Math.min(s.at, text.length), s.s)
    else if (text.length > 0) {
      const at = Math.min(s.at, text.length - 1)
      text.delete(at, Math.min(s.len, text.length - at))
    }
  }
  return docs
}

describe('encodedStateSize', () => {
  it('is the V1 encoding length of generated documents, with and without GC', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.boolean(), (steps, gc) => {
        for (const d of run(steps, gc)) expect(encodedStateSize(d)).toBe(Y.encodeStateAsUpdate(d).byteLength)
      }),
      { numRuns: 150 },
    )
  })

  it('anySize is the length lib0 writes for every kind of value', () => {
    fc.assert(
      fc.property(json, (v) => {
        const e = encoding.createEncoder()
        encoding.writeAny(e, v as never)
        expect(anySize(v)).toBe(encoding.length(e))
      }),
      { numRuns: 300 },
    )
  })

  it('counts varints at their boundaries: clients, clocks and lengths past 127, 16383, 2^21, 2^31', () => {
    for (const client of [1, 127, 128, 16384, 2 ** 21, 2 ** 32 - 1]) {
      const d = new Y.Doc()
      d.clientID = client
      const list = d.getArray<unknown>('l')
      for (let i = 0; i < 300; i++) list.push([i, 'x'.repeat(i % 150)])
      list.delete(3, 250)
      d.getMap<unknown>('m').set('k', 'a'.repeat(20_000))
      expect(encodedStateSize(d)).toBe(Y.encodeStateAsUpdate(d).byteLength)
    }
  })
})
