/** LayeredMap must behave as copying the map and setting the same keys: values, size, order. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LayeredMap } from '../../src/engine/base/layeredMap.ts'

describe('LayeredMap', () => {
  it('is a copy with its own sets, whatever the chain of layers (flattened past 8, and after 32 reads)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.tuple(fc.nat(12), fc.nat()), { maxLength: 5 }), { maxLength: 20 }), (layers) => {
        let lm = new LayeredMap<number, number>()
        let plain = new Map<number, number>()
        const history: [LayeredMap<number, number>, Map<number, number>][] = []
        for (const sets of layers) {
          lm = new LayeredMap(lm)
          plain = new Map(plain)
          for (const [k, v] of sets) {
            lm.set(k, v)
            plain.set(k, v)
          }
          history.push([lm, plain])
        }
        // every layer still shows what it showed when it was made (later layers do not leak into it)
        for (const [l, p] of history) {
          expect([...l]).toEqual([...p])
          expect(l.size).toBe(p.size)
          for (let k = 0; k < 40; k++) expect([l.get(k % 13), l.has(k % 13)]).toEqual([p.get(k % 13), p.has(k % 13)])
          expect([...l]).toEqual([...p])
        }
      }),
      { numRuns: 200 },
    )
  })
})
