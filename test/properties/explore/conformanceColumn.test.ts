/**
 * The explored column of the claims table: a claim fails with the shortest failing schedule of the
 * scenarios staging it; it holds in scope only when every search was complete and some end
 * exercised it; claims no scenario stages get no column.
 */
import { describe, expect, it } from 'vitest'
import { exploredClaim } from '../../../src/properties/explore/conformanceColumn.ts'
import type { ExploreResult } from '../../../src/properties/explore/explore.ts'

const result = (over: Partial<ExploreResult>): ExploreResult => ({
  scenario: 's',
  profile: 'reference',
  seed: 1,
  complete: true,
  cut: null,
  states: 10,
  uniqueStates: 8,
  maxDepth: 4,
  wallMs: 1,
  ends: 2,
  uniqueEnds: 2,
  reduction: { sleepSets: true, states: 10, statesWithout: 12 },
  bounds: { maxStates: 100, maxDepth: 100, maxFaults: 1 },
  exercised: { lww: 2 },
  failures: [],
  ...over,
})
const failure = (depth: number) => ({ check: 'lww', depth, detail: `at ${depth}`, schedule: [], scenario: {} })

describe('explored column', () => {
  it('holds only complete and exercised; otherwise says what it lacks', () => {
    expect(exploredClaim('lww', 'reference', [{ claims: ['lww'], result: result({}) }])).toMatchObject({
      verdict: 'holds',
      states: 10,
    })
    const cut = [{ claims: ['lww'], result: result({ complete: false, cut: 'maxStates' }) }]
    expect(exploredClaim('lww', 'reference', cut)?.verdict).toBe('incomplete')
    const unexercised = [{ claims: ['lww'], result: result({ exercised: {} }) }]
    expect(exploredClaim('lww', 'reference', unexercised)?.verdict).toBe('not exercised')
    expect(exploredClaim('access', 'reference', [{ claims: ['lww'], result: result({}) }])).toBeUndefined()
    expect(exploredClaim('lww', 'spec', [{ claims: ['lww'], result: result({}) }])).toBeUndefined()
  })

  it('fails with the shortest failing schedule among the scenarios, even from an incomplete search', () => {
    const runs = [
      { claims: ['lww'], result: result({ scenario: 'a', failures: [failure(9)] }) },
      { claims: ['lww'], result: result({ scenario: 'b', complete: false, failures: [failure(5)] }) },
    ]
    expect(exploredClaim('lww', 'reference', runs)).toMatchObject({
      verdict: 'fails',
      states: 20,
      failure: { scenario: 'b', depth: 5, detail: 'at 5' },
    })
  })
})
