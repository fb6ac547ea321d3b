/**
 * One property per claim, on a small CI budget (the CLI's `check` and `conformance` run the big
 * ones): under the reference profile every claim holds; under the spec profile the claims its
 * code breaks fail, which shows each of those properties able to fail.
 */
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { test } from '@fast-check/vitest'
import { planArb, PLANS } from '../../src/properties/arbitraries/plans.ts'
import { checkClaim, judgePlan } from '../../src/properties/claimCheck.ts'
import { CHECKS } from '../../src/properties/checks/catalogue.ts'
import { evidenceNeeded } from '../../src/properties/evidence.ts'
import type { CheckName } from '../../src/sim/scenario/schema.ts'

const CLAIMS: CheckName[] = [
  'convergence',
  'differentFields',
  'lww',
  'deletionWins',
  'cardOneColumn',
  'pruneSafety',
  'pruneLiveness',
  'offlineFirst',
  'idempotence',
  'persistence',
  'sizeThreshold',
  'noLoss',
  'access',
]
const RUNS = 12

describe('reference profile: every claim holds', () => {
  const applied = new Map<CheckName, number>()
  afterAll(() => {
    // A property that never applied proved nothing: each must have judged at least one run.
    for (const claim of CLAIMS)
      expect(applied.get(claim) ?? 0, `${claim} applied to no generated run`).toBeGreaterThan(0)
  })
  for (const claim of CLAIMS) {
    test.prop([planArb(PLANS[claim])], { numRuns: RUNS, seed: 4242 })(claim, (plan) => {
      const c = judgePlan(claim, plan, { profile: 'reference' }).result.checks[claim]!
      if (c.evaluated) applied.set(claim, (applied.get(claim) ?? 0) + 1)
      expect(c.evaluated ? c.holds : true, c.evaluated ? c.detail : '').toBe(true)
    })
  }
})

describe('spec profile: the claims its code breaks fail', () => {
  const broken: [CheckName, number][] = [
    ['pruneSafety', 60],
    ['lww', 60],
    ['cardOneColumn', 60],
    ['access', 60],
    ['deletionWins', 60],
    ['idempotence', 60],
    ['sizeThreshold', 60],
    ['noLoss', 60],
  ]
  for (const [claim, runs] of broken) {
    it(`${claim} fails, with a counterexample`, () => {
      const r = checkClaim(claim, { profile: 'spec', runs, seed: 7, noShrink: true })
      expect(r.verdict).toBe('fails')
      expect(r.counterexample?.story.join('\n')).toContain(`${claim} fails`)
    })
  }
})

describe('shrink budget', () => {
  it('stops shrinking after the budget, deterministically, with a counterexample that still fails', () => {
    const a = checkClaim('cardOneColumn', { profile: 'spec', runs: 60, seed: 7, shrinkBudget: 5 })
    const b = checkClaim('cardOneColumn', { profile: 'spec', runs: 60, seed: 7, shrinkBudget: 5 })
    expect(a.verdict).toBe('fails')
    expect(a.shrinkCut).toBe(true)
    expect(b.counterexample?.path).toBe(a.counterexample?.path)
    // Replaying the reported path reproduces the failure.
    const replay = checkClaim('cardOneColumn', {
      profile: 'spec',
      runs: 60,
      seed: a.counterexample!.seed,
      path: a.counterexample!.path,
      noShrink: true,
    })
    expect(replay.verdict).toBe('fails')
  })
})

describe('the committed expectation (conformance.expected.json)', () => {
  const expected = JSON.parse(readFileSync(new URL('../../conformance.expected.json', import.meta.url), 'utf8')) as {
    version: number
    budget: { runs: number; seed: number; seeds: number }
    claims: Record<string, Record<string, { verdict: string; applied?: number }>>
  }
  it('names every claim; the reference holds each, the spec holds or fails it (none left unevaluated)', () => {
    expect(Object.keys(expected.claims).sort()).toEqual([...CHECKS.keys()].sort())
    for (const [claim, v] of Object.entries(expected.claims)) {
      expect(v.reference!.verdict, claim).toBe('holds')
      expect(['holds', 'fails'], claim).toContain(v.spec!.verdict)
    }
  })

  it('records, at its budget, the applied runs of every claim that holds: each enough evidence', () => {
    expect(expected.version).toBe(2)
    expect(expected.budget).toEqual({ runs: 50, seed: 1, seeds: 3 })
    for (const [claim, v] of Object.entries(expected.claims))
      for (const [profile, o] of Object.entries(v))
        if (o.verdict === 'holds')
          expect(o.applied, `${claim} (${profile})`).toBeGreaterThanOrEqual(evidenceNeeded(expected.budget.runs))
  })
})
