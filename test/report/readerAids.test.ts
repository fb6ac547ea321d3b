/** What the pages add for a reader: noise, failure moments, message shapes, links, expected failures. */
import { describe, expect, it } from 'vitest'
import { judgeRow } from '../../src/report/benchNoise.ts'
import { renderBenchReport } from '../../src/report/benchReport.ts'
import { seriesChart } from '../../src/report/benchCharts.ts'
import { renderConformanceReport } from '../../src/report/conformanceReport.ts'
import { renderIndex } from '../../src/report/indexReport.ts'
import type { BenchRow, Timeline } from '../../src/report/inputs.ts'
import { renderMessageFlowSvg } from '../../src/report/messageFlowSvg.ts'
import { withNav } from '../../src/report/shell.ts'
import { renderSweepReport } from '../../src/report/sweepReport.ts'
import { renderTimelineSvg } from '../../src/report/timelineSvg.ts'
import { failureMoments } from '../../src/properties/timeline.ts'
import { benchFixture, conformanceFixture, sweepFixture } from './fixtures.ts'

const timed = (p50: number, rme: number): BenchRow => ({
  table: 'sync',
  row: 'Add member',
  metric: 'cpuMs',
  claimed: 1,
  unit: 'ms',
  bound: 'under',
  measured: { reference: p50, spec: p50 },
  rawYjs: 0.1,
  verdict: p50 < 1 ? 'meets' : 'misses',
  latency: { reference: { mean: p50, p50, p99: p50, rme }, rawYjs: { mean: 0.1, p50: 0.1, p99: 0.1, rme: 10 } },
})

