/**
 * The run timeline as Jepsen plots it: virtual time across, one lane per peer, fault periods
 * shaded in the lanes they affect, and a mark per operation (a cross when it failed).
 */
import { escapeHtml } from './escape.ts'
import { formatVirtualTime } from './format.ts'
import type { FaultKind, Timeline } from './inputs.ts'
import { lanesBackdrop, lanesFor, sampleKeeping, svgFrame } from './lanes.ts'

export const FAULT_COLOURS: Record<FaultKind, string> = {
  partition: '#f59f00',
  offline: '#868e96',
  crash: '#e03131',
  hold: '#7048e8',
  clockSkew: '#1c7ed6',
  oneWay: '#f76707',
  impersonate: '#c2255c',
  equivocate: '#862e9c',
}

const FAULT_LABELS: Record<FaultKind, string> = {
  partition: 'partitioned',
  offline: 'offline',
  crash: 'crashed',
  hold: 'messages held',
  clockSkew: 'clock skewed',
  oneWay: 'one-way link',
  impersonate: 'writing as another member',
  equivocate: 'equivocating',
}

/** Beyond this many operations the marks are sampled (failed ones always shown first). */
export const MAX_OP_MARKS = 2000

export interface TimelinePicture {
  svg: string
  legend: string
  /** A sentence when marks were sampled, else ''. */
  note: string
}

/** The timeline SVG, its legend, and a note when operations were sampled. */
export function renderTimelineSvg(t: Timeline): TimelinePicture {
  const l = lanesFor(t.peers, t.durationMs, 34)
  const faults = t.faults.flatMap((f) =>
    f.peers.map((p) => {
      const x1 = l.x(f.from)
      const w = Math.max(l.x(f.to) - x1, 2)
      const y = l.y(p) - l.laneHeight / 2 + 3
      const tip =
        `${f.label ?? FAULT_LABELS[f.kind]}: ${p} from ${formatVirtualTime(f.from)} ` + `to ${formatVirtualTime(f.to)}`
      return (
        `<rect class="fault fault-${f.kind}" x="${x1.toFixed(1)}" y="${y}" ` +
        `width="${w.toFixed(1)}" height="${l.laneHeight - 6}" ` +
        `fill="${FAULT_COLOURS[f.kind]}" fill-opacity="0.35" ` +
        `stroke="${FAULT_COLOURS[f.kind]}"><title>${escapeHtml(tip)}</title></rect>`
      )
    }),
  )
  const { shown, stride } = sampleKeeping(t.ops, MAX_OP_MARKS, (o) => !o.ok)
  const marks = shown.map((o) =>
    opMark(l.x(o.t), l.y(o.peer), o.ok, `${o.peer} ${o.op} at ${formatVirtualTime(o.t)}${o.ok ? '' : ' (failed)'}`),
  )
  const failures = failureMarks(t, l)
  const failed = t.failures?.length ? `; ${t.failures.map((f) => f.label).join('; ')}` : ''
  const desc =
    `${t.peers.length} peers over ${formatVirtualTime(t.durationMs)}; ${t.faults.length} fault periods; ` +
    `${t.ops.length} operations${failed}.`
  const svg = svgFrame(
    l,
    'timeline',
    'Timeline of the run',
    desc,
    [lanesBackdrop(l), ...faults, ...marks, ...failures].join('\n'),
  )
  const note =
    stride === 1
      ? ''
      : `Showing ${shown.length} of ${t.ops.length} operation marks: every failed ` +
        `one and every ${stride}th of the rest.`
  return { svg, legend: legend(t), note }
}

/** A red line across every lane at each failure moment, labelled with the check (one line per moment). */
function failureMarks(t: Timeline, l: ReturnType<typeof lanesFor>): string[] {
  const byTime = new Map<number, string[]>()
  for (const f of t.failures ?? []) byTime.set(f.t, [...(byTime.get(f.t) ?? []), f.check])
  return [...byTime].map(([at, checks], i) => {
    const x = l.x(at).toFixed(1)
    const tip = (t.failures ?? [])
      .filter((f) => f.t === at)
      .map((f) => f.label)
      .join('; ')
    const anchor = l.x(at) > l.width - 160 ? 'end' : 'start'
    const dx = anchor === 'end' ? -4 : 4
    const line =
      `<line x1="${x}" y1="22" x2="${x}" y2="${l.height - 2}" stroke="${FAILURE_COLOUR}" stroke-width="2" ` +
      'stroke-dasharray="6 3"/>'
    const label = escapeHtml(`✗ ${checks.join(', ')} at ${formatVirtualTime(at)}`)
    const text =
      `<text x="${(Number(x) + dx).toFixed(1)}" y="${34 + i * 12}" text-anchor="${anchor}" font-size="11" ` +
      `font-weight="700" fill="${FAILURE_COLOUR}">${label}</text>`
    return `<g class="failure"><title>${escapeHtml(tip)}</title>${line}${text}</g>`
  })
}

const FAILURE_COLOUR = '#b3261e'

function opMark(x: number, y: number, ok: boolean, tip: string): string {
  const cx = x.toFixed(1)
  if (ok)
    return `<circle class="op" cx="${cx}" cy="${y}" r="3" fill="#1f2328"><title>${escapeHtml(tip)}</title></circle>`
  return (
    `<path class="op op-failed" d="M${(x - 4).toFixed(1)} ${y - 4}l8 8m0 -8l-8 ` +
    `8" stroke="#b3261e" ` +
    `stroke-width="2"><title>${escapeHtml(tip)}</title></path>`
  )
}

function legend(t: Timeline): string {
  const kinds = [...new Set(t.faults.map((f) => f.kind))]
  const items = kinds.map(
    (k) => `<li><span class="swatch" style="background:${FAULT_COLOURS[k]}"></span>${escapeHtml(FAULT_LABELS[k])}</li>`,
  )
  items.push('<li><span class="swatch" style="background:#1f2328;border-radius:50%"></span>operation</li>')
  items.push('<li><span aria-hidden="true" style="color:#b3261e;font-weight:700">×</span> refused operation</li>')
  if ((t.failures ?? []).length > 0)
    items.push(
      `<li><span aria-hidden="true" style="color:${FAILURE_COLOUR};font-weight:700">┆</span> ` +
        'the moment a check failed</li>',
    )
  return `<ul class="legend" aria-label="Timeline legend">${items.join('')}</ul>`
}
