/**
 * Runs a scenario with the oracle watching, evaluates the claims and the scenario's final
 * queries, and returns the result as data (DESIGN.md section 6). Exit codes are the CLI's business.
 */
import type { Scenario } from '../sim/scenario/model.ts'
import type { CheckName } from '../sim/scenario/schema.ts'
import { divergentDocs } from '../sim/divergence.ts'
import { runScenario, type RunOptions, type SimRun } from '../sim/run.ts'
import type { World, WorldObserver } from '../sim/world.ts'
import { CHECKS } from './checks/catalogue.ts'
import { CheckContext, type CheckOutcome } from './checks/check.ts'
import { runFinalQuery, type FinalQueryResult } from './finalQueries.ts'
import { History } from './oracle/history.ts'
import { Namer } from './naming/namer.ts'
import { failureMoments, timelineOf, type Timeline } from './timeline.ts'
import type { RunStats } from '../report/inputs.ts'
import type { ProfileName } from '../engine/base/enums.ts'

/** The run's counters, as the result JSON (DESIGN.md section 6) and its reports carry them. */
export type { RunStats }

/** DESIGN.md section 6. */
export interface RunResult {
  scenario: string
  seed: number
  profile: ProfileName
  traceHash: string
  verdict: 'pass' | 'fail'
  checks: Record<string, CheckOutcome>
  final: FinalQueryResult[]
  stats: RunStats
  /** Internal engine errors seen while receiving (each one fails the run). */
  errors?: string[]
  /** Ops of the scenario's own steps that the engine refused (they changed nothing); absent when none. */
  refused?: RefusedOp[]
  /** Why the run's event budget ran out, when it did: a liveness failure (expectation `liveness`). */
  liveness?: string
  timeline?: Timeline
}

/** A scripted op the engine refused, and why, in the run's names. */
export interface RefusedOp {
  /** Its place in the file's `steps`. */
  step: number
  t: number
  peer: string
  op: string
  code: string
  message: string
}

export interface CheckedRunOptions extends RunOptions {
  /** Only these checks (default: the catalogue). */
  readonly checks?: readonly CheckName[]
  /** Record the timeline (for `--html`): divergence is sampled every `sampleMs`. */
  readonly timeline?: boolean
  /** Wall clock for `stats.wallMs` (the CLI passes performance.now; the default measures nothing). */
  readonly wallClock?: () => number
  /**
   * Called once the run is judged and before its world is disposed, e.g. to dump every replica's
   * documents (`crdt-lab run --dump`). It must not change the world.
   */
  readonly inspect?: (run: SimRun, result: RunResult) => void
}

export interface CheckedRun {
  readonly result: RunResult
  readonly run: SimRun
  readonly history: History
  /** Names for the ids the run's ops created (every detail of `result` is already named). */
  readonly namer: Namer
}

/** Runs `scenario` and judges it. The world's temp files are removed before returning. */
export function runAndCheck(scenario: Scenario, options: CheckedRunOptions = {}): CheckedRun {
  const wall = options.wallClock ?? (() => 0)
  const started = wall()
  const history = new History()
  const samples: Timeline['divergence'] = []
  const observers: WorldObserver[] = [history, ...(options.observers ?? [])]
  if (options.timeline) observers.push(divergenceSampler(samples, 250))
  const run = runScenario(scenario, { ...options, observers })
  try {
    const ctx = new CheckContext(run, history)
    const namer = Namer.of(run.scenario, history.ops)
    const names = options.checks ?? [...CHECKS.keys()]
    const checks: Record<string, CheckOutcome> = {}
    // Checks speak in the engine's ids; the result speaks in the scenario's names.
    for (const name of names) checks[name] = named(CHECKS.get(name)!.evaluate(ctx), namer)
    const final = scenario.expect.final.map((q) => runFinalQuery(ctx, q, namer))
    const errors = history.internal
    const refused = refusedOps(history, namer)
    const exhausted = run.liveness.exhausted ? run.liveness.detail : undefined
    const result: RunResult = {
      scenario: scenario.name,
      seed: run.seed,
      profile: run.profile,
      traceHash: run.world.journal.traceHash(),
      verdict: passes(scenario, checks, final, errors, exhausted) ? 'pass' : 'fail',
      checks,
      final,
      stats: statsOf(run, history, wall() - started),
      ...(errors.length ? { errors } : {}),
      ...(refused.length ? { refused } : {}),
      ...(exhausted === undefined ? {} : { liveness: exhausted }),
      ...(options.timeline
        ? { timeline: { ...timelineOf(run.world, samples), failures: failureMoments(checks, run.world.now) } }
        : {}),
    }
    options.inspect?.(run, result)
    return { result, run, history, namer }
  } finally {
    run.world.dispose()
  }
}

/** The scenario's own op steps that were refused (ops of random workloads are drawn again, so not listed). */
const refusedOps = (history: History, namer: Namer): RefusedOp[] =>
  history.ops.flatMap((o) =>
    o.error && o.step >= 0
      ? [{ step: o.step, t: o.t, peer: o.peer, op: o.op, code: o.error.code, message: namer.text(o.error.message) }]
      : [],
  )

/** The outcome with its detail in the run's names. */
const named = (c: CheckOutcome, namer: Namer): CheckOutcome => (c.detail ? { ...c, detail: namer.text(c.detail) } : c)

/**
 * Every expected check holds (a listed check that did not apply does not hold), every query holds,
 * no internal error.
 */
export function passes(
  scenario: Scenario,
  checks: Record<string, CheckOutcome>,
  final: readonly FinalQueryResult[],
  errors: readonly string[],
  exhausted?: string,
): boolean {
  return failedExpectations(scenario, checks, final, errors, exhausted).length === 0
}

/**
 * What fails a run, by name: each expected check that does not hold (a listed check that did not
 * apply does not hold), `expect.final[i]` for each final query that does not hold, and `errors`
 * when the engine reported internal errors, `liveness` when the event budget ran out (`exhausted`
 * says why). Empty for a passing run.
 */
export function failedExpectations(
  scenario: Scenario,
  checks: Record<string, CheckOutcome>,
  final: readonly FinalQueryResult[],
  errors: readonly string[],
  exhausted?: string,
): string[] {
  const listed = scenario.expect.checks !== 'applicable'
  const expected = listed ? (scenario.expect.checks as readonly string[]) : Object.keys(checks)
  const failed = expected.filter((name) => {
    const c = checks[name]
    if (!c) return true
    return c.evaluated ? !c.holds : listed
  })
  final.forEach((f, i) => {
    if (!f.holds) failed.push(`expect.final[${i}]`)
  })
  if (errors.length > 0) failed.push('errors')
  if (exhausted !== undefined) failed.push('liveness')
  return failed
}

function statsOf(run: SimRun, history: History, wallMs: number): RunStats {
  const w = run.world
  const n = w.network.stats
  return {
    sent: n.sent,
    delivered: n.delivered,
    dropped: n.dropped,
    duplicated: n.duplicated,
    corrupted: n.corrupted,
    rejected: w.stats.rejected,
    tombstones: w.journal.count('tombstone'),
    pruned: w.journal.count('prune'),
    ...history.refusals,
    simulatedMs: w.now,
    wallMs: Math.round(wallMs),
  }
}

/** Samples how many documents differ between replicas, every `every` ms of virtual time. */
function divergenceSampler(out: Timeline['divergence'], every: number): WorldObserver {
  let next = 0
  return {
    afterEvent(w: World) {
      if (w.now < next) return
      next = w.now + every
      out.push({ t: w.now, divergentDocs: divergentDocs(w).length })
    },
  }
}
