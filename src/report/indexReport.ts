/**
 * The index page (`reports/index.html`): a link to each report that exists, with its one-line
 * summary and verdict. Links from data are escaped and script schemes are neutralised.
 */
import { badge, toneOf } from './badges.ts'
import { escapeHtml, safeHref } from './escape.ts'
import type { IndexEntry } from './inputs.ts'
import { htmlPage } from './shell.ts'

/** A foreseen failure reads "fails, as expected" in a neutral tone; an unforeseen outcome says so. */
function verdictBadge(e: IndexEntry): string {
  const v = e.verdict!
  if (e.expected === true && toneOf(v) === 'bad')
    return (
      '<span class="badge expected" title="the spec\'s own code breaks this claim: the lab shows it">' +
      `${escapeHtml(v)}, as expected</span>`
    )
  if (e.expected === false) return `${badge(v)} <span class="badge bad">unexpected</span>`
  return badge(v)
}

/** Renders the index of `entries` (in the given order). */
export function renderIndex(entries: IndexEntry[]): string {
  const items = entries.map((e) => {
    const v = e.verdict === undefined ? '' : ` ${verdictBadge(e)}`
    const link = `<a href="${safeHref(e.href)}">${escapeHtml(e.title)}</a>`
    return `<li>${link}${v}<br><span class="muted">${escapeHtml(e.summary)}</span></li>`
  })
  const body =
    entries.length === 0
      ? '<p class="muted">No reports yet. Run <code>npm start</code> to generate them.</p>'
      : `<ul class="reports">\n${items.join('\n')}\n</ul>`
  return htmlPage({
    title: 'crdt-lab reports',
    subtitle: `${entries.length} report${entries.length === 1 ? '' : 's'}`,
    body,
  })
}
