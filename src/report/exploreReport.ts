/**
 * Explore report: the search's figures beside each failing check's shortest schedule, step by
 * step, drawn as the run report draws a message flow (lanes per peer), with steps for time: every
 * step of a schedule runs at t=0, one past the last step is the heal and the drain.
 */
import { badge } from './badges.ts'
import { escapeHtml } from './escape.ts'
import { formatCount, formatMs } from './format.ts'
import type { Timeline } from './inputs.ts'
import { renderMessageFlowSvg } from './messageFlowSvg.ts'
import { htmlPage } from './shell.ts'
import { keyValueTable } from './table.ts'

/** What the report shows of one exploration (the explore JSON, with each failure's flow). */
export interface ExploreReportInput {
  readonly scenario: string
  readonly profile: string
  readonly complete: boolean
  readonly cut: string | null
  readonly states: number
  readonly uniqueStates: number
  readonly maxDepth: number
  readonly wallMs: number
  readonly uniqueEnds: number
  readonly reduction: { readonly sleepSets: boolean; readonly states: number; readonly statesWithout: number }
  readonly bounds: { readonly maxStates: number; readonly maxDepth: number; readonly maxFaults: number }
  readonly exercised: Readonly<Record<string, number>>
  readonly failures: readonly {
    readonly check: string
    readonly depth: number
    readonly detail: string
    readonly schedule: readonly string[]
    readonly scenarioFile?: string
    readonly flow?: Timeline
  }[]
}

/** Renders the report of one or more explorations. */
export function renderExploreReport(results: readonly ExploreReportInput[]): string {
  const body = results.map(section).join('\n')
  const title = results.length === 1 ? `Explore: ${results[0]!.scenario}` : 'crdt-lab explore'
  const failing = results.reduce((n, r) => n + r.failures.length, 0)
  return htmlPage({ title, subtitle: `${results.length} exploration(s), ${failing} failing check(s)`, body })
}

function section(r: ExploreReportInput): string {
  const verdict = r.failures.length > 0 ? 'fail' : 'pass'
  const scope = r.complete ? 'complete: every schedule within the bounds' : `INCOMPLETE: cut by ${r.cut}`
  const without = r.reduction.statesWithout
  const figures: [string, string][] = [
    ['Profile', r.profile],
    ['Search', scope],
    ['States (schedules run)', formatCount(r.states)],
    ['Unique states', formatCount(r.uniqueStates)],
    ['Depth', String(r.maxDepth)],
    ['Distinct ends', formatCount(r.uniqueEnds)],
    ['Wall time', formatMs(r.wallMs)],
    [
      'Reduction',
      r.reduction.sleepSets
        ? `sleep sets: ${formatCount(r.reduction.states)} schedules; ${formatCount(without)} without them`
        : 'none',
    ],
    ['Bounds', `states ${formatCount(r.bounds.maxStates)}, depth ${r.bounds.maxDepth}, faults ${r.bounds.maxFaults}`],
    [
      'Checks exercised at the ends',
      Object.entries(r.exercised)
        .map(([c, n]) => `${c} ${formatCount(n)}`)
        .join(', ') || 'none',
    ],
  ]
  return [
    `<h2>${escapeHtml(r.scenario)} (${escapeHtml(r.profile)}) ${badge(verdict)}</h2>`,
    keyValueTable('The search', figures),
    ...r.failures.map(failure),
  ].join('\n')
}

function failure(f: ExploreReportInput['failures'][number]): string {
  const steps = f.schedule.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('')
  const file = f.scenarioFile
    ? `<p>Scenario file: <code>${escapeHtml(f.scenarioFile)}</code>; replay: ` +
      `<code>${escapeHtml(`npx crdt-lab run ${f.scenarioFile}`)}</code></p>`
    : ''
  const flow = f.flow ? flowOf(f.flow) : ''
  return [
    `<h3>${badge('fail')} <code>${escapeHtml(f.check)}</code> after ${f.depth} step(s)</h3>`,
    `<p>${escapeHtml(f.detail)}</p>`,
    `<ol class="story">${steps}</ol>`,
    file,
    flow,
  ].join('\n')
}

function flowOf(t: Timeline): string {
  const last = t.durationMs
  const label = (x: number): string => (x >= last ? 'drain' : `step ${x}`)
  const pic = renderMessageFlowSvg(t, label)
  return (
    `<figure>${pic.svg}<figcaption>Messages of the schedule by step (the last column is the heal and ` +
    `the drain)</figcaption></figure>${pic.legend}`
  )
}
