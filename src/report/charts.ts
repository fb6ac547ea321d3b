/**
 * Chart builders. A chart is a `<canvas>` plus its chart.js config as JSON in a sibling
 * `<script type="application/json">`; one bootstrap script (in the page shell) turns every such
 * pair into a chart with animation off, so it draws at once. Configs hold no functions: a `unit`
 * hint lets the bootstrap format ticks and tooltips (bytes, ms).
 */
import { escapeHtml, jsonForScript } from './escape.ts'

/** Colours per series, chosen to stay distinct for common colour-vision deficiencies. */
export const PALETTE = ['#1f6feb', '#d9480f', '#6b7280', '#2f9e44', '#9c36b5', '#e8590c', '#0b7285']
export const COLUMN_COLOURS: Record<string, string> = { reference: '#1f6feb', spec: '#d9480f', rawYjs: '#6b7280' }

export interface Dataset {
  label: string
  data: (number | null)[] | { x: number; y: number }[]
  colour?: string
  /** Dashed line (a reference line such as a claimed value). */
  dashed?: boolean
  /** Points only, no line between them (a figure measured at a single size). */
  pointsOnly?: boolean
}

export type TickUnit = 'B' | 'ms' | 'count'

export interface ChartSpec {
  /** DOM id of the canvas; unique in the page. */
  id: string
  /** Accessible description of the chart (also its visible caption). */
  title: string
  kind: 'line' | 'bar'
  labels?: (string | number)[]
  datasets: Dataset[]
  xTitle?: string
  yTitle?: string
  yUnit?: TickUnit
  /** x is numeric (item counts, virtual time) rather than categories. */
  linearX?: boolean
  logY?: boolean
  stepped?: boolean
}

/** The chart.js configuration for a spec (plain JSON). */
export function chartConfig(spec: ChartSpec): Record<string, unknown> {
  const datasets = spec.datasets.map((d, i) => {
    const colour = d.colour ?? PALETTE[i % PALETTE.length]!
    return {
      label: d.label,
      data: d.data,
      borderColor: colour,
      backgroundColor: spec.kind === 'bar' ? colour : `${colour}33`,
      borderWidth: 2,
      pointRadius: spec.kind === 'line' ? (d.pointsOnly ? 6 : d.dashed ? 0 : 2) : undefined,
      pointStyle: d.pointsOnly ? 'rectRot' : undefined,
      showLine: d.pointsOnly ? false : undefined,
      borderDash: d.dashed ? [6, 4] : undefined,
      stepped: spec.stepped === true ? 'before' : undefined,
      fill: false,
    }
  })
  const x: Record<string, unknown> = { title: { display: spec.xTitle !== undefined, text: spec.xTitle ?? '' } }
  if (spec.linearX === true) x['type'] = 'linear'
  const y: Record<string, unknown> = {
    type: spec.logY === true ? 'logarithmic' : 'linear',
    beginAtZero: spec.logY !== true,
    title: { display: spec.yTitle !== undefined, text: spec.yTitle ?? '' },
  }
  // A log axis starts at its smallest value by default, which makes that bar vanish; start it a
  // decade lower so every bar's length reads true.
  if (spec.logY === true) {
    const floor = logFloor(spec.datasets)
    if (floor !== undefined) y['min'] = floor
  }
  return {
    type: spec.kind,
    unit: spec.yUnit,
    data: { labels: spec.labels, datasets },
    options: { scales: { x, y }, plugins: { legend: { position: 'bottom' } } },
  }
}

/** The power of ten at or below the smallest positive value, or undefined when there is none. */
function logFloor(datasets: Dataset[]): number | undefined {
  const values = datasets.flatMap((d) => d.data.map((v) => (typeof v === 'number' ? v : v === null ? null : v.y)))
  const positive = values.filter((v): v is number => v !== null && v > 0)
  if (positive.length === 0) return undefined
  return 10 ** Math.floor(Math.log10(Math.min(...positive)))
}

/** A captioned figure with the canvas and its config. */
export function chartFigure(spec: ChartSpec): string {
  const id = escapeHtml(spec.id)
  const title = escapeHtml(spec.title)
  return `<figure class="chart-figure">
<figcaption>${title}</figcaption>
<div class="chart"><canvas id="${id}" role="img" aria-label="${title}"></canvas></div>
<script type="application/json" data-chart-for="${id}">${jsonForScript(chartConfig(spec))}</script>
</figure>`
}

/**
 * Runs in the page after chart.js: builds every chart, then marks `<html data-charts-ready>` with
 * the number drawn so tests (and people) can tell rendering is over.
 */
export const CHART_BOOTSTRAP =
  `(function () {
  var units = {
    B: function (v) { var a = Math.abs(v); return a < 1024 ? v + ' B' : ` +
  `a < 1048576 ? (v / 1024).toFixed(1) + ' KB' : (v / 1048576).toFixed(2) + ' MB'; },
    ms: function (v) { return (Math.abs(v) >= 1 ? +v.toFixed(2) : +v.toPrecision(3)) + ' ms'; },
    count: function (v) { return Number(v).toLocaleString('en-US'); }
  };
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  var drawn = 0;
  document.querySelectorAll('script[data-chart-for]').forEach(function (s) {
    var cfg = JSON.parse(s.textContent);
    var f = units[cfg.unit];
    if (f) {
      cfg.options.scales.y.ticks = cfg.unit === 'count' ? { callback: f, precision: 0 } : { callback: f };
      cfg.options.plugins.tooltip = { callbacks: { label: function (c) { ` +
  `return c.dataset.label + ': ' + f(c.parsed.y); } } };
    }
    delete cfg.unit;
    new Chart(document.getElementById(s.getAttribute('data-chart-for')), cfg);
    drawn++;
  });
  document.documentElement.setAttribute('data-charts-ready', String(drawn));
})();`
