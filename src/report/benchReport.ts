/**
 * Bench report: the spec's performance tables, claimed against measured (reference and spec
 * profiles) against raw Yjs doing the same logical work, with verdicts, charts and machine info.
 */
import { badge } from './badges.ts'
import { COLUMN_LABELS, latencyChart, METRIC_LABELS, seriesChart } from './benchCharts.ts'
import { judgeFigure, judgeRow, type Judgement } from './benchNoise.ts'
import { CLAIM_RULES } from './claimRules.ts'
import { escapeHtml, slug } from './escape.ts'
import { formatMs, formatValue } from './format.ts'
import { BENCH_TABLES, type BenchColumn, type BenchResult, type BenchRow, type ClaimBound } from './inputs.ts'
import { htmlPage } from './shell.ts'
import { htmlTable, keyValueTable } from './table.ts'

const TABLE_TITLES: Record<string, string> = {
  memory: 'Memory usage',
  sync: 'Sync performance',
  scalability: 'Scalability',
  tombstone: 'Tombstone overhead',
  engine: 'Engine workloads',
  sim: 'Simulator',
}

const TABLE_INTROS: Record<string, string> = {
  memory: 'Document size, load time and heap held by a loaded document (spec: "Memory Usage").',
  sync: 'Bytes sent and CPU time per operation (spec: "Sync Performance").',
  scalability: 'How many items fit in a document before its encoded size passes the limit (spec: "Scalability").',
  tombstone: 'Encoded size a tombstone adds until every active member acknowledged it (spec: "Tombstone Performance").',
  engine:
    'Workloads comparable with dmonad/crdt-benchmarks (no claim in the spec), and the ' +
    "project's targets for the reference against raw Yjs in the same run: CPU per operation, " +
    'update bytes, B3 document sizes (each row says its target).',
  sim:
    "The simulator's own cost: the same deliveries through its machinery " +
    '(frames, network, event queue, journal) and as a plain raw Yjs loop, and ' +
    'their ratio (no engine profile involved; no claim in the spec).',
}

/** Renders the whole bench report. */
export function renderBenchReport(result: BenchResult): string {
  const parts = [summary(result), machine(result), rules()]
  let chartIndex = 0
  for (const table of BENCH_TABLES) {
    const rows = result.rows.filter((r) => r.table === table)
    if (rows.length === 0) continue
    const charts = rows.map((r) => seriesChart(r, chartIndex++)).filter((c) => c !== '')
    const latency = latencyChart(TABLE_TITLES[table] ?? table, rows)
    if (latency !== '') charts.push(latency)
    parts.push(`<section id="${slug(table)}">
<h2>${escapeHtml(TABLE_TITLES[table] ?? table)}</h2>
<p class="muted">${escapeHtml(TABLE_INTROS[table] ?? '')}</p>
${table === 'sim' ? simTable(rows) : rowsTable(table, rows, result.rows)}
${charts.length > 0 ? `<div class="charts">${charts.join('\n')}</div>` : ''}
</section>`)
  }
  const hasCharts = parts.some((p) => p.includes('data-chart-for'))
  return htmlPage({
    title: 'crdt-lab benchmarks',
    subtitle: subtitle(result),
    body: parts.join('\n'),
    charts: hasCharts,
  })
}

function subtitle(result: BenchResult): string {
  const bits = [`${result.rows.length} rows`]
  if (result.quick === true) bits.push('quick mode (short sampling; figures are indicative)')
  if (result.generatedAt !== undefined) bits.push(`generated ${result.generatedAt}`)
  if (result.wallMs !== undefined) bits.push(`took ${formatMs(result.wallMs)}`)
  return bits.join(' · ')
}

function summary(result: BenchResult): string {
  const shown = result.rows.map((r) => judgeRow(r, result.rows).verdict)
  const count = (v: string): number => shown.filter((x) => x === v).length
  const pending = result.rows.filter((r) => r.measured.reference === null && r.measured.spec === null).length
  const text =
    pending === result.rows.length
      ? 'No engine profile measured yet: every row shows the raw Yjs baseline, verdicts are n/a.'
      : `${count('meets')} rows meet the spec's claim, ${count('misses')} miss it, ${count('noisy')} are too noisy ` +
        `to judge, ${count('n/a')} have no claim. A row's verdict is the reference profile's figure against the claim.`
  return `<p>${escapeHtml(text)} ${badge('meets')} ${badge('misses')} ${noisyBadge()} ${badge('n/a')}</p>`
}

const noisyBadge = (title?: string): string =>
  `<span class="badge neutral"${title === undefined ? '' : ` title="${escapeHtml(title)}"`}>too noisy to judge</span>`

/** The row's verdict badge, saying whose figure it judges when it is not the reference's. */
function verdictCell(r: BenchRow, j: Judgement): string {
  const whose = j.column === 'spec' ? ' <span class="muted">(spec profile: no reference figure)</span>' : ''
  if (j.verdict !== 'noisy') return `${badge(j.verdict)}${whose}`
  const [lo, hi] = j.interval!
  const interval = `${formatValue(lo, r.unit)} to ${formatValue(hi, r.unit)}`
  const why = `the ${j.column} figure's 95% interval, ${interval}, straddles the claim's threshold`
  return `${noisyBadge(why)}${whose}<br><span class="muted">${escapeHtml(why)}</span>`
}

