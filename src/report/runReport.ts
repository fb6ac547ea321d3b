/**
 * Run report (`crdt-lab run --html`): verdict, statistics, check verdicts (a check that did not
 * apply is shown as "not evaluated", never as holding), final queries, and the run's timeline,
 * message flow and divergence over virtual time.
 */
import { badge, boolBadge } from './badges.ts'
import { chartFigure } from './charts.ts'
import { escapeHtml } from './escape.ts'
import { formatCount, formatMs, formatVirtualTime } from './format.ts'
import type { CheckOutcome, RunResult, Timeline } from './inputs.ts'
import { renderMessageFlowSvg } from './messageFlowSvg.ts'
import { htmlPage } from './shell.ts'
import { htmlTable, keyValueTable } from './table.ts'
import { renderTimelineSvg } from './timelineSvg.ts'

/** Longest JSON shown for a final query's actual value; the rest is cut with a note. */
const MAX_ACTUAL_CHARS = 600
/** Divergence points beyond this are bucketed (the maximum of each bucket is kept). */
export const MAX_DIVERGENCE_POINTS = 1500

/** Renders the whole run report. */
export function renderRunReport(run: RunResult): string {
  const parts = [header(run), stats(run), checks(run), finals(run), refused(run)]
  if (run.timeline === undefined) {
    parts.push('<h2>Timeline</h2><p class="muted">This run recorded no timeline.</p>')
  } else {
    parts.push(timeline(run.timeline), messageFlow(run.timeline), divergence(run.timeline))
  }
  return htmlPage({
    title: `Run: ${run.scenario}`,
    subtitle: `seed ${run.seed} · profile ${run.profile} · ${run.verdict === 'pass' ? 'passed' : 'failed'}`,
    body: parts.join('\n'),
    charts: run.timeline !== undefined && run.timeline.divergence.length > 0,
  })
}

function header(run: RunResult): string {
  return (
    `<p>Verdict ${badge(run.verdict)} · scenario ` +
    `<code>${escapeHtml(run.scenario)}</code> · seed ${escapeHtml(run.seed)} · ` +
    `profile ${escapeHtml(run.profile)} · trace hash ` +
    `<code>${escapeHtml(run.traceHash)}</code></p>`
  )
}

function stats(run: RunResult): string {
  const s = run.stats
  return `<h2>Statistics</h2>${keyValueTable(
    'Run statistics',
    [
      ['Messages sent', formatCount(s.sent)],
      ['Delivered', formatCount(s.delivered)],
      ['Dropped', formatCount(s.dropped)],
      ['Duplicated', formatCount(s.duplicated)],
      ['Corrupted', formatCount(s.corrupted)],
      ['Rejected', formatCount(s.rejected)],
      ['Tombstones created', formatCount(s.tombstones)],
      ['Tombstones pruned', formatCount(s.pruned)],
      ['Forged updates refused', formatCount(s.forged ?? 0)],
      ['Equivocations refused', formatCount(s.equivocations ?? 0)],
      ['Reads refused to non-members', formatCount(s.refusedReads ?? 0)],
      ['Simulated time', formatVirtualTime(s.simulatedMs)],
      ['Wall time', formatMs(s.wallMs)],
    ],
    ['Statistic', 'Value'],
  )}`
}

/** `holds`, `fails` or `not-evaluated` for a check outcome. */
export function checkVerdict(c: CheckOutcome): 'holds' | 'fails' | 'not-evaluated' {
  if ('evaluated' in c && c.evaluated === false) return 'not-evaluated'
  return 'holds' in c && c.holds ? 'holds' : 'fails'
}

function checks(run: RunResult): string {
  const rows = Object.entries(run.checks).map(([name, c]) => {
    const v = checkVerdict(c)
    const detail = 'detail' in c ? c.detail : ''
    return [
      `<code>${escapeHtml(name)}</code>`,
      badge(v),
      v === 'not-evaluated' ? '<span class="muted">does not apply to this run</span>' : escapeHtml(detail),
    ]
  })
  return `<h2>Checks</h2>${htmlTable({
    caption: 'Oracle checks',
    headers: ['Check', 'Verdict', 'Detail'],
    rows,
    rowHeaders: true,
  })}`
}

function finals(run: RunResult): string {
  if (run.final.length === 0) return ''
  const rows = run.final.map((f) => [
    escapeHtml(f.peer),
    queryCell(f),
    f.operator === undefined
      ? '<span class="muted">not recorded</span>'
      : `${escapeHtml(f.operator)} <code>${escapeHtml(actualText(f.expected))}</code>`,
    actualCell(f),
    boolBadge(f.holds, 'holds', 'fails'),
    diffCell(f),
  ])
  return `<h2>Final queries</h2>${htmlTable({
    caption: 'Final queries after the network drained: what the scenario expects, what the replicas answered',
    headers: ['Peer', 'Query', 'Expected', 'Actual', 'Verdict', 'Difference'],
    rows,
  })}`
}

