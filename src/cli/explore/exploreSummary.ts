/** The summary `crdt-lab explore` prints for one scenario (and `merge` for joined shards). */
import type { ExploreResult } from '../../properties/explore/explore.ts'
import { runCommandLine } from '../commandLine.ts'

const n = (x: number): string => x.toLocaleString('en-US')

/** Lines: Stateright's, completeness, the reduction, the evidence, then each failure with its schedule. */
export function exploreSummary(r: ExploreResult): string[] {
  const out = [
    `  Done. states=${r.states}, unique=${r.uniqueStates}, depth=${r.maxDepth}, sec=${(r.wallMs / 1000).toFixed(1)}`,
    r.complete
      ? `  complete: every schedule within the bounds explored (${n(r.uniqueEnds)} distinct ends)`
      : `  INCOMPLETE: cut by ${bound(r)}: schedules beyond it were not explored; nothing below holds for them`,
    reductionLine(r),
    `  checks exercised at the ends: ${
      Object.entries(r.exercised)
        .map(([c, k]) => `${c} ${n(k)}`)
        .join(', ') || 'none'
    }`,
  ]
  if (r.failures.length === 0) out.push(`  no check fails${r.complete ? ' in scope' : ' in what was explored'}`)
  for (const f of r.failures) {
    out.push(`  FAILS ${f.check} after ${f.depth} step${f.depth === 1 ? '' : 's'}: ${f.detail}`)
    f.schedule.forEach((s, i) => out.push(`    ${i + 1}. ${s}`))
    if (f.scenarioFile) {
      out.push(`    scenario file: ${f.scenarioFile}`)
      out.push(`    replay: ${runCommandLine(f.scenarioFile)}`)
    }
  }
  return out
}

const bound = (r: ExploreResult): string =>
  r.cut === 'maxStates' ? `--max-states ${n(r.bounds.maxStates)}` : `--max-depth ${r.bounds.maxDepth}`

function reductionLine(r: ExploreResult): string {
  const { states, statesWithout, sleepSets } = r.reduction
  if (!sleepSets) return `  no reduction: ${n(states)} schedules run`
  const saved = statesWithout > 0 ? Math.round((100 * (statesWithout - states)) / statesWithout) : 0
  return `  sleep sets: ${n(states)} schedules run; ${n(statesWithout)} without them (${saved}% fewer)`
}
