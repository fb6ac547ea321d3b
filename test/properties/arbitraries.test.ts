/**
 * The generators follow the op registry: every op is generated or listed as left out (with why),
 * families hold the registry's ops in its order, and every generated scenario passes the scenario
 * loader, whose argument schemas, `as` names and `$name` references come from the same registry.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { OP_NAMES } from '../../src/engine/ops/registry.ts'
import { buildScenario } from '../../src/properties/arbitraries/buildScenario.ts'
import { NOT_GENERATED, OP_FAMILIES } from '../../src/properties/arbitraries/ops.ts'
import { PLANS, planArb } from '../../src/properties/arbitraries/plans.ts'
import { parseScenario } from '../../src/sim/scenario/load.ts'

describe('the generators derive from the op registry', () => {
  it('generate every op of the registry but those listed, in registry order', () => {
    const generated = Object.values(OP_FAMILIES).flat()
    const left = Object.keys(NOT_GENERATED)
    expect([...generated, ...left].sort()).toEqual([...OP_NAMES].sort())
    expect(generated.filter((op) => left.includes(op))).toEqual([])
    for (const ops of Object.values(OP_FAMILIES))
      expect([...ops]).toEqual(OP_NAMES.filter((op) => (ops as readonly string[]).includes(op)))
  })

  it('build scenarios the loader accepts, references and `as` names included', () => {
    for (const [claim, shape] of Object.entries(PLANS)) {
      for (const plan of fc.sample(planArb(shape), { seed: 7, numRuns: 25 })) {
        const file = buildScenario(plan, claim, [claim])
        expect(() => parseScenario(file, claim), JSON.stringify(file)).not.toThrow()
      }
    }
  })
})

describe('lies in the plans of access and convergence', () => {
  it('draw a liar that is never the owner, each lie ended by honest, and none with fewer than 3 peers', () => {
    let lies = 0
    for (const claim of ['access', 'convergence'] as const) {
      for (const plan of fc.sample(planArb(PLANS[claim]), { seed: 7, numRuns: 100 })) {
        const steps = buildScenario(plan, claim).steps as { fault?: string; peer?: string; as?: string }[]
        const lying = steps.filter((s) => s.fault === 'impersonate' || s.fault === 'equivocate')
        if (plan.peers < 3) expect(lying).toEqual([])
        for (const s of lying) {
          expect(s.peer).not.toBe('alice')
          expect(s.as).not.toBe(s.peer)
          expect(steps.some((h) => h.fault === 'honest' && h.peer === s.peer)).toBe(true)
        }
        lies += lying.length
      }
    }
    expect(lies).toBeGreaterThan(20)
  })
})
