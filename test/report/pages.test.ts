import { describe, expect, it } from 'vitest'
import { renderConformanceReport } from '../../src/report/conformanceReport.ts'
import { renderIndex } from '../../src/report/indexReport.ts'
import { renderSweepReport } from '../../src/report/sweepReport.ts'
import { conformanceFixture, HOSTILE, indexFixture, rawHostile, sweepFixture } from './fixtures.ts'

describe('conformance report', () => {
  const html = renderConformanceReport(conformanceFixture())

  it('lists every claim with both profiles and whether it matches expectations', () => {
    expect(html).toContain('Tombstones are pruned immediately when all active members have acknowledged them')
    expect(html).toContain('2 claims departed')
    expect(html).toContain('<span class="badge neutral">not evaluated</span>')
    expect(html).toContain('(expected holds)')
  })

  it('tells each counterexample as a numbered story with a copyable replay command', () => {
    expect(html).toContain('<ol class="story">')
    expect(html).toContain(
      '<pre><code>crdt-lab run scenarios/found/lww-1873.json --seed 1873 --profile spec</code></pre>',
    )
    expect(html).toContain('id="claim-prunesafety-reference"')
    expect(html).toContain('href="#claim-prunesafety-spec"')
    expect(html).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;')
  })

  it('escapes claims, checks and stories', () => {
    const r = conformanceFixture()
    r.claims[0]!.check = HOSTILE[0]!
    r.claims[0]!.claim = HOSTILE[1]!
    r.claims[1]!.profiles.spec.counterexample!.replay = HOSTILE[3]!
    r.claims[1]!.profiles.spec.counterexample!.path = HOSTILE[2]!
    expect(rawHostile(renderConformanceReport(r))).toEqual([])
  })
})

describe('sweep report', () => {
  it('shows failures per check and failing seeds with replay commands', () => {
    const html = renderSweepReport(sweepFixture())
    expect(html).toContain('6 of 1,000 runs failed.')
    expect(html).toContain('data-chart-for="failures-by-check"')
    expect(html).toContain('--seed 777 --profile spec</code></pre>')
  })

  it('renders a clean sweep without a chart', () => {
    const html = renderSweepReport({ runs: 10, failures: [], byCheck: {} })
    expect(html).toContain('<span class="badge good">pass</span>')
    expect(html).not.toContain('data-chart-for')
  })

  it('escapes seeds, checks and commands', () => {
    const s = sweepFixture()
    s.scenario = HOSTILE[0]!
    s.failures[0]!.checks = [HOSTILE[1]!]
    s.failures[0]!.replay = HOSTILE[3]!
    s.byCheck[HOSTILE[2]!] = 1
    expect(rawHostile(renderSweepReport(s))).toEqual([])
  })
})

describe('index', () => {
  it('links every report with its summary and verdict', () => {
    const html = renderIndex(indexFixture())
    expect(html).toContain('<a href="runs/prune-race-7.html">Run: prune-race (seed 7)</a>')
    expect(html).toContain('6 of 1000 seeds fail')
    expect(html).not.toContain('<script>') // no charts, no script at all
  })

  it('neutralises hostile titles and links', () => {
    const html = renderIndex([
      { title: HOSTILE[0]!, href: 'javascript:alert(1)', summary: HOSTILE[1]!, verdict: HOSTILE[2]! },
    ])
    expect(rawHostile(html)).toEqual([])
    expect(html).toContain('href="#"')
  })
})
