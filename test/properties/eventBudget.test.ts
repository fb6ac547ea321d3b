/**
 * An exhausted event budget is a liveness verdict of the run (it fails, as `liveness`, saying
 * why), never an internal error of the lab, whether it runs out during the steps or the drain.
 */
import { describe, expect, it } from 'vitest'
import { failedExpectations, runAndCheck } from '../../src/properties/runAndCheck.ts'
import { parseScenario } from '../../src/sim/scenario/load.ts'

const G = 'group:g'
const scenario = (expectChecks?: string[]) =>
  parseScenario(
    {
      peers: ['alice', 'bob'],
      entities: [{ id: G, owner: 'alice', members: { bob: 'member' } }],
      network: { antiEntropyMs: 10 },
      steps: [{ at: 0, random: { until: 2000, everyMs: [5, 5], entity: G, mix: { 'chat.send': 1 } } }],
      ...(expectChecks ? { expect: { checks: expectChecks } } : {}),
    },
    'budget.json',
  )

describe('the event budget', () => {
  it('running out during the steps fails the run as liveness, with no heal or drain', () => {
    const sc = scenario()
    const { result, run } = runAndCheck(sc, { maxEvents: 200 })
    expect(run.liveness).toMatchObject({ converged: false, exhausted: true, rounds: 0 })
    expect(result.verdict).toBe('fail')
    expect(result.liveness).toMatch(
      /^the event budget ran out at t=\d+ \(a livelock, or a run beyond the lab's limits\), during the steps$/,
    )
    expect(failedExpectations(sc, result.checks, result.final, [], result.liveness)).toContain('liveness')
    expect(result.checks.convergence).toMatchObject({ holds: false })
  })

  it('fails the run even when the scenario lists checks that do not look at liveness', () => {
    const { result } = runAndCheck(scenario(['differentFields']), { maxEvents: 200 })
    expect(result.verdict).toBe('fail')
    expect(result.liveness).toBeDefined()
  })

  it('running out during the drain is the same verdict, with the round it reached', () => {
    const full = runAndCheck(scenario(), {})
    expect(full.result.verdict).toBe('pass')
    expect(full.result.liveness).toBeUndefined()
    // The smallest budget that converges, found by bisection; one event less runs out in the drain.
    const converges = (maxEvents: number) => runAndCheck(scenario(), { maxEvents }).run.liveness.converged
    let [lo, hi] = [0, 20_000]
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2)
      if (converges(mid)) hi = mid
      else lo = mid
    }
    const { run, result } = runAndCheck(scenario(), { maxEvents: lo })
    expect(run.liveness).toMatchObject({ converged: false, exhausted: true })
    expect(run.liveness.rounds).toBeGreaterThan(0)
    expect(run.liveness.detail).toMatch(/^the event budget ran out at t=\d+/)
    expect(result.verdict).toBe('fail')
  })
})
