/** The tombstone rows' samples: ackers spread over all, and figures extended along their line. */
import { describe, expect, it } from 'vitest'
import { alongTheLine, spread } from '../../bench/engine/sampling.ts'

describe('spread', () => {
  const all = Array.from({ length: 100 }, (_, i) => i)

  it('takes evenly spaced ackers, whose mean is the whole mean', () => {
    expect(spread(all, 4)).toEqual([12, 37, 62, 87])
    const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
    expect(Math.abs(mean(spread(all, 10)) - mean(all))).toBeLessThan(1)
  })

  it('takes every one when the sample is as large', () => {
    expect(spread(all, 100)).toEqual(all)
    expect(spread(all, Infinity)).toEqual(all)
    expect(new Set(spread(all, 99)).size).toBe(99)
  })
})

describe('alongTheLine', () => {
  it('extends a figure paid once plus per count exactly, measuring only the two counts', () => {
    const asked: number[] = []
    const figure = (count: number): number => (asked.push(count), 500 + 12 * count)
    expect(alongTheLine(figure, 50, 998)).toBe(500 + 12 * 998)
    expect(asked).toEqual([25, 50])
  })
})
