/**
 * Mutation testing of the lab: every mutant is killed by the property of a claim it names, within
 * a CI budget (fixed fast-check seed, no shrinking). The budget leaves room: at this seed the
 * slowest kill takes 25 runs (fence-forgets-revive by access), most take 1 to 15. That the
 * reference holds the same properties is test/properties/claims.test.ts.
 *
 * Three of the kills needed stronger checks: idempotence compares a document before and after
 * a repeated delivery (duplicate-touch rewrites without Yjs integrating anything), pruneSafety
 * asks the pruner's membership who must hold a deletion rather than the quorum its pruning used
 * (prune-ignores-member), and access requires effective creations to be held (fence-forgets-revive).
 */
import { describe, expect, it } from 'vitest'
import { MUTANTS } from '../../src/engine/mutants/registry.ts'
import { runScenario } from '../../src/sim/run.ts'
import { parseScenario } from '../../src/sim/scenario/load.ts'
import { CHECKS } from '../../src/properties/checks/catalogue.ts'
import type { CheckName } from '../../src/sim/scenario/schema.ts'
import { runMutant, runMutationTests } from '../../src/properties/mutation.ts'
import { labErrorOf } from '../engine/labErrorOf.ts'

const SEED = 1
const RUNS = 40

describe('every mutant is killed within the CI budget', () => {
  for (const [name, mutant] of MUTANTS) {
    it(`${name}: killed by ${mutant.kills.join(' or ')}`, { timeout: 60_000 }, () => {
      const outcome = runMutant(name, { runs: RUNS, seed: SEED })
      expect(outcome.killed, `${name} survived: ${JSON.stringify(outcome.tried)}`).toBe(true)
      expect(mutant.kills).toContain(outcome.by)
      expect(outcome.runs).toBeLessThanOrEqual(RUNS)
      expect(outcome.counterexample?.detail).not.toBe('')
    })
  }
})

describe('the mutation report', () => {
  it('every mutant names claims of the catalogue', () => {
    for (const m of MUTANTS.values()) {
      expect(m.kills.length, m.name).toBeGreaterThan(0)
      for (const c of m.kills) expect(CHECKS.has(c as CheckName), `${m.name}: ${c}`).toBe(true)
    }
  })

  it('scores killed / total, and a survivor reports the runs of every claim tried', () => {
    // One run each: lww-timestamp-only dies at the first run; fence-forgets-revive needs more.
    const report = runMutationTests({ runs: 1, seed: SEED, mutants: ['lww-timestamp-only', 'fence-forgets-revive'] })
    expect(report).toMatchObject({ killed: 1, total: 2, score: 0.5 })
    const [killed, survivor] = report.mutants
    expect(killed).toMatchObject({ mutant: 'lww-timestamp-only', killed: true, by: 'lww', runs: 1 })
    expect(survivor).toMatchObject({ mutant: 'fence-forgets-revive', killed: false, runs: 2 })
    expect(survivor!.tried.map((t) => t.claim)).toEqual(['access', 'deletionWins'])
    expect(survivor!.tried.every((t) => t.verdict !== 'fails' && t.runs === 1)).toBe(true)
  })

  it('an unknown mutant is a typed error, in a run as in the report', () => {
    const scenario = parseScenario(
      { name: 'x', seed: 1, peers: ['alice'], entities: [{ id: 'group:lab', owner: 'alice', members: {} }], steps: [] },
      'x',
    )
    expect(labErrorOf(() => runScenario(scenario, { mutant: 'no-such-mutant' })).code).toBe('INVALID_ARG')
    expect(labErrorOf(() => runMutant('no-such-mutant', { runs: 1, seed: 1 })).code).toBe('INVALID_ARG')
  })
})
