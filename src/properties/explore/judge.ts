/**
 * How explore judges a state, with the oracle's own checks (no new judge): at every state the
 * checks whose violations are recorded the moment they happen (a prune while a member lacked the
 * deletion, a repeated delivery that changed a document, a restart that lost saved state, an
 * engine error), so a state that breaks one is reported at the shortest schedule reaching it; at
 * every quiet end, the verdict of `crdt-lab run` on the schedule written as a scenario file,
 * which heals, drains and judges every check and final query.
 *
 * The other checks are not judged midway: they are claims about the end (replicas converge, the
 * later write wins everywhere, a fenced write leaves no trace), and midway replicas legitimately
 * differ.
 */
import type { SimRun } from '../../sim/run.ts'
import type { RunInProgress } from '../../sim/run.ts'
import { parseScenario } from '../../sim/scenario/load.ts'
import type { CheckName } from '../../sim/scenario/schema.ts'
import { CHECKS } from '../checks/catalogue.ts'
import { CheckContext } from '../checks/check.ts'
import type { History } from '../oracle/history.ts'
import { Namer } from '../naming/namer.ts'
import { failedExpectations, runAndCheck, type RunResult } from '../runAndCheck.ts'
import type { ExploreProgram, ExploreSettings } from './program.ts'
import { scheduleScenario } from './schedule.ts'

/** Checks judged at every state. */
export const STATE_CHECKS: readonly CheckName[] = ['pruneSafety', 'idempotence', 'persistence']

/** A failure as `crdt-lab run` names it (a check, `expect.final[i]`, `errors` or `liveness`), and why. */
export interface Failure {
  readonly check: string
  readonly detail: string
  /** Found midway (a state check: every longer schedule fails it too) or at the end of the run. */
  readonly at: 'state' | 'end'
}

/** The state checks the scenario expects (all that apply when it lists none) that fail now. */
export function judgeState(program: ExploreProgram, run: RunInProgress, history: History): Failure[] {
  const expected = program.scenario.expect.checks
  const names = STATE_CHECKS.filter((n) => expected === 'applicable' || expected.includes(n))
  const { world, scenario, seed, profile, bindings } = run
  const now: SimRun = {
    world,
    scenario,
    seed,
    profile,
    bindings,
    liveness: { converged: true, rounds: 0, detail: '' },
    healedAt: world.now,
  }
  // Read-only: pruneSafety would look for reappeared items itself, which the run only does as
  // messages arrive and at its end; looking more often would record what `run` cannot replay.
  const look = Object.create(history, { checkReappearance: { value: () => undefined } }) as History
  const ctx = new CheckContext(now, look)
  const namer = Namer.of(program.scenario, history.ops)
  const out: Failure[] = []
  for (const name of names) {
    const c = CHECKS.get(name)!.evaluate(ctx)
    if (c.evaluated && !c.holds) out.push({ check: name, detail: namer.text(c.detail), at: 'state' })
  }
  if (history.internal.length > 0) out.push({ check: 'errors', detail: namer.text(history.internal[0]!), at: 'state' })
  return out
}

/**
 * What `crdt-lab run` says of the schedule `steps` (heal, drain, every check and final query):
 * what fails, and which checks applied. A check the scenario lists that did not apply fails a
 * run, but not a schedule: most schedules of a race do not race (the later write saw the earlier
 * one); explore counts instead how many ends exercised each check (`exercised`).
 */
export function judgeEnd(
  program: ExploreProgram,
  steps: readonly Record<string, unknown>[],
  settings: ExploreSettings,
): { readonly failures: Failure[]; readonly exercised: string[] } {
  const json = scheduleScenario(program, steps, { profile: settings.profile, name: program.scenario.name })
  const scenario = parseScenario(json, `${program.scenario.source} (a schedule)`)
  const { result } = runAndCheck(scenario, settings.mutant ? { mutant: settings.mutant } : {})
  const exercised = Object.entries(result.checks).flatMap(([name, c]) => (c.evaluated ? [name] : []))
  return { failures: failuresOf(scenario, result), exercised }
}

/** The failures of a run's result, named as the run names them, but for checks that did not apply. */
export function failuresOf(scenario: Parameters<typeof failedExpectations>[0], r: RunResult): Failure[] {
  return failedExpectations(scenario, r.checks, r.final, r.errors ?? [], r.liveness)
    .filter((name) => r.checks[name]?.evaluated !== false)
    .map((check) => ({ check, detail: detailOf(check, r), at: 'end' as const }))
}

function detailOf(name: string, r: RunResult): string {
  const c = r.checks[name]
  if (c) return c.detail ?? 'did not apply'
  const final = /^expect\.final\[(\d+)\]$/.exec(name)
  if (final) {
    const q = r.final[Number(final[1])]!
    return q.detail ?? `${q.query} answered ${JSON.stringify(q.actual)}`
  }
  if (name === 'errors') return r.errors?.[0] ?? ''
  return r.liveness ?? ''
}
