/** Fractional order keys: always strictly between their bounds, well-formed, short for appends. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  byKey,
  isOrderKey,
  keyAt,
  keyBetween,
  saltOf,
  type Keyed,
} from '../../src/engine/concerns/kanban/fractionalIndex.ts'

const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const arbKey = fc
  .array(fc.constantFrom(...digits), { minLength: 1, maxLength: 6 })
  .map((cs) => cs.join(''))
  .filter(isOrderKey)

describe('fractional order keys', () => {
  it('keyBetween is strictly between its bounds, well-formed, and salts make concurrent inserts differ', () => {
    fc.assert(
      fc.property(
        fc.option(arbKey, { nil: '' }),
        fc.option(arbKey, { nil: null }),
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        (lo, hi, s1, s2) => {
          fc.pre(hi === null || lo < hi)
          const k1 = keyBetween(lo, hi, saltOf(s1))
          const k2 = keyBetween(lo, hi, saltOf(s2))
          for (const k of [k1, k2]) {
            expect(isOrderKey(k)).toBe(true)
            expect(k > lo).toBe(true)
            if (hi !== null) expect(k < hi).toBe(true)
          }
          if (saltOf(s1) !== saltOf(s2)) expect(k1).not.toBe(k2)
        },
      ),
      { numRuns: 2000, seed: 7 },
    )
  })

  it('keyAt puts an item at any index of a list built by random inserts', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 120 }), (picks) => {
        const list: Keyed[] = []
        picks.forEach((p, n) => {
          const index = p % (list.length + 1)
          const id = `c${n}`
          list.splice(index, 0, { id, key: keyAt(list, index, id) })
          expect([...list].sort(byKey).map((x) => x.id)).toEqual(list.map((x) => x.id))
        })
      }),
      { numRuns: 200, seed: 11 },
    )
  })

  it('equal neighbour keys: the item lands just after the run of equal keys', () => {
    const list: Keyed[] = [
      { id: 'a', key: 'V1' },
      { id: 'b', key: 'X1' },
      { id: 'c', key: 'X1' },
      { id: 'd', key: 'Z1' },
    ]
    const k = keyAt(list, 2, 'e')
    expect(k > 'X1' && k < 'Z1').toBe(true)
  })

  it('appends and prepends keep keys short', () => {
    const list: Keyed[] = []
    for (let n = 0; n < 500; n++) list.push({ id: `c${n}`, key: keyAt(list, list.length, `c${n}`) })
    expect(Math.max(...list.map((x) => x.key.length))).toBeLessThanOrEqual(20)
    const front: Keyed[] = []
    for (let n = 0; n < 500; n++) front.unshift({ id: `c${n}`, key: keyAt(front, 0, `c${n}`) })
    expect(Math.max(...front.map((x) => x.key.length))).toBeLessThanOrEqual(24)
  })

  it('rejects bounds that leave no room', () => {
    expect(() => keyBetween('b1', 'a1', '11')).toThrow(RangeError)
    expect(() => keyBetween('a1', 'a1', '11')).toThrow(RangeError)
    expect(() => keyBetween('a0', null, '11')).toThrow(RangeError)
  })
})
