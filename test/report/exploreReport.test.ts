/** The explore report and the conformance report's explored column. */
import { describe, expect, it } from 'vitest'
import { renderConformanceReport } from '../../src/report/conformanceReport.ts'
import { renderExploreReport } from '../../src/report/exploreReport.ts'
import { conformanceFixture } from './fixtures.ts'

describe('explore in the reports', () => {
  it('the claims table gains an explored column when the run explored, with the failing schedule file', () => {
    const plain = renderConformanceReport(conformanceFixture())
    expect(plain).not.toContain('Explored (every schedule')
    const result = conformanceFixture()
    const claim = result.claims[0]!
    Object.assign(claim, {
      explored: {
        spec: {
          verdict: 'fails',
          scenarios: ['lww'],
          states: 21,
          failure: { scenario: 'lww', depth: 6, detail: 'x', scenarioFile: 'out/lww.spec.lww.json' },
        },
        reference: { verdict: 'holds', scenarios: ['lww'], states: 22 },
      },
    })
    const html = renderConformanceReport(result)
    expect(html).toContain('Explored (every schedule of scenarios/explore)')
    expect(html).toContain('after 6 steps of lww (<code>out/lww.spec.lww.json</code>)')
    expect(html).toContain('in scope (22 states)')
  })

  it('the explore report: figures, the schedule step by step, its file and message flow by step', () => {
    const html = renderExploreReport([
      {
        scenario: 'lww',
        profile: 'spec',
        complete: false,
        cut: 'maxStates',
        states: 5,
        uniqueStates: 5,
        maxDepth: 2,
        wallMs: 10,
        uniqueEnds: 0,
        reduction: { sleepSets: true, states: 5, statesWithout: 9 },
        bounds: { maxStates: 5, maxDepth: 100, maxFaults: 1 },
        exercised: {},
        failures: [
          {
            check: 'lww',
            depth: 2,
            detail: 'the later write lost',
            schedule: ['alice: issues.create', 'deliver alice -> bob #1'],
            scenarioFile: 'out/x.json',
            flow: {
              peers: ['alice', 'bob'],
              durationMs: 3,
              faults: [],
              ops: [],
              divergence: [],
              messages: [
                { from: 'alice', to: 'bob', sentAt: 1, at: 2, outcome: 'delivered', bytes: 10, kind: 'update' },
              ],
            },
          },
        ],
      },
    ])
    expect(html).toContain('INCOMPLETE: cut by maxStates')
    expect(html).toContain('<li><code>deliver alice -&gt; bob #1</code></li>')
    expect(html).toContain('npx crdt-lab run out/x.json')
    expect(html).toContain('>step 2<')
    expect(html).toContain('>drain<')
  })
})