function machine(result: BenchResult): string {
  const m = result.machine
  return keyValueTable('Machine', [
    ['CPU', m.cpu],
    ['Cores', m.cores],
    ['Node.js', m.node],
    ['Yjs', m.yjs],
  ])
}

function rules(): string {
  const items = (Object.keys(CLAIM_RULES) as ClaimBound[]).map((b) => `<li>${escapeHtml(CLAIM_RULES[b])}</li>`)
  return `<details><summary>How verdicts are decided</summary>
<ul>${items.join('')}</ul>
<p>A row's verdict is the reference profile's (the one meant to deliver the spec's claims), or the spec profile's when
only it was measured; raw Yjs gets a badge under the same rule for comparison. Times are the median (p50) of tinybench
samples. A timed figure carries its samples' relative margin of error (±, the 95% confidence interval of the mean; a
ratio against raw Yjs adds the margins of the two figures it divides): when that interval straddles the claim's
threshold, the samples cannot tell meeting from missing, and the row says "too noisy to judge" instead of a verdict
that would flip between runs.
Memory is the heap growth after loading the document, measured after garbage collection in a fresh child process.</p>
</details>`
}

function rowsTable(table: string, rows: BenchRow[], all: readonly BenchRow[]): string {
  const showV2 = rows.some((r) => r.rawYjsV2 !== undefined && r.rawYjsV2 !== null)
  const headers = [
    'Row',
    'Metric',
    'Claimed',
    'Reference',
    'Spec',
    showV2 ? 'Raw Yjs (V1 / V2)' : 'Raw Yjs',
    'Verdict (reference profile)',
    'Workload',
  ]
  return htmlTable({
    caption: `${TABLE_TITLES[table] ?? table}: claimed vs measured vs raw Yjs`,
    headers,
    rowHeaders: true,
    rows: rows.map((r) => [
      escapeHtml(r.row),
      escapeHtml(METRIC_LABELS[r.metric] ?? r.metric),
      claimedCell(r),
      measuredCell(r, 'reference', r.measured.reference, all),
      measuredCell(r, 'spec', r.measured.spec, all),
      measuredCell(r, 'rawYjs', r.rawYjs, all) + v2(r),
      verdictCell(r, judgeRow(r, all)),
      `<span class="muted">${escapeHtml(r.note ?? '')}</span>`,
    ]),
  })
}

function claimedCell(r: BenchRow): string {
  const text = r.claimText ?? (r.claimed === null ? 'none' : formatValue(r.claimed, r.unit))
  const rule = r.bound === undefined ? undefined : CLAIM_RULES[r.bound]
  const title = rule === undefined ? '' : ` title="${escapeHtml(rule)}"`
  const exact =
    r.claimed === null || r.claimText === undefined
      ? ''
      : ` <span class="muted">(${escapeHtml(formatValue(r.claimed, r.unit))})</span>`
  return `<span${title}>${escapeHtml(text)}</span>${exact}`
}

function measuredCell(r: BenchRow, column: BenchColumn, value: number | null, all: readonly BenchRow[]): string {
  if (value === null)
    return `<span class="muted" title="${escapeHtml(COLUMN_LABELS[column])} not measured">not measured</span>`
  const { verdict } = judgeFigure(r, column, all)
  const lat = r.latency?.[column]
  const spread = lat === undefined ? '' : ` <span class="muted">±${escapeHtml(lat.rme.toFixed(1))}%</span>`
  const shown = verdict === undefined ? '' : verdict === 'noisy' ? ` ${noisyBadge()}` : ` ${badge(verdict)}`
  return `${escapeHtml(formatValue(value, r.unit))}${spread}${shown}`
}

function v2(r: BenchRow): string {
  if (r.rawYjsV2 === undefined || r.rawYjsV2 === null) return ''
  return ` <span class="muted">/ ${escapeHtml(formatValue(r.rawYjsV2, r.unit))}</span>`
}

/**
 * The `sim` table: its rows carry no profile figures, so its columns are the simulator's figure,
 * raw Yjs's and their ratio (a row whose unit is already the ratio shows it against raw Yjs's 1×).
 */
function simTable(rows: BenchRow[]): string {
  const cell = (value: number | null | undefined, unit: string): string =>
    value === null || value === undefined
      ? '<span class="muted">not measured</span>'
      : escapeHtml(formatValue(value, unit))
  return htmlTable({
    caption: `${TABLE_TITLES.sim}: simulator vs raw Yjs`,
    headers: [
      'Row',
      'Metric',
      'Target',
      'Simulator',
      'Raw Yjs',
      'Simulator ÷ raw Yjs',
      'Verdict (simulator)',
      'Workload',
    ],
    rowHeaders: true,
    rows: rows.map((r) => [
      escapeHtml(r.row),
      escapeHtml(METRIC_LABELS[r.metric] ?? r.metric),
      r.claimText === undefined ? '<span class="muted">none</span>' : escapeHtml(r.claimText),
      cell(r.sim, r.unit),
      cell(r.rawYjs, r.unit),
      cell(simRatio(r), '×'),
      badge(r.verdict),
      `<span class="muted">${escapeHtml(r.note ?? '')}</span>`,
    ]),
  })
}

/** The simulator's figure over raw Yjs's, when both are measured and raw Yjs's is not zero. */
export function simRatio(r: Pick<BenchRow, 'sim' | 'rawYjs'>): number | null {
  return r.sim === undefined || r.sim === null || r.rawYjs === null || r.rawYjs === 0 ? null : r.sim / r.rawYjs
}
