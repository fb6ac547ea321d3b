/**
 * Sweep (and merged shards) report: how many seeds ran, failures per check as a bar chart, and
 * every failing seed with the command that replays it.
 */
import { badge } from './badges.ts'
import { chartFigure } from './charts.ts'
import { escapeHtml, safeHref } from './escape.ts'
import { formatCount, formatMs } from './format.ts'
import type { SweepResult } from './inputs.ts'
import { htmlPage } from './shell.ts'
import { htmlTable, keyValueTable } from './table.ts'

/** Failing seeds listed in full up to this many; the rest are counted. */
export const MAX_LISTED_FAILURES = 500

/** Renders the whole sweep report. */
export function renderSweepReport(sweep: SweepResult): string {
  const failed = sweep.failures.length
  const head =
    `<p>${badge(failed === 0 ? 'pass' : 'fail')} ` +
    `${escapeHtml(`${formatCount(failed)} of ${formatCount(sweep.runs)} runs failed.`)}</p>`
  const info: [string, string][] = [
    ['Runs', formatCount(sweep.runs)],
    ['Failing runs', formatCount(failed)],
  ]
  if (sweep.scenario !== undefined) info.unshift(['Scenario', sweep.scenario])
  if (sweep.profile !== undefined) info.push(['Profile', sweep.profile])
  if (sweep.seeds !== undefined) info.push(['Seeds', sweep.seeds])
  if (sweep.wallMs !== undefined) info.push(['Wall time', formatMs(sweep.wallMs)])
  const checks = Object.entries(sweep.byCheck).sort(([, a], [, b]) => b - a)
  const chart =
    checks.length === 0
      ? ''
      : chartFigure({
          id: 'failures-by-check',
          title: 'Failing runs per check',
          kind: 'bar',
          labels: checks.map(([c]) => c),
          datasets: [{ label: 'failing runs', data: checks.map(([, n]) => n), colour: '#b3261e' }],
          yTitle: 'failing runs',
          yUnit: 'count',
        })
  const byCheck = htmlTable({
    caption: 'Failures per check',
    headers: ['Check', 'Failing runs'],
    rows: checks.map(([c, n]) => [`<code>${escapeHtml(c)}</code>`, escapeHtml(formatCount(n))]),
    rowHeaders: true,
  })
  const body = [
    head,
    keyValueTable('Sweep', info),
    '<h2>Failures per check</h2>',
    byCheck,
    chart,
    failures(sweep),
  ].join('\n')
  const title = sweep.scenario === undefined ? 'crdt-lab sweep' : `Sweep: ${sweep.scenario}`
  return htmlPage({ title, subtitle: `${formatCount(sweep.runs)} runs`, body, charts: chart !== '' })
}

function failures(sweep: SweepResult): string {
  const listed = sweep.failures.slice(0, MAX_LISTED_FAILURES)
  const rows = listed.map((f) => [
    f.report === undefined ? escapeHtml(f.seed) : `<a href="${safeHref(f.report)}">${escapeHtml(f.seed)}</a>`,
    f.checks.map((c) => `<code>${escapeHtml(c)}</code>`).join(', '),
    `<pre><code>${escapeHtml(f.replay)}</code></pre>`,
  ])
  const more =
    sweep.failures.length > listed.length
      ? `<p class="note">` +
        `${escapeHtml(`Listing the first ${listed.length} of ${sweep.failures.length} failing seeds.`)}</p>`
      : ''
  return (
    `<h2>Failing seeds</h2>${more}` +
    `${htmlTable({
      caption: 'Failing seeds and how to replay them',
      headers: ['Seed', 'Checks', 'Replay'],
      rows,
      rowHeaders: true,
    })}`
  )
}
