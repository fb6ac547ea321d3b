import { describe, expect, it } from 'vitest'
import { escapeHtml, jsonForScript, safeHref, slug } from '../../src/report/escape.ts'

describe('escaping', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    )
    expect(escapeHtml(42)).toBe('42')
  })

  it('neutralises script-bearing link schemes, even with hidden whitespace', () => {
    expect(safeHref('javascript:alert(1)')).toBe('#')
    expect(safeHref(' JaVa\tScRiPt:alert(1)')).toBe('#')
    expect(safeHref('data:text/html,<script>')).toBe('#')
    expect(safeHref('runs/a b.html?x="1"')).toBe('runs/a b.html?x=&quot;1&quot;')
  })

  it('writes JSON that cannot close a script element', () => {
    const s = jsonForScript({ label: '</script><script>alert(1)</script>', amp: 'a&b', ls: '\u2028' })
    expect(s).not.toContain('</script')
    expect(s).not.toContain('<')
    expect(JSON.parse(s)).toEqual({ label: '</script><script>alert(1)</script>', amp: 'a&b', ls: '\u2028' })
  })

  it('makes ids from free text', () => {
    expect(slug('core (100 members)')).toBe('core-100-members')
    expect(slug('<>')).toBe('x')
  })
})
