/**
 * Conformance report: every claim of the catalogue against both engine profiles, whether each
 * verdict matches what is expected, and for each failing claim its counterexample told as a
 * numbered story with the command that replays it.
 */
import { badge, boolBadge } from './badges.ts'
import { escapeHtml, safeHref, slug } from './escape.ts'
import { formatCount, formatMs } from './format.ts'
import type { ClaimOutcome, ConformanceResult, Profile } from './inputs.ts'
import { htmlPage } from './shell.ts'
import { htmlTable } from './table.ts'
import { coverageSection } from './coverageTable.ts'
import type { ClaimExplored } from './exploredClaim.ts'
import { PROFILE_NAMES } from '../engine/base/enums.ts'

const PROFILES: readonly Profile[] = PROFILE_NAMES

/** Renders the whole conformance report. */
export function renderConformanceReport(result: ConformanceResult): string {
  const mismatches = result.claims.filter((c) => !c.matchesExpected).length
  const subtitle = [
    `${result.claims.length} claims`,
    `${formatCount(result.budget.runs)} runs each`,
    `seed ${result.budget.seed}`,
  ]
  if (result.generatedAt !== undefined) subtitle.push(`generated ${result.generatedAt}`)
  const verdict =
    mismatches === 0
      ? `<p>${boolBadge(true, 'as expected', '')} Every verdict matches <code>conformance.expected.json</code>.</p>`
      : `<p>${boolBadge(false, '', 'unexpected')} ${mismatches} ` +
        `claim${mismatches === 1 ? '' : 's'} departed from ` +
        `<code>conformance.expected.json</code>.</p>`
  const body = [
    verdict,
    claimsTable(result.claims),
    coverageSection(result.claims, PROFILES),
    counterexamples(result.claims),
  ].join('\n')
  return htmlPage({ title: 'crdt-lab conformance', subtitle: subtitle.join(' · '), body })
}

function claimsTable(claims: ClaimExplored[]): string {
  const explored = claims.some((c) => c.explored)
  const rows = claims.map((c) => [
    checkCell(c),
    `<q>${escapeHtml(c.claim)}</q>`,
    ...PROFILES.map((p) => profileCell(c, p)),
    boolBadge(c.matchesExpected),
    ...(explored ? [exploredCell(c)] : []),
  ])
  return `<h2>Claims</h2>${htmlTable({
    caption: 'Claims of the spec against both engine profiles',
    headers: [
      'Check',
      'Spec sentence',
      'spec profile',
      'reference profile',
      'Matches expected',
      ...(explored ? ['Explored (every schedule of scenarios/explore)'] : []),
    ],
    rows,
    rowHeaders: true,
  })}`
}

/** Each profile's verdict over every schedule in scope, with the shortest failing schedule's file. */
function exploredCell(c: ClaimExplored): string {
  if (!c.explored) return '<span class="muted">no small scenario stages it</span>'
  return PROFILES.map((p) => {
    const e = c.explored![p]
    const tone = e.verdict === 'holds' || e.verdict === 'fails' ? e.verdict : 'not-evaluated'
    const head = `${escapeHtml(p)}: ${badge(tone)}`
    const what =
      e.verdict === 'fails' && e.failure
        ? ` after ${e.failure.depth} steps of ${escapeHtml(e.failure.scenario)}` +
          (e.failure.scenarioFile ? ` (<code>${escapeHtml(e.failure.scenarioFile)}</code>)` : '')
        : e.verdict === 'holds'
          ? ` in scope (${escapeHtml(formatCount(e.states))} states)`
          : ` ${escapeHtml(e.verdict)}`
    return `${head}${what}`
  }).join('<br>')
}

/** The check's name, linked to its first counterexample when a profile fails. */
function checkCell(c: ClaimOutcome): string {
  const failing = PROFILES.find((p) => c.profiles[p].verdict === 'fails')
  const name = `<code>${escapeHtml(c.check)}</code>`
  return failing === undefined ? name : `<a href="#${escapeHtml(`${anchor(c.check)}-${failing}`)}">${name}</a>`
}

function profileCell(c: ClaimOutcome, p: Profile): string {
  const o = c.profiles[p]
  const expected = c.expected[p]
  const exp = o.verdict === expected ? '' : ` <span class="muted">(expected ${escapeHtml(expected)})</span>`
  const shown =
    o.verdict === 'fails' && expected === 'fails'
      ? '<span class="badge expected" title="the spec\'s code breaks this claim, as conformance.expected.json ' +
        'expects">fails, as expected</span>'
      : badge(o.verdict)
  const runs = `${escapeHtml(formatCount(o.runs))} runs · ${escapeHtml(formatMs(o.ms))}`
  return `${shown}${exp}<br><span class="muted">${runs}</span>`
}

const anchor = (check: string): string => `claim-${slug(check)}`

function counterexamples(claims: ClaimOutcome[]): string {
  const sections: string[] = []
  for (const c of claims) {
    for (const p of PROFILES) {
      const o = c.profiles[p]
      if (o.verdict !== 'fails') continue
      sections.push(counterexampleSection(c, p))
    }
  }
  if (sections.length === 0) return '<h2>Counterexamples</h2><p class="muted">No claim failed.</p>'
  return `<h2>Counterexamples</h2>\n${sections.join('\n')}`
}

function counterexampleSection(c: ClaimOutcome, p: Profile): string {
  const o = c.profiles[p]
  const id = `${anchor(c.check)}-${p}`
  const mark =
    c.expected[p] === 'fails' ? '<span class="badge expected">as expected</span>' : boolBadge(false, '', 'unexpected')
  const head =
    `<h3 id="${escapeHtml(id)}"><code>${escapeHtml(c.check)}</code> fails on the ${escapeHtml(p)} profile ` +
    `${mark}</h3>`
  const cx = o.counterexample
  if (cx === undefined) return `${head}<p class="muted">No counterexample was recorded.</p>`
  const story =
    cx.story.length === 0
      ? '<p class="muted">No story was recorded.</p>'
      : `<ol class="story">${cx.story.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ol>`
  const file =
    cx.scenarioFile === undefined ? '' : `<p>Minimal scenario: <code>${escapeHtml(cx.scenarioFile)}</code></p>`
  const report =
    cx.report === undefined
      ? ''
      : `<p><a href="${safeHref(cx.report)}">Run report of this counterexample</a> (timeline, message flow, checks)</p>`
  const check =
    cx.replayCheck === undefined
      ? ''
      : `<p>Replay it as a property case:</p>\n<pre><code>${escapeHtml(cx.replayCheck)}</code></pre>`
  return `${head}
<p>Seed <code>${escapeHtml(cx.seed)}</code>, path <code>${escapeHtml(cx.path)}</code></p>
${story}
${file}
${report}
<p>Rerun it:</p>
<pre><code>${escapeHtml(cx.replay)}</code></pre>
${check}`
}
