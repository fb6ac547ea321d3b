/**
 * Verdict badges. Every badge carries its verdict as a word, not only a colour, so a page reads
 * the same in greyscale and to a screen reader; "not evaluated" is neutral, never green.
 */
import { escapeHtml } from './escape.ts'

export type BadgeTone = 'good' | 'bad' | 'neutral'

const TONES: Record<string, BadgeTone> = {
  meets: 'good',
  holds: 'good',
  pass: 'good',
  yes: 'good',
  misses: 'bad',
  fails: 'bad',
  fail: 'bad',
  no: 'bad',
}

/** Tone of a verdict word; anything unknown (n/a, not-evaluated) is neutral. */
export function toneOf(verdict: string): BadgeTone {
  return TONES[verdict] ?? 'neutral'
}

const LABELS: Record<string, string> = {
  'not-evaluated': 'not evaluated',
  'not-enough-evidence': 'not enough evidence',
  'n/a': 'n/a',
}

/** `<span class="badge good">meets</span>`; the verdict text is escaped. */
export function badge(verdict: string, title?: string): string {
  const label = LABELS[verdict] ?? verdict
  const t = title === undefined ? '' : ` title="${escapeHtml(title)}"`
  return `<span class="badge ${toneOf(verdict)}"${t}>${escapeHtml(label)}</span>`
}

/** A yes/no badge for booleans such as "matches expected" or a final query's `holds`. */
export function boolBadge(ok: boolean, yes = 'yes', no = 'no'): string {
  return `<span class="badge ${ok ? 'good' : 'bad'}">${escapeHtml(ok ? yes : no)}</span>`
}
