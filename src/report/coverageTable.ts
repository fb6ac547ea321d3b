/**
 * The conformance report's coverage table: for each claim and profile, how many of its runs
 * exercised each op kind and each fault (observed from the runs, not planned), and the kinds no
 * run reached, shown as gaps: the claim's verdict says nothing about those.
 */
import { escapeHtml } from './escape.ts'
import type { ClaimOutcome, Coverage, Profile } from './inputs.ts'
import { htmlTable } from './table.ts'

const reached = (counts: Record<string, number>): string => {
  const all = Object.keys(counts).length
  const some = Object.values(counts).filter((n) => n > 0).length
  return `${some} of ${all}`
}

const gapsCell = (c: Coverage): string => {
  const gaps = [...c.gaps.ops, ...c.gaps.faults]
  return gaps.length === 0
    ? '<span class="badge good">no gap</span>'
    : `<span class="badge bad" title="a finding, not a pass">${gaps.length} ` +
        `gap${gaps.length === 1 ? '' : 's'}</span> ` +
        gaps.map((g) => `<code>${escapeHtml(g)}</code>`).join(', ')
}

/** Every claim under every profile with its coverage; empty when no outcome carries one. */
export function coverageSection(claims: readonly ClaimOutcome[], profiles: readonly Profile[]): string {
  const rows: string[][] = []
  for (const c of claims)
    for (const p of profiles) {
      const cov = c.profiles[p].coverage
      if (cov)
        rows.push([
          `<code>${escapeHtml(c.check)}</code> ${escapeHtml(p)}`,
          String(cov.runs),
          reached(cov.ops),
          reached(cov.faults),
          gapsCell(cov),
        ])
    }
  if (rows.length === 0) return ''
  return `<h2>Coverage</h2>
<p>What each claim's runs did, read from their journals: an op kind counts when an op of it applied,
a fault when it happened (a message lost, duplicated, damaged or overtaken counts too). A kind no
run reached is a gap: the claim was never tested against it.</p>
${htmlTable({
  caption: 'Op kinds and faults each claim exercised, per profile',
  headers: ['Claim', 'Runs', 'Op kinds run', 'Faults seen', 'Gaps'],
  rows,
  rowHeaders: true,
})}`
}