function refused(run: RunResult): string {
  const ops = run.refused ?? []
  if (ops.length === 0) return ''
  const rows = ops.map((x) => [
    `<code>$.steps[${escapeHtml(x.step)}]</code>`,
    escapeHtml(formatVirtualTime(x.t)),
    escapeHtml(x.peer),
    `<code>${escapeHtml(x.op)}</code>`,
    `<code>${escapeHtml(x.code)}</code> ${escapeHtml(x.message)}`,
  ])
  const table = htmlTable({ caption: 'Refused ops', headers: ['Step', 'Time', 'Peer', 'Op', 'Why'], rows })
  return (
    '<h2>Refused ops</h2><p class="muted">Steps of the scenario the engine refused; a refused op changes nothing.</p>' +
    table
  )
}

function queryCell(f: RunResult['final'][number]): string {
  const args = f.args === undefined ? '' : ` <code>${escapeHtml(JSON.stringify(f.args))}</code>`
  const on = f.entity === undefined ? '' : `<br><span class="muted">on ${escapeHtml(f.entity)}</span>`
  return `<code>${escapeHtml(f.query)}</code>${args}${on}`
}

function actualCell(f: RunResult['final'][number]): string {
  if (f.actualPerPeer !== true) return `<code>${escapeHtml(actualText(f.actual))}</code>`
  const answers = Object.entries(f.actual as Record<string, unknown>)
  return answers.map(([p, a]) => `${escapeHtml(p)}: <code>${escapeHtml(actualText(a))}</code>`).join('<br>')
}

function diffCell(f: RunResult['final'][number]): string {
  if (f.holds) return ''
  const lines = f.diff !== undefined && f.diff.length > 0 ? f.diff : f.detail === undefined ? [] : [f.detail]
  if (lines.length === 0) return ''
  return `<ul class="diff">${lines.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>`
}

function actualText(actual: unknown): string {
  const s = JSON.stringify(actual) ?? 'undefined'
  return s.length <= MAX_ACTUAL_CHARS ? s : `${s.slice(0, MAX_ACTUAL_CHARS)}… (${s.length} characters)`
}

function timeline(t: Timeline): string {
  const p = renderTimelineSvg(t)
  return (
    `<h2>Timeline</h2>
<p class="muted">Virtual time across; one lane per peer; shaded periods are faults affecting that peer; ` +
    `dots are operations.</p>
${p.legend}
${p.note === '' ? '' : `<p class="note">${escapeHtml(p.note)}</p>`}
<figure>${p.svg}</figure>`
  )
}

function messageFlow(t: Timeline): string {
  const p = renderMessageFlowSvg(t)
  return (
    `<h2>Message flow</h2>
<p class="muted">A line per message from when it was sent (sender's lane) to when it arrived or was lost ` +
    `(receiver's lane).</p>
${p.legend}
${p.note === '' ? '' : `<p class="note">${escapeHtml(p.note)}</p>`}
<figure>${p.svg}</figure>
${p.linkTable}`
  )
}

function divergence(t: Timeline): string {
  if (t.divergence.length === 0) return '<h2>Divergence</h2><p class="muted">No divergence samples were recorded.</p>'
  const { points, bucketed } = bucketMax(t.divergence)
  const converged = convergedAt(t.divergence)
  const text =
    converged === null
      ? 'The replicas had not converged by the last sample.'
      : `Replicas converged by ${formatVirtualTime(converged)}: equal at that sample and every later one.`
  const chart = chartFigure({
    id: 'divergence',
    title: 'Documents whose replicas differ, sampled over virtual time',
    kind: 'line',
    datasets: [
      { label: 'divergent documents', data: points.map((d) => ({ x: d.t, y: d.divergentDocs })), colour: '#d9480f' },
    ],
    linearX: true,
    stepped: true,
    xTitle: 'virtual time (ms)',
    yTitle: 'divergent documents',
    yUnit: 'count',
  })
  const sampled = 'Each dot is a sample; the line holds its value until the next one.'
  const note = bucketed
    ? `<p class="note">${escapeHtml(
        `${sampled} ${t.divergence.length} samples bucketed to ${points.length} (maximum of each bucket).`,
      )}</p>`
    : `<p class="note">${escapeHtml(sampled)}</p>`
  return `<h2>Divergence</h2><p>${escapeHtml(text)}</p>${note}${chart}`
}

/** The first sample time after which every sample is 0, or null. */
export function convergedAt(samples: { t: number; divergentDocs: number }[]): number | null {
  let at: number | null = null
  for (const s of samples) {
    if (s.divergentDocs === 0) at ??= s.t
    else at = null
  }
  return at
}

function bucketMax(samples: { t: number; divergentDocs: number }[]): { points: typeof samples; bucketed: boolean } {
  if (samples.length <= MAX_DIVERGENCE_POINTS) return { points: samples, bucketed: false }
  const size = Math.ceil(samples.length / MAX_DIVERGENCE_POINTS)
  const points: typeof samples = []
  for (let i = 0; i < samples.length; i += size) {
    const bucket = samples.slice(i, i + size)
    points.push({ t: bucket[0]!.t, divergentDocs: Math.max(...bucket.map((b) => b.divergentDocs)) })
  }
  return { points, bucketed: true }
}
