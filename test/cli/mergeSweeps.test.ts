import { describe, expect, it } from 'vitest'
import { mergeSweeps, type NamedSweep } from '../../src/cli/sweep/mergeSweeps.ts'
import type { SweepJson } from '../../src/cli/sweep/sweepJson.ts'
import { isLabError } from '../../src/engine/base/errors.ts'

const failure = (seed: number, checks = ['pruneSafety']) => ({
  seed,
  checks,
  replay: `crdt-lab run x.json --seed ${seed} --profile spec`,
})
const sweep = (file: string, seeds: string, failing: number[], more: Partial<SweepJson> = {}): NamedSweep => ({
  file,
  sweep: {
    runs: 5,
    failures: failing.map((s) => failure(s)),
    byCheck: { pruneSafety: failing.length },
    scenario: 'x',
    profile: 'spec',
    seeds,
    wallMs: 100 * failing.length,
    ...more,
  },
})
const refusal = (inputs: NamedSweep[]): string => {
  try {
    mergeSweeps(inputs)
  } catch (e) {
    if (isLabError(e)) return e.message
  }
  throw new Error('merge did not refuse')
}

describe('mergeSweeps', () => {
  it('joins every shard of a range into the whole range, failures in seed order', () => {
    const { sweep: m, warnings } = mergeSweeps([
      sweep('b.json', '1..10 shard 2/2', [4, 8]),
      sweep('a.json', '1..10 shard 1/2', [3]),
    ])
    expect(m).toEqual({
      runs: 10,
      failures: [failure(3), failure(4), failure(8)],
      byCheck: { pruneSafety: 3 },
      scenario: 'x',
      profile: 'spec',
      seeds: '1..10',
      wallMs: 200,
    })
    expect(warnings).toEqual([])
  })
  it('says which shards are missing', () => {
    const { sweep: m, warnings } = mergeSweeps([sweep('a.json', '1..12 shard 1/3', [])])
    expect(m.seeds).toBe('1..12 shard 1/3')
    expect(warnings).toEqual(['shards 2/3, 3/3 of 1..12 missing: the merged result covers only part of the sweep'])
  })
  it('joins adjacent ranges', () => {
    expect(mergeSweeps([sweep('b.json', '11..20', []), sweep('a.json', '1..10', [])]).sweep.seeds).toBe('1..20')
    expect(mergeSweeps([sweep('a.json', '1..10', []), sweep('c.json', '31..40', [])]).sweep.seeds).toBe('1..10, 31..40')
  })
  it('refuses different scenarios, profiles or swarm settings', () => {
    expect(refusal([sweep('a.json', '1..5', []), sweep('b.json', '6..9', [], { scenario: 'y' })])).toBe(
      'cannot merge sweeps of different scenarios: a.json has $.scenario "x", b.json has "y"',
    )
    expect(refusal([sweep('a.json', '1..5', []), sweep('b.json', '6..9', [], { profile: 'reference' })])).toContain(
      'different profiles',
    )
    expect(refusal([sweep('a.json', '1..5', []), sweep('b.json', '6..9', [], { swarm: true })])).toBe(
      'cannot merge sweeps of different swarm settings: a.json has $.swarm false, b.json has true',
    )
  })
  it('refuses overlapping seeds, also without a seeds description', () => {
    expect(refusal([sweep('a.json', '1..10 shard 1/2', []), sweep('b.json', '1..10 shard 1/2', [])])).toContain(
      'both ran seed 1',
    )
    expect(refusal([sweep('a.json', '1..10', []), sweep('b.json', '8..12 shard 1/2', [])])).toContain('both ran seed 8')
    const bare = (file: string, failing: number[]): NamedSweep => ({
      file,
      sweep: { runs: 3, failures: failing.map((s) => failure(s)), byCheck: {} },
    })
    expect(refusal([bare('a.json', [2]), bare('b.json', [2])])).toContain('both ran seed 2')
    expect(mergeSweeps([bare('a.json', [2]), bare('b.json', [3])]).sweep).toEqual({
      runs: 6,
      failures: [failure(2), failure(3)],
      byCheck: { pruneSafety: 2 },
    })
  })
})
