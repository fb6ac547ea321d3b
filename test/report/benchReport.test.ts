import { describe, expect, it } from 'vitest'
import { renderBenchReport } from '../../src/report/benchReport.ts'
import { CLAIM_RULES } from '../../src/report/claimRules.ts'
import { escapeHtml } from '../../src/report/escape.ts'
import { benchFixture, HOSTILE, rawHostile } from './fixtures.ts'

describe('bench report', () => {
  const html = renderBenchReport(benchFixture())

  it('groups rows by table with the spec row names and formatted units', () => {
    for (const h of [
      'Memory usage',
      'Sync performance',
      'Scalability',
      'Tombstone overhead',
      'Engine workloads',
      'Simulator',
    ])
      expect(html).toContain(`<h2>${h}</h2>`)
    expect(html).toContain('core (100 members)')
    expect(html).toContain('~50KB')
    expect(html).toContain('24.2 KB')
    expect(html).toContain('0.910 ms')
    expect(html).toContain('31,250 items')
  })

  it('shows verdict badges, unmeasured profiles as such, and the rules', () => {
    expect(html).toContain('<span class="badge good">meets</span>')
    expect(html).toContain('<span class="badge bad">misses</span>')
    expect(html).toContain('<span class="badge neutral">n/a</span>')
    expect(html).toContain('not measured')
    expect(html).toContain('How verdicts are decided')
    expect(html).toContain(escapeHtml(CLAIM_RULES.under))
  })

  it('draws series and latency charts, and machine info', () => {
    expect(html.match(/data-chart-for="series-/g)?.length).toBe(2)
    expect(html).toContain('data-chart-for="latency-memory-usage"')
    expect(html).toContain('AMD EPYC 7B13')
    expect(html).toContain('<script>') // chart.js inlined
  })

  it('escapes every string from the data', () => {
    const r = benchFixture()
    r.machine.cpu = HOSTILE[0]!
    r.rows[0]!.row = HOSTILE[1]!
    r.rows[0]!.note = HOSTILE[2]!
    r.rows[0]!.claimText = HOSTILE[3]!
    expect(rawHostile(renderBenchReport(r))).toEqual([])
  })

  it('shows the simulator table as simulator, raw Yjs and their ratio', () => {
    const sim = html.slice(html.indexOf('<h2>Simulator</h2>'))
    expect(sim).toContain('Simulator ÷ raw Yjs</th>')
    expect(sim).not.toContain('Reference</th>')
    expect(sim).toContain('21,700 /s')
    expect(sim).toContain('62,000 /s')
    expect(sim).toContain('0.35×') // 21,700 / 62,000, and the ratio row's own figure against 1×
    expect(sim).toContain('1.00×')
  })

  it('says when no engine profile was measured', () => {
    const r = benchFixture()
    r.rows = r.rows.map((row) => ({ ...row, measured: { reference: null, spec: null }, verdict: 'n/a' as const }))
    expect(renderBenchReport(r)).toContain('No engine profile measured yet')
  })
})
