/**
 * Verdicts with their evidence: a claim holds only on K applied runs (a fifth of the budget),
 * budgets split over several seeds whatever the worker count, and conformance departs on a verdict
 * short of evidence, on applied counts that fell, and on a lab scenario that fails.
 */
import { describe, expect, it } from 'vitest'
import { budgetParts, evidenceNeeded, mergeVerdict, verdictOf } from '../../src/properties/evidence.ts'
import { conformanceOf, departureLines, expectationOf, expectationFrom } from '../../src/properties/conformance.ts'
import type { ClaimCheckResult } from '../../src/properties/claimCheck.ts'

const result = (profile: 'spec' | 'reference', evaluated: number, verdict: ClaimCheckResult['verdict'], runs = 50) =>
  ({ claim: 'lww', profile, verdict, runs, evaluated, needed: evidenceNeeded(runs), ms: 1 }) as ClaimCheckResult

describe('evidence', () => {
  it('needs a fifth of the budget, at least one run', () => {
    expect([1, 4, 5, 12, 50, 1000].map(evidenceNeeded)).toEqual([1, 1, 1, 3, 10, 200])
  })

  it('holds on enough applied runs; short of them, says so; a failure needs one run', () => {
    expect(verdictOf(false, 10, 10)).toBe('holds')
    expect(verdictOf(false, 9, 10)).toBe('not-enough-evidence')
    expect(verdictOf(false, 0, 10)).toBe('not-evaluated')
    expect(verdictOf(true, 1, 10)).toBe('fails')
  })

  it('splits a budget over seeds, evenly, and merges the parts against the whole budget', () => {
    expect(budgetParts(50, 1, 3)).toEqual([
      { seed: 1, runs: 17 },
      { seed: 2, runs: 17 },
      { seed: 3, runs: 16 },
    ])
    expect(budgetParts(2, 7, 3)).toEqual([
      { seed: 7, runs: 1 },
      { seed: 8, runs: 1 },
    ])
    const parts = [
      result('reference', 3, 'holds', 17),
      result('reference', 3, 'holds', 17),
      result('reference', 3, 'holds', 16),
    ]
    // Each part held on its own share, but 9 applied runs of 50 are short of the 10 the budget needs.
    expect(mergeVerdict(parts)).toEqual({ verdict: 'not-enough-evidence', runs: 50, evaluated: 9, needed: 10 })
  })
})

describe('conformance against the expectation', () => {
  const expected = expectationFrom({
    version: 2,
    budget: { runs: 50, seed: 1, seeds: 3 },
    claims: { lww: { spec: { verdict: 'fails' }, reference: { verdict: 'holds', applied: 30 } } },
  })
  const budget = { runs: 50, seed: 1, seeds: 3, expected }

  it('a claim under-exercised departs: short of evidence, or applied runs below four fifths of the record', () => {
    const thin = conformanceOf([result('spec', 1, 'fails'), result('reference', 4, 'not-enough-evidence')], budget)
    expect(thin.departures).toEqual(['lww'])
    expect(departureLines(thin)).toEqual([
      'lww (reference): expected holds, got not enough evidence (4 applied runs of the 10 needed)',
    ])
    const fallen = conformanceOf([result('spec', 1, 'fails'), result('reference', 23, 'holds')], budget)
    expect(departureLines(fallen)[0]).toMatch(
      /^lww \(reference\): holds, but on 23 applied runs where 30 were recorded/,
    )
    const fine = conformanceOf([result('spec', 1, 'fails'), result('reference', 24, 'holds')], budget)
    expect(fine.departures).toEqual([])
  })

  it('compares counts only at the recorded budget (another is another sample); records what holds', () => {
    // 11 applied runs pass the threshold; the record's 30 of 50 are other runs, not compared.
    for (const other of [{ runs: 25 }, { seed: 2 }, { seeds: 2 }]) {
      const runs = other.runs ?? 50
      const r = conformanceOf([result('spec', 1, 'fails', runs), result('reference', 11, 'holds', runs)], {
        ...budget,
        ...other,
      })
      expect(r.claims[0]!.profiles.reference.recorded).toBeUndefined()
      expect(r.departures).toEqual([])
    }
    // Short of evidence departs at any budget.
    const thin = conformanceOf([result('spec', 1, 'fails', 25), result('reference', 4, 'not-enough-evidence', 25)], {
      ...budget,
      runs: 25,
    })
    expect(thin.departures).toEqual(['lww'])
    const written = expectationOf(
      conformanceOf([result('spec', 1, 'fails'), result('reference', 31, 'holds')], budget),
      expected,
    )
    expect(written).toEqual({
      version: 2,
      budget: { runs: 50, seed: 1, seeds: 3 },
      claims: { lww: { spec: { verdict: 'fails' }, reference: { verdict: 'holds', applied: 31 } } },
    })
  })

  it('reads a version 1 expectation (verdicts only), and a failing lab scenario departs', () => {
    const v1 = expectationFrom({ version: 1, claims: { lww: { spec: 'fails', reference: 'holds' } } })
    expect(v1.claims.lww).toEqual({ spec: { verdict: 'fails' }, reference: { verdict: 'holds' } })
    const r = conformanceOf([result('spec', 1, 'fails'), result('reference', 40, 'holds')], {
      ...budget,
      expected: v1,
      scenarios: [{ name: 'prune-race', verdict: 'fail', failed: ['pruneSafety'] }],
    })
    expect(r.departures).toEqual(['scenario:prune-race'])
    expect(departureLines(r)).toEqual(['scenario prune-race: expected pass, got fail (pruneSafety)'])
  })

  it('records the op kinds and faults the runs reached, and departs when fewer runs reach one', () => {
    const cov = (send: number, crash: number) =>
      ({
        runs: 50,
        ops: { 'chat.send': send, 'chat.edit': 0 },
        faults: { crash },
        gaps: { ops: [], faults: [] },
      }) as never
    const holds = { ...result('reference', 30, 'holds'), coverage: cov(40, 10) }
    const written = expectationOf(conformanceOf([result('spec', 1, 'fails'), holds], budget), expected)
    expect(written.claims.lww!.reference).toEqual({
      verdict: 'holds',
      applied: 30,
      coverage: { ops: { 'chat.send': 40 }, faults: { crash: 10 } },
    })
    const fewer = conformanceOf([result('spec', 1, 'fails'), { ...holds, coverage: cov(40, 7) }], {
      ...budget,
      expected: written,
    })
    expect(departureLines(fewer)).toEqual([
      'lww (reference): holds, but fewer runs exercised crash (7 of 10) than four fifths of what was ' +
        'recorded at this budget',
    ])
  })
})