describe('bench verdicts and their noise', () => {
  it('a timed row whose 95% interval straddles the threshold is too noisy; a tight one keeps its verdict', () => {
    expect(judgeRow(timed(0.8, 50), []).verdict).toBe('noisy')
    expect(judgeRow(timed(0.8, 10), []).verdict).toBe('meets')
    expect(judgeRow(timed(1.5, 10), []).verdict).toBe('misses')
  })

  it('a ratio against raw Yjs adds the margins of the figures it divides', () => {
    const ratio: BenchRow = {
      ...timed(0, 0),
      row: 'Add member: engine vs raw Yjs',
      unit: '×',
      claimed: 1.5,
      bound: 'atMost',
      measured: { reference: 1.4, spec: 1.4 },
      rawYjs: 1,
      verdict: 'meets',
      latency: undefined,
    }
    expect(judgeRow(ratio, [timed(0.14, 5)]).verdict).toBe('noisy') // ±15%: 1.19..1.61 straddles 1.5
    expect(
      judgeRow(ratio, [
        {
          ...timed(0.14, 1),
          latency: { reference: { mean: 1, p50: 1, p99: 1, rme: 1 }, rawYjs: { mean: 1, p50: 1, p99: 1, rme: 1 } },
        },
      ]).verdict,
    ).toBe('meets')
  })

  it('the page says whose verdict a row has and shows the noisy ones as such', () => {
    const b = benchFixture()
    b.rows.push({ ...timed(0.8, 60), row: 'Noisy row' })
    const html = renderBenchReport(b)
    expect(html).toContain('<th scope="col">Verdict (reference profile)</th>')
    expect(html).toContain('too noisy to judge</span>')
    expect(html).toMatch(/straddles the claim&#39;s threshold/)
  })

  it('a noisy figure says so in its own cell too, never the verdict its interval cannot tell', () => {
    const b = benchFixture()
    // Reference 1.2 ms ±60%: 0.48 to 1.92 ms straddles the 1 ms claim; the bench called it a miss.
    b.rows = [{ ...timed(1.2, 60), row: 'Noisy cell', verdicts: { reference: 'misses', rawYjs: 'meets' } }]
    const html = renderBenchReport(b)
    const cells = html.slice(html.indexOf('Noisy cell')).split('</tr>')[0]!.split('<td')
    expect(cells[3]).toContain('too noisy to judge')
    expect(cells[3]).not.toContain('misses')
    expect(cells[5]).toContain('meets') // raw Yjs 0.1 ms ±10%: clearly under 1 ms
  })
})

describe('the bench series charts', () => {
  it('plot reference, spec and raw Yjs, and the claimed figure as a dashed line', () => {
    const row: BenchRow = {
      ...timed(140, 5),
      table: 'memory',
      row: 'chat (1000 messages)',
      metric: 'loadMs',
      claimed: 50,
      claimText: '~50ms',
      measured: { reference: 140, spec: 155 },
      rawYjs: 31,
      series: { x: [100, 1000, 2000], y: { rawYjs: [1, 31, 150] }, xLabel: 'messages' },
    }
    const html = seriesChart(row, 0)
    const json = html.slice(html.indexOf('{"type"'), html.lastIndexOf('</script>'))
    const sets = (
      JSON.parse(json) as { data: { datasets: { label: string; data: unknown[]; borderDash?: number[] }[] } }
    ).data.datasets
    expect(sets.map((d) => d.label)).toEqual([
      'reference (at 1000)',
      'spec (at 1000)',
      'raw Yjs',
      'claimed ~50ms (at 1000)',
    ])
    expect(sets[0]!.data).toEqual([{ x: 1000, y: 140 }])
    expect(sets[2]!.data).toHaveLength(3)
    expect(sets[3]).toMatchObject({
      borderDash: [6, 4],
      data: [
        { x: 100, y: 50 },
        { x: 2000, y: 50 },
      ],
    })
    expect(html).toContain('(reference and spec measured at 1000 messages only)')
  })
})

describe('the run timeline', () => {
  const t: Timeline = {
    peers: ['alice', 'bob'],
    durationMs: 1000,
    faults: [],
    ops: [],
    divergence: [],
    messages: [
      { from: 'alice', to: 'bob', sentAt: 10, at: 20, outcome: 'dropped', bytes: 10, kind: 'update' },
      { from: 'bob', to: 'alice', sentAt: 30, at: 40, outcome: 'rejected', bytes: 10, kind: 'update' },
    ],
    failures: failureMoments(
      {
        pruneSafety: { evaluated: true, holds: false, detail: 't=455: carol pruned x; t=467: alice pruned x' },
        lww: { evaluated: true, holds: false, detail: 'x.content on alice shows …' },
        convergence: { evaluated: true, holds: true, detail: '' },
      },
      1000,
    ),
  }

  it('marks the moment each check failed: the first time its detail names, else the end', () => {
    expect(t.failures).toEqual([
      { check: 'pruneSafety', t: 455, label: 'pruneSafety fails (t=455)' },
      { check: 'lww', t: 1000, label: 'lww fails on the final state (judged after the drain)' },
    ])
    const svg = renderTimelineSvg(t).svg
    expect(svg.match(/<g class="failure">/g)).toHaveLength(2)
    expect(svg).toContain('✗ pruneSafety at 455 ms')
  })

  it('draws dropped and rejected messages in different colours and shapes', () => {
    const svg = renderMessageFlowSvg(t).svg
    const dropped = /<g class="msg msg-dropped">.*?<\/g>/.exec(svg)![0]
    const rejected = /<g class="msg msg-rejected">.*?<\/g>/.exec(svg)![0]
    expect(dropped).toMatch(/stroke-dasharray/)
    expect(dropped).toMatch(/<path d="M[^"]+l8 8m0 -8l-8 8"/)
    expect(rejected).not.toMatch(/stroke-dasharray/)
    expect(rejected).toMatch(/<rect /)
    expect(dropped.match(/stroke="(#[0-9a-f]+)"/)![1]).not.toBe(rejected.match(/stroke="(#[0-9a-f]+)"/)![1])
  })
})

describe('pages link to each other', () => {
  it('a navigation bar goes at the top of the body', () => {
    const html = withNav(renderIndex([]), [{ href: '../index.html', label: '← all reports' }])
    expect(html).toMatch(
      /<body>\n<nav class="crumbs" aria-label="Reports"><a href="..\/index.html">← all reports<\/a><\/nav>/,
    )
  })

  it('sweep seeds link to their run reports; counterexamples to theirs, with both replay commands', () => {
    const s = sweepFixture()
    s.failures[0]!.report = 'prune-race-spec-seed-3.html'
    expect(renderSweepReport(s)).toContain(`<a href="prune-race-spec-seed-3.html">${s.failures[0]!.seed}</a>`)
    const c = conformanceFixture()
    const cx = c.claims
      .flatMap((x) => [x.profiles.spec.counterexample, x.profiles.reference.counterexample])
      .find(Boolean)!
    cx.report = 'found/lww-spec.html'
    cx.replayCheck = 'npx crdt-lab check --claims lww --profile spec --runs 30 --seed 1 --path 3:1'
    const html = renderConformanceReport(c)
    expect(html).toContain('<a href="found/lww-spec.html">Run report of this counterexample</a>')
    expect(html).toContain('<pre><code>npx crdt-lab check --claims lww')
  })

  it('the index labels foreseen spec failures as expected and flags the unforeseen', () => {
    const html = renderIndex([
      { title: 'Run: a (spec)', href: 'a.html', summary: '', verdict: 'fail', expected: true },
      { title: 'Run: b (reference)', href: 'b.html', summary: '', verdict: 'fail', expected: false },
    ])
    expect(html).toContain('fail, as expected</span>')
    expect(html).toContain('<span class="badge bad">unexpected</span>')
  })
})
