/**
 * The index page (`reports/index.html`): a link to each report that exists, with its one-line
 * summary and verdict. Links from data are escaped and script schemes are neutralised.
 */
import { badge } from './badges.ts'
import { escapeHtml, safeHref } from './escape.ts'
import type { IndexEntry } from './inputs.ts'
import { htmlPage } from './shell.ts'

/** Renders the index of `entries` (in the given order). */
export function renderIndex(entries: IndexEntry[]): string {
  const items = entries.map((e) => {
    const v = e.verdict === undefined ? '' : ` ${badge(e.verdict)}`
    return (
      `<li><a href="${safeHref(e.href)}">${escapeHtml(e.title)}</a>${v}<br><span ` +
      `class="muted">${escapeHtml(e.summary)}</span></li>`
    )
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
