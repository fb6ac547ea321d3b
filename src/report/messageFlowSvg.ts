/**
 * Message flow between peers, after Maelstrom's messages.svg: a lane per peer, a line per message
 * from (sentAt, sender) to (at, receiver). Dropped, rejected and corrupted messages differ in colour
 * and in how their line ends (a cross, a bar, a triangle). Past a cap, lines are sampled and the
 * per-link table gives the full counts.
 */
import { escapeHtml } from './escape.ts'
import { formatBytes, formatCount, formatMs, formatVirtualTime } from './format.ts'
import type { MessageOutcome, Timeline, TimelineMessage } from './inputs.ts'
import { lanesBackdrop, lanesFor, sampleKeeping, svgFrame } from './lanes.ts'
import { htmlTable } from './table.ts'

/** Beyond this many messages, lines are sampled: every failed one first, then a stride. */
export const MAX_MESSAGE_LINES = 1200

export const OUTCOME_COLOURS: Record<MessageOutcome, string> = {
  delivered: '#1f6feb',
  duplicated: '#9c36b5',
  corrupted: '#e8590c',
  rejected: '#c2255c',
  dropped: '#6b1010',
}

/**
 * How a line ends, so outcomes differ by shape as well as colour: a lost message (dropped) ends in
 * a cross where it would have arrived; a message that arrived but was refused (rejected) in a
 * bar across the line; a damaged one (corrupted) in a triangle.
 */
const ENDS: Partial<Record<MessageOutcome, { mark: (x: number, y: number, c: string) => string; legend: string }>> = {
  dropped: {
    mark: (x, y, c) =>
      `<path d="M${(x - 4).toFixed(1)} ${(y - 4).toFixed(1)}l8 8m0 -8l-8 8" stroke="${c}" stroke-width="2"/>`,
    legend: 'dashed, ends in ×: lost on the way',
  },
  rejected: {
    mark: (x, y, c) =>
      `<rect x="${(x - 1.5).toFixed(1)}" y="${(y - 6).toFixed(1)}" width="3" height="12" fill="${c}"/>`,
    legend: 'solid, ends in a bar: arrived and was refused',
  },
  corrupted: {
    mark: (x, y, c) => `<path d="M${x.toFixed(1)} ${(y - 5).toFixed(1)}l5 9h-10z" fill="${c}"/>`,
    legend: 'dotted, ends in ▲: arrived damaged',
  },
}
const DASH: Partial<Record<MessageOutcome, string>> = { dropped: '5 3', corrupted: '2 2' }

const FAILED: ReadonlySet<MessageOutcome> = new Set(['dropped', 'corrupted', 'rejected'])

export interface MessageFlowPicture {
  svg: string
  legend: string
  note: string
  /** Counts per link over all messages (never sampled). */
  linkTable: string
}

/**
 * The message-flow SVG, its legend, the sampling note and the per-link table. `label` names a
 * point of the x axis (default: a virtual time; an explored schedule counts steps instead).
 */
export function renderMessageFlowSvg(
  t: Timeline,
  label: (t: number) => string = formatVirtualTime,
): MessageFlowPicture {
  const l = lanesFor(t.peers, t.durationMs, 48, label)
  const { shown, stride } = sampleKeeping(t.messages, MAX_MESSAGE_LINES, (m) => m.outcome !== 'delivered')
  const lines = shown.map((m) => messageLine(m, l.x(m.sentAt), l.y(m.from), l.x(m.at), l.y(m.to), label))
  const desc = `${t.messages.length} messages between ${t.peers.length} peers; ${shown.length} drawn.`
  const svg = svgFrame(l, 'message-flow', 'Messages between peers', desc, [lanesBackdrop(l), ...lines].join('\n'))
  const note =
    stride === 1
      ? ''
      : `Showing ${shown.length} of ${formatCount(t.messages.length)} messages: ` +
        `every one that was not simply delivered, and every ${stride}th delivered ` +
        `one. The table below counts all of them.`
  return { svg, legend: legend(), note, linkTable: linkTable(t.messages) }
}

function messageLine(
  m: TimelineMessage,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  label: (t: number) => string,
): string {
  const colour = OUTCOME_COLOURS[m.outcome]
  const failed = FAILED.has(m.outcome)
  const tip =
    `${m.kind} ${m.from} → ${m.to}, sent ${label(m.sentAt)}, ` + `${m.outcome} ${label(m.at)}, ${formatBytes(m.bytes)}`
  const dash = DASH[m.outcome] ? ` stroke-dasharray="${DASH[m.outcome]}"` : ''
  const cross = ENDS[m.outcome]?.mark(x2, y2, colour) ?? ''
  const line =
    `<line x1="${x1.toFixed(1)}" y1="${y1}" x2="${x2.toFixed(1)}" y2="${y2}" stroke="${colour}" ` +
    `stroke-opacity="${failed ? 0.9 : 0.45}" stroke-width="1.2"${dash}/>`
  return `<g class="msg msg-${m.outcome}"><title>${escapeHtml(tip)}</title>${line}${cross}</g>`
}

function legend(): string {
  const items = (Object.keys(OUTCOME_COLOURS) as MessageOutcome[]).map((o) => {
    const style = DASH[o] ? 'border-style:dashed' : ''
    const end = ENDS[o]?.legend
    const swatch = `<span class="swatch" style="background:${OUTCOME_COLOURS[o]};${style}"></span>`
    return `<li>${swatch}${escapeHtml(o)}${end ? ` (${escapeHtml(end)})` : ''}</li>`
  })
  return `<ul class="legend" aria-label="Message legend">${items.join('')}</ul>`
}

interface LinkCounts {
  total: number
  bytes: number
  latency: number
  by: Record<MessageOutcome, number>
}

function linkTable(messages: TimelineMessage[]): string {
  const links = new Map<string, LinkCounts>()
  for (const m of messages) {
    const key = `${m.from} → ${m.to}`
    const c = links.get(key) ?? {
      total: 0,
      bytes: 0,
      latency: 0,
      by: { delivered: 0, dropped: 0, corrupted: 0, rejected: 0, duplicated: 0 },
    }
    c.total++
    c.bytes += m.bytes
    c.latency += m.at - m.sentAt
    c.by[m.outcome]++
    links.set(key, c)
  }
  const rows = [...links.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, c]) => [
      escapeHtml(key),
      ...[c.total, c.by.delivered, c.by.duplicated, c.by.dropped, c.by.corrupted, c.by.rejected].map(formatCount),
      escapeHtml(formatBytes(c.bytes)),
      escapeHtml(formatMs(c.latency / c.total)),
    ])
  return htmlTable({
    caption: 'Messages per link (all messages)',
    headers: ['Link', 'Sent', 'Delivered', 'Duplicated', 'Dropped', 'Corrupted', 'Rejected', 'Bytes', 'Mean latency'],
    rows,
    rowHeaders: true,
  })
}
