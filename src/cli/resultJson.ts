/**
 * The result JSON of `run --json` (DESIGN §6), made from a judged run: checks that were
 * evaluated are `{holds, detail}`, the others `{evaluated: false}`. Additive extras, kept only
 * where they explain a verdict: `detail` on a check that did not apply, `entity` and `detail` on
 * final queries, `errors` when the engine reported internal errors, `liveness` when the event
 * budget ran out (a liveness failure, and why). The timeline (for `--html`)
 * is never part of the JSON.
 */
import type { CheckOutcome } from '../properties/checks/check.ts'
import type { RunResult } from '../properties/runAndCheck.ts'
import type { RunResult as ReportRunResult } from '../report/inputs.ts'

/** §6 check outcome. */
export type CheckJson = { holds: boolean; detail: string } | { evaluated: false; detail?: string }

export type RunResultJson = Omit<RunResult, 'checks' | 'timeline'> & { checks: Record<string, CheckJson> }

const checkJson = (c: CheckOutcome): CheckJson =>
  c.evaluated
    ? { holds: c.holds, detail: c.detail }
    : c.detail
      ? { evaluated: false, detail: c.detail }
      : { evaluated: false }

/** `result` in the §6 shape, without its timeline. */
export function toResultJson(result: RunResult): RunResultJson {
  const { timeline: _timeline, checks, ...rest } = result
  return {
    scenario: rest.scenario,
    seed: rest.seed,
    profile: rest.profile,
    traceHash: rest.traceHash,
    verdict: rest.verdict,
    checks: Object.fromEntries(Object.entries(checks).map(([name, c]) => [name, checkJson(c)])),
    final: rest.final,
    stats: rest.stats,
    ...(rest.errors ? { errors: rest.errors } : {}),
    ...(rest.refused ? { refused: rest.refused } : {}),
    ...(rest.liveness === undefined ? {} : { liveness: rest.liveness }),
  }
}

/** What the run report renders: the §6 result plus the timeline, when recorded. */
export function toReportInput(result: RunResult): ReportRunResult {
  return { ...toResultJson(result), ...(result.timeline ? { timeline: result.timeline } : {}) }
}
