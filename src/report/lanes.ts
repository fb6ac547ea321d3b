/**
 * Geometry shared by the run report's SVG pictures: x is virtual time, one horizontal lane per
 * peer (as Jepsen's timelines and Maelstrom's message diagrams lay them out), a time axis on top.
 */
import { escapeHtml } from './escape.ts'
import { formatVirtualTime } from './format.ts'

export interface Lanes {
  peers: string[]
  durationMs: number
  width: number
  height: number
  laneHeight: number
  /** x of a virtual time, clamped to the plot. */
  x(t: number): number
  /** y of the centre of a peer's lane (peers not in the list go to the last lane). */
  y(peer: string): number
  /** y of the top of lane `i`. */
  top(i: number): number
  /** A tick's label (a virtual time unless the picture counts something else, such as steps). */
  label(t: number): string
}

const LEFT = 120
const RIGHT = 16
const AXIS = 28
const WIDTH = 1000

/** Lays out `peers` over `[0, durationMs]`; ticks labelled by `label` (default: virtual time). */
export function lanesFor(
  peers: string[],
  durationMs: number,
  laneHeight: number,
  label: (t: number) => string = formatVirtualTime,
): Lanes {
  const span = Math.max(durationMs, 1)
  const plot = WIDTH - LEFT - RIGHT
  const index = new Map(peers.map((p, i) => [p, i]))
  const top = (i: number): number => AXIS + i * laneHeight
  return {
    peers,
    durationMs: span,
    width: WIDTH,
    height: AXIS + Math.max(peers.length, 1) * laneHeight + 4,
    laneHeight,
    x: (t) => LEFT + (Math.min(Math.max(t, 0), span) / span) * plot,
    y: (peer) => top(index.get(peer) ?? Math.max(peers.length - 1, 0)) + laneHeight / 2,
    top,
    label,
  }
}

/** A step of 1, 2 or 5 times a power of ten giving about `count` ticks over `span`. */
export function niceStep(span: number, count = 8): number {
  const raw = Math.max(span, 1) / count
  const pow = 10 ** Math.floor(Math.log10(raw))
  const m = raw / pow
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * pow
}

/** Lane backgrounds, peer labels and the time axis with gridlines. */
export function lanesBackdrop(l: Lanes): string {
  const out: string[] = []
  l.peers.forEach((p, i) => {
    const fill = i % 2 === 0 ? '#f6f8fa' : '#ffffff'
    out.push(
      `<rect x="${LEFT}" y="${l.top(i)}" width="${WIDTH - LEFT - RIGHT}" height="${l.laneHeight}" fill="${fill}"/>`,
    )
    out.push(
      `<text x="${LEFT - 8}" y="${l.top(i) + l.laneHeight / 2 + 4}" ` +
        `text-anchor="end" font-size="13" fill="#1f2328">${escapeHtml(p)}</text>`,
    )
  })
  const step = niceStep(l.durationMs)
  for (let t = 0; t <= l.durationMs + 1e-9; t += step) {
    const x = l.x(t).toFixed(1)
    out.push(`<line x1="${x}" y1="${AXIS - 4}" x2="${x}" y2="${l.height - 4}" stroke="#d1d9e0" stroke-width="1"/>`)
    out.push(
      `<text x="${x}" y="${AXIS - 8}" text-anchor="middle" font-size="11" ` +
        `fill="#59636e">${escapeHtml(l.label(t))}</text>`,
    )
  }
  return out.join('\n')
}

/** Wraps SVG content with a viewBox, a title and a description for assistive technology. */
export function svgFrame(l: Lanes, id: string, title: string, desc: string, content: string): string {
  return (
    `<svg id="${escapeHtml(id)}" viewBox="0 0 ${l.width} ${l.height}" width="${l.width}" role="img" ` +
    `aria-labelledby="${escapeHtml(id)}-title ${escapeHtml(id)}-desc" xmlns="http://www.w3.org/2000/svg">
<title id="${escapeHtml(id)}-title">${escapeHtml(title)}</title>
<desc id="${escapeHtml(id)}-desc">${escapeHtml(desc)}</desc>
${content}
</svg>`
  )
}

/**
 * Picks at most `cap` items, keeping every item `keep` says to keep (up to the cap) and an even,
 * deterministic stride through the rest, in original order. Returns the stride used (1 = all).
 */
export function sampleKeeping<T>(items: T[], cap: number, keep: (item: T) => boolean): { shown: T[]; stride: number } {
  if (items.length <= cap) return { shown: items, stride: 1 }
  const kept = new Set<number>()
  items.forEach((m, i) => {
    if (keep(m) && kept.size < cap) kept.add(i)
  })
  const rest = items.length - kept.size
  const room = cap - kept.size
  const stride = room <= 0 ? Infinity : Math.ceil(rest / room)
  let seen = 0
  items.forEach((m, i) => {
    if (kept.has(i)) return
    if (seen++ % stride === 0 && kept.size < cap) kept.add(i)
  })
  return { shown: items.filter((_, i) => kept.has(i)), stride }
}
