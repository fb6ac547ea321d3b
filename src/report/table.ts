/**
 * Accessible tables: a caption, `<th scope="col">` headers, and an optional row header per row.
 * Cells are HTML that the caller has already escaped (they often hold badges).
 */
import { escapeHtml } from './escape.ts'

export interface TableSpec {
  caption?: string
  /** Column headers, plain text (escaped here). */
  headers: string[]
  /** Rows of cell HTML; the first cell becomes a row header when `rowHeaders` is set. */
  rows: string[][]
  rowHeaders?: boolean
  /** Extra class names for the `<table>`. */
  className?: string
}

/** Renders a table; an empty `rows` renders a single "none" row so the headers still make sense. */
export function htmlTable(spec: TableSpec): string {
  const cls = spec.className ? ` class="${escapeHtml(spec.className)}"` : ''
  const caption = spec.caption ? `<caption>${escapeHtml(spec.caption)}</caption>` : ''
  const head = `<thead><tr>${spec.headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`
  const body =
    spec.rows.length === 0
      ? `<tr><td colspan="${spec.headers.length}" class="muted">none</td></tr>`
      : spec.rows
          .map((cells) => `<tr>${cells.map((c, i) => cell(c, i === 0 && spec.rowHeaders === true)).join('')}</tr>`)
          .join('\n')
  return `<table${cls}>${caption}${head}<tbody>\n${body}\n</tbody></table>`
}

const cell = (html: string, header: boolean): string => (header ? `<th scope="row">${html}</th>` : `<td>${html}</td>`)

/** A two-column key/value table (machine info, run stats). Keys and values are escaped here. */
export function keyValueTable(
  caption: string,
  entries: [string, string | number][],
  headers: [string, string] = ['Item', 'Value'],
): string {
  return htmlTable({
    caption,
    headers,
    rows: entries.map(([k, v]) => [escapeHtml(k), escapeHtml(v)]),
    rowHeaders: true,
    className: 'kv',
  })
}
