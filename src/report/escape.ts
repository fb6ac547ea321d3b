/**
 * Escaping of every string that comes from data. Pages are assembled as strings, so each value
 * crosses one of these functions before it reaches the HTML.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!)
}

/**
 * A link target from data, escaped; script-bearing schemes (`javascript:`, `data:`, `vbscript:`)
 * become `#` so a hostile index entry cannot run code when clicked.
 */
export function safeHref(href: string): string {
  // Browsers ignore control characters and spaces inside a scheme, so strip them before testing.
  const scheme = href.replace(/[\u0000-\u0020]/g, '').toLowerCase()
  if (/^(javascript|data|vbscript):/.test(scheme)) return '#'
  return escapeHtml(href)
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>`, `&` and the line separators are
 * written as unicode escapes, so no data can close the script element or open a comment.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** An id usable in HTML `id` attributes, derived from free text. */
export function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return s.length > 0 ? s : 'x'
}
