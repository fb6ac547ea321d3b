/** The clock-range algebra of the signed log's replay (authorship/deleteRanges.ts), against sets of clocks. */
import { describe, expect } from 'vitest'
import { test } from '@fast-check/vitest'
import fc from 'fast-check'
import { intersect, subtract } from '../../src/engine/authorship/deleteRanges.ts'

/** Sorted, disjoint ranges [from, to) with gaps, as a delete set holds them. */
const ranges = fc.array(fc.tuple(fc.nat(6), fc.integer({ min: 1, max: 6 })), { maxLength: 20 }).map((steps) => {
  let clock = 0
  return steps.map(([gap, len]): [number, number] => {
    const from = clock + gap + 1
    clock = from + len
    return [from, clock]
  })
})
const clocks = (r: readonly [number, number][] = []) => {
  const out = new Set<number>()
  for (const [f, t] of r) for (let x = f; x < t; x++) out.add(x)
  return out
}

describe('deletion ranges', () => {
  test.prop([ranges, ranges])('intersect and subtract hold the clocks both hold, and the first only', (a, b) => {
    const [A, B] = [clocks(a), clocks(b)]
    const both = clocks(intersect(new Map([[7, a]]), new Map([[7, b]])).get(7))
    const rest = clocks(subtract(new Map([[7, a]]), new Map([[7, b]])).get(7))
    expect([...both].sort()).toEqual([...A].filter((x) => B.has(x)).sort())
    expect([...rest].sort()).toEqual([...A].filter((x) => !B.has(x)).sort())
  })
})
