import { describe, expect, it } from 'vitest'
import { ABOUT_FACTOR, CLAIM_RULES, rowVerdict, verdictOf } from '../../src/report/claimRules.ts'

describe('claim rules', () => {
  it('"~X" meets up to twice X and never misses for being cheaper', () => {
    expect(verdictOf(51200, 'about', 1)).toBe('meets')
    expect(verdictOf(51200, 'about', 2 * 51200)).toBe('meets')
    expect(verdictOf(51200, 'about', 2 * 51200 + 1)).toBe('misses')
  })

  it('"<X" must be strictly under X', () => {
    expect(verdictOf(1, 'under', 0.999)).toBe('meets')
    expect(verdictOf(1, 'under', 1)).toBe('misses')
  })

  it('"0" is met only by 0; capacity needs at least half the items', () => {
    expect(verdictOf(0, 'atMost', 0)).toBe('meets')
    expect(verdictOf(0, 'atMost', 1)).toBe('misses')
    expect(verdictOf(100_000, 'capacity', 50_000)).toBe('meets')
    expect(verdictOf(100_000, 'capacity', 49_999)).toBe('misses')
  })

  it('"≥X" (a project target) meets at X and above', () => {
    expect(verdictOf(0.8, 'atLeast', 0.8)).toBe('meets')
    expect(verdictOf(0.8, 'atLeast', 0.79)).toBe('misses')
  })

  it('is n/a without a claim or a measurement', () => {
    expect(verdictOf(null, 'under', 1)).toBe('n/a')
    expect(verdictOf(1, 'under', null)).toBe('n/a')
    expect(verdictOf(1, 'under', Number.NaN)).toBe('n/a')
  })

  it('takes the row verdict from reference, else spec', () => {
    expect(rowVerdict({ reference: 'misses', spec: 'meets', rawYjs: 'meets' })).toBe('misses')
    expect(rowVerdict({ spec: 'meets', rawYjs: 'misses' })).toBe('meets')
    expect(rowVerdict({ rawYjs: 'meets' })).toBe('n/a')
  })

  it('words every rule with the factor it applies', () => {
    expect(CLAIM_RULES.about).toContain(`${ABOUT_FACTOR}·X`)
    expect(Object.keys(CLAIM_RULES).sort()).toEqual(['about', 'atLeast', 'atMost', 'capacity', 'under'])
  })
})
