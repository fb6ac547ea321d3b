/**
 * Charts of the bench report: a line chart per row that has a `series` (bytes or load time
 * against item count) and, per table, a bar chart of p50/p99 latency per row and column.
 */
import { chartFigure, COLUMN_COLOURS, type ChartSpec, type Dataset, type TickUnit } from './charts.ts'
import { slug } from './escape.ts'
import type { BenchColumn, BenchRow } from './inputs.ts'

export const COLUMN_LABELS: Record<BenchColumn, string> = { reference: 'reference', spec: 'spec', rawYjs: 'raw Yjs' }
const COLUMNS: BenchColumn[] = ['reference', 'spec', 'rawYjs']
/** The spec's claimed figure, drawn as a dashed line. */
const CLAIM_COLOUR = '#2f9e44'

export const METRIC_LABELS: Record<string, string> = {
  docBytes: 'document size',
  loadMs: 'load time',
  memBytes: 'memory',
  updateBytes: 'network bytes',
  cpuMs: 'CPU time',
  items: 'items that fit',
  bytesPerTombstone: 'bytes per tombstone',
  deliveriesPerSec: 'deliveries per second',
  statesPerSec: 'explored states per second',
  states: 'explored states',
}

const tickUnit = (unit: string): TickUnit => (unit === 'B' ? 'B' : unit === 'ms' ? 'ms' : 'count')

/** The item count a row's name gives (`core (100 members)` -> 100), where the spec states its figure. */
export function nominalCount(row: string): number | null {
  const m = /\((\d[\d,]*)\s/.exec(row)
  return m === null ? null : Number(m[1]!.replace(/,/g, ''))
}

/**
 * A line chart of one row's series: each column's figures against item count; a column measured
 * at the row's own size only (the bench records the engine profiles' figures once) is a point
 * there; the spec's claimed figure is a dashed line across.
 */
export function seriesChart(row: BenchRow, index: number): string {
  const s = row.series
  if (s === undefined || s.x.length === 0) return ''
  const datasets: Dataset[] = []
  const at = nominalCount(row.row)
  const single: string[] = []
  for (const col of COLUMNS) {
    const ys = s.y[col]
    if (ys !== undefined) {
      datasets.push({
        label: COLUMN_LABELS[col],
        colour: COLUMN_COLOURS[col],
        data: s.x.map((x, i) => ({ x, y: ys[i] ?? 0 })),
      })
      continue
    }
    const value = col === 'rawYjs' ? row.rawYjs : row.measured[col]
    if (value === null || at === null) continue
    single.push(COLUMN_LABELS[col])
    datasets.push({
      label: `${COLUMN_LABELS[col]} (at ${at})`,
      colour: COLUMN_COLOURS[col],
      data: [{ x: at, y: value }],
      pointsOnly: true,
    })
  }
  if (datasets.length === 0) return ''
  if (row.claimed !== null) {
    const xs = [...s.x, ...(at === null ? [] : [at])]
    const label = `claimed ${row.claimText ?? row.claimed}${at === null ? '' : ` (at ${at})`}`
    datasets.push({
      label,
      colour: CLAIM_COLOUR,
      dashed: true,
      data: [
        { x: Math.min(...xs), y: row.claimed },
        { x: Math.max(...xs), y: row.claimed },
      ],
    })
  }
  const note = single.length === 0 ? '' : ` (${single.join(' and ')} measured at ${at} ${s.xLabel ?? 'items'} only)`
  const spec: ChartSpec = {
    id: `series-${index}-${slug(row.row)}-${row.metric}`,
    title: `${row.row}: ${METRIC_LABELS[row.metric] ?? row.metric} against ${s.xLabel ?? 'item count'}${note}`,
    kind: 'line',
    datasets,
    linearX: true,
    xTitle: s.xLabel ?? 'items',
    yTitle: `${METRIC_LABELS[row.metric] ?? row.metric} (${row.unit})`,
    yUnit: tickUnit(row.unit),
  }
  return chartFigure(spec)
}

/** A bar chart of p50 and p99 per timed row of one table, or '' when no row has latency. */
export function latencyChart(table: string, rows: BenchRow[]): string {
  const timed = rows.filter((r) => r.latency !== undefined && Object.keys(r.latency).length > 0)
  if (timed.length === 0) return ''
  const labels = timed.map((r) => `${r.row} (${METRIC_LABELS[r.metric] ?? r.metric})`)
  const datasets: Dataset[] = []
  for (const col of COLUMNS) {
    if (!timed.some((r) => r.latency?.[col] !== undefined)) continue
    for (const stat of ['p50', 'p99'] as const) {
      datasets.push({
        label: `${COLUMN_LABELS[col]} ${stat}`,
        // p99 in a lighter shade of the column's colour.
        colour: stat === 'p50' ? COLUMN_COLOURS[col] : `${COLUMN_COLOURS[col]}88`,
        data: timed.map((r) => r.latency?.[col]?.[stat] ?? null),
      })
    }
  }
  return chartFigure({
    id: `latency-${slug(table)}`,
    title: `${table}: latency per operation, p50 and p99 (log scale)`,
    kind: 'bar',
    labels,
    datasets,
    yTitle: 'ms (log scale)',
    yUnit: 'ms',
    logY: true,
  })
}
