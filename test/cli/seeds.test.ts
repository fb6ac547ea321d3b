import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import {
  commonSeed,
  describeSeeds,
  parseSeedRange,
  parseSeedsDescription,
  parseShard,
  seedsOf,
  type SeedSet,
} from '../../src/cli/sweep/seeds.ts'

const range = (from: number, to: number) => ({ from, to })

describe('seed sets', () => {
  it('a shard takes every n-th seed of the range, starting with the i-th', () => {
    expect(seedsOf({ range: range(1, 10), shard: { index: 2, count: 4 } })).toEqual([2, 6, 10])
    expect(seedsOf({ range: range(5, 7), shard: null })).toEqual([5, 6, 7])
    expect(seedsOf({ range: range(1, 2), shard: { index: 3, count: 4 } })).toEqual([])
  })
  it('describes and reads back `A..B` and `A..B shard i/n`', () => {
    const set: SeedSet = { range: range(1, 1000), shard: { index: 2, count: 4 } }
    expect(describeSeeds(set)).toBe('1..1000 shard 2/4')
    expect(parseSeedsDescription('1..1000 shard 2/4')).toEqual(set)
    expect(parseSeedsDescription('1..1000')).toEqual({ range: range(1, 1000), shard: null })
    for (const bad of ['1-1000', '9..1', '1..9 shard 5/4', '']) expect(parseSeedsDescription(bad)).toBeNull()
  })
  it('rejects malformed --seeds and --shard values', () => {
    expect(parseSeedRange('3..3')).toEqual(range(3, 3))
    for (const bad of ['5..1', '1..', 'x..2', '-1..3']) expect(() => parseSeedRange(bad)).toThrow(/A\.\.B/)
    for (const bad of ['0/4', '5/4', '1', '1/0']) expect(() => parseShard(bad)).toThrow(/i\/n/)
  })

  const setArb = fc.record({
    range: fc.tuple(fc.nat(40), fc.nat(40)).map(([a, b]) => range(Math.min(a, b), Math.max(a, b))),
    shard: fc.option(
      fc
        .integer({ min: 1, max: 5 })
        .chain((count) => fc.integer({ min: 1, max: count }).map((index) => ({ index, count }))),
    ),
  })
  test.prop([setArb, setArb])('commonSeed finds a shared seed exactly when the sets intersect', (a, b) => {
    const inB = new Set(seedsOf(b))
    const shared = seedsOf(a).filter((s) => inB.has(s))
    const found = commonSeed(a, b)
    if (shared.length === 0) expect(found).toBeNull()
    else expect(shared).toContain(found)
  })
  test.prop([fc.integer({ min: 1, max: 6 }), fc.nat(30), fc.nat(30)])(
    'the n shards of a range cover it exactly once',
    (n, a, b) => {
      const r = range(Math.min(a, b), Math.max(a, b))
      const all = Array.from({ length: n }, (_, i) => seedsOf({ range: r, shard: { index: i + 1, count: n } }))
        .flat()
        .sort((x, y) => x - y)
      expect(all).toEqual(seedsOf({ range: r, shard: null }))
    },
  )
})
