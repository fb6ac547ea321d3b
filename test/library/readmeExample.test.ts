import { test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { runScenario, scenarioArbitrary, sweep } from 'crdt-lab'

describe('our scenarios, judged by crdt-lab', () => {
  it('edit-race holds under the reference, and the spec breaks lww', () => {
    expect(runScenario('scenarios/edit-race.json', { profile: 'reference' }).verdict).toBe('pass')
    const spec = runScenario('scenarios/edit-race.json', { seed: 7, profile: 'spec' })
    expect(spec.verdict).toBe('fail')
    expect(spec.checks.lww).toMatchObject({ holds: false })
  })

  it('the prune race never prunes early under the reference, whatever the seed', async () => {
    const result = await sweep('scenarios/prune-race.json', { seeds: { from: 1, to: 4 }, profile: 'reference' })
    expect(result.runs).toBe(4)
    expect(result.failures).toEqual([])
  })

  test.prop([scenarioArbitrary('convergence')], { numRuns: 3 })('generated scenarios converge', (scenario) => {
    expect(runScenario(scenario).checks.convergence).not.toMatchObject({ holds: false })
  })
})
