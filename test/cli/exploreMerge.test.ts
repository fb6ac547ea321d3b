/** Merging explore shards: sums, the shortest failure per check, complete only with every shard; bad input named. */
import { describe, expect, it } from 'vitest'
import { mergeExplore, validExplore } from '../../src/cli/explore/exploreMerge.ts'

const shard = (index: number, over: object = {}) => ({
  scenario: 's',
  profile: 'spec',
  seed: 1,
  complete: true,
  cut: null,
  states: 10 * index,
  uniqueStates: 5 * index,
  maxDepth: index,
  wallMs: 100 * index,
  ends: index,
  uniqueEnds: index,
  reduction: { sleepSets: true, states: 10 * index, statesWithout: 20 * index },
  bounds: { maxStates: 1000, maxDepth: 100, maxFaults: 1 },
  shard: { index, count: 3 },
  exercised: { lww: index },
  failures: [{ check: 'lww', depth: 10 - index, detail: `shard ${index}`, schedule: [] }],
  ...over,
})

describe('merge of explore shards', () => {
  it('sums the counts, keeps the deepest depth and the shortest failure; complete with every shard', () => {
    const { merged, warnings } = mergeExplore([1, 2, 3].flatMap((i) => validExplore(`s${i}.json`, shard(i))))
    expect(warnings).toEqual([])
    expect(merged).toHaveLength(1)
    expect(merged[0]).toMatchObject({
      complete: true,
      states: 60,
      uniqueStates: 30,
      maxDepth: 3,
      wallMs: 300,
      exercised: { lww: 6 },
      reduction: { states: 60, statesWithout: 120 },
      failures: [{ check: 'lww', depth: 7, detail: 'shard 3' }],
    })
  })

  it('a missing shard is a warning and not complete; a shard given twice or another split is bad input', () => {
    const two = mergeExplore([1, 2].flatMap((i) => validExplore(`s${i}.json`, shard(i))))
    expect(two.warnings).toEqual(['s (spec): shard 3/3 missing: not complete'])
    expect(two.merged[0]!.complete).toBe(false)
    expect(() => mergeExplore([validExplore('a', shard(1))[0]!, validExplore('b', shard(1))[0]!])).toThrow(
      'cannot merge: s (spec): shard 1/3 is given twice',
    )
    const other = validExplore('c', shard(2, { shard: { index: 2, count: 4 } }))
    expect(() => mergeExplore([...validExplore('a', shard(1)), ...other])).toThrow('split the search differently')
  })

  it('a file that is not explore output names the file and the path', () => {
    expect(() => validExplore('bad.json', { ...shard(1), states: -1 })).toThrow(/^bad\.json: \$\.states: /)
  })
})
