/**
 * Mutation testing of the lab: every mutant is killed at conformance's default budget (50 runs
 * from seeds 1..3) by the first layer it names, a claim's property or a lab scenario file (the
 * CLI's `crdt-lab mutation` also tries every scenario after its named killers; the runs each kill
 * took at that budget are in the notes). That the reference holds the same properties is
 * test/properties/claims.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { MUTANTS } from '../../src/engine/mutants/registry.ts'
import { runScenario } from '../../src/sim/run.ts'
import { loadScenario, parseScenario } from '../../src/sim/scenario/load.ts'
import { CHECKS } from '../../src/properties/checks/catalogue.ts'
import type { CheckName } from '../../src/sim/scenario/schema.ts'
import { runMutant, runMutationTests, type NamedScenario } from '../../src/properties/mutation.ts'
import { labErrorOf } from '../engine/labErrorOf.ts'

const BUDGET = { runs: 50, seed: 1, seeds: 3 }

const named = (kills: readonly string[]): NamedScenario[] =>
  kills
    .filter((k) => k.startsWith('scenario:'))
    .map((k) => ({ name: k.slice(9), scenario: loadScenario(`scenarios/${k.slice(9)}.json`) }))

describe('every mutant is killed at conformance default budget', () => {
  it('there are at least 25, each in its own file', () => expect(MUTANTS.size).toBeGreaterThanOrEqual(25))
  for (const [name, mutant] of MUTANTS) {
    it(`${name}: killed by ${mutant.kills[0]}`, { timeout: 120_000 }, () => {
      const first = mutant.kills[0]!
      const outcome = runMutant(name, { ...BUDGET, scenarios: named(mutant.kills) })
      expect(outcome.killed, `${name} survived: ${JSON.stringify(outcome.tried)}`).toBe(true)
      expect(outcome.by).toBe(first.startsWith('scenario:') ? first : `claim:${first}`)
      expect(outcome.runs).toBeLessThanOrEqual(BUDGET.runs)
      expect(outcome.counterexample?.detail).not.toBe('')
    })
  }
})

describe('the mutation report', () => {
  it('every mutant names claims of the catalogue or scenario files that exist', () => {
    for (const m of MUTANTS.values()) {
      expect(m.kills.length, m.name).toBeGreaterThan(0)
      for (const c of m.kills)
        if (c.startsWith('scenario:')) expect(() => loadScenario(`scenarios/${c.slice(9)}.json`)).not.toThrow()
        else expect(CHECKS.has(c as CheckName), `${m.name}: ${c}`).toBe(true)
    }
  })

  it('scores killed / total, and a survivor reports the runs of every layer tried', () => {
    // One run each: lww-timestamp-only dies at the first run; fence-forgets-revive needs more.
    const report = runMutationTests({ runs: 1, seed: 1, mutants: ['lww-timestamp-only', 'fence-forgets-revive'] })
    expect(report).toMatchObject({ killed: 1, total: 2, score: 0.5 })
    const [killed, survivor] = report.mutants
    expect(killed).toMatchObject({ mutant: 'lww-timestamp-only', killed: true, by: 'claim:lww', runs: 1 })
    expect(survivor).toMatchObject({ mutant: 'fence-forgets-revive', killed: false, runs: 2 })
    expect(survivor!.tried.map((t) => t.layer)).toEqual(['claim:access', 'claim:deletionWins'])
    expect(survivor!.tried.every((t) => t.verdict !== 'fails' && t.runs === 1)).toBe(true)
  })

  it('a scenario kills a mutant when it fails with it and passes without it', () => {
    // One run of access does not catch no-fencing; the add-remove-race scenario does.
    const scenarios = named(['scenario:add-remove-race'])
    const outcome = runMutant('no-fencing', { runs: 1, seed: 1, scenarios })
    expect(outcome).toMatchObject({ killed: true, by: 'scenario:add-remove-race', runs: 2 })
    expect(outcome.tried.map((t) => [t.layer, t.verdict])).toEqual([
      ['claim:access', 'holds'],
      ['scenario:add-remove-race', 'fail'],
    ])
    expect(outcome.counterexample?.detail).toContain('the engine reads')
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
