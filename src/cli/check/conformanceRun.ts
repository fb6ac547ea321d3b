/**
 * `crdt-lab conformance`: every claim's property under both profiles, compared with the committed
 * expectation; the claims table as JSON and HTML; counterexamples written as scenario files.
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { ClaimCheckResult } from '../../properties/claimCheck.ts'
import {
  atRecordedBudget,
  conformanceOf,
  CONFORMANCE_PROFILES,
  departureLines,
  expectationOf,
  outcomeOf,
  expectationFrom,
  type ConformanceExpectation,
  type ConformanceResult,
  type ScenarioOutcome,
} from '../../properties/conformance.ts'
import { LabError } from '../../engine/base/errors.ts'
import { renderConformanceReport } from '../../report/conformanceReport.ts'
import type { Coverage, ConformanceResult as ReportInput } from '../../report/inputs.ts'
import { writeReport } from '../../report/write.ts'
import { checkCommandLine, runCommandLine } from '../commandLine.ts'
import { EXIT, type ExitCode } from '../exit.ts'
import { readJsonFile, writeFileMakingDirs } from '../files.ts'
import { runFiles } from '../runFiles.ts'
import { claimList } from './checkClaims.ts'
import { CheckPool } from './checkPool.ts'
import { checkProgress } from './checkProgress.ts'
import { FOUND_DIR, writeFoundScenario } from './foundScenario.ts'
import { labScenarios } from '../labScenarios.ts'
import { failedExpectations, runAndCheck } from '../../properties/runAndCheck.ts'
import { withExplored } from '../../properties/explore/conformanceColumn.ts'
import { exploreStagings } from '../explore/conformanceExplore.ts'

export interface ConformanceCliOptions {
  readonly runs: number
  readonly seed: number
  /** Fast-check seeds the runs are drawn from (`seed` on); default 3. */
  readonly seeds?: number
  readonly claims?: string
  readonly workers: number
  readonly json?: string
  readonly html?: string
  readonly expected: string
  readonly updateExpected?: boolean
  readonly shrink: boolean
  readonly shrinkBudget?: number
  readonly out?: string
  /** Add the explored column: every small scenario of scenarios/explore/ under both profiles. */
  readonly explore?: boolean
}

/** Seeds a conformance budget is drawn from by default (evidence.ts). */
export const DEFAULT_SEEDS = 3

export async function conformance(o: ConformanceCliOptions, log: (line: string) => void): Promise<ConformanceResult> {
  const expected = loadExpectation(o.expected, o.updateExpected === true)
  const pool = await CheckPool.open(o.workers)
  const results: ClaimCheckResult[] = []
  const started = performance.now()
  const progress = checkProgress()
  const claims = claimList(o.claims)
  const seeds = o.seeds ?? DEFAULT_SEEDS
  const count = claims.length * CONFORMANCE_PROFILES.length
  const jobs = claims.flatMap((claim) => CONFORMANCE_PROFILES.map((profile) => ({ claim, profile })))
  let shown = 0
  const start = (i: number): Promise<ClaimCheckResult> =>
    pool.run(
      {
        ...jobs[i]!,
        runs: o.runs,
        seed: o.seed,
        seeds,
        ...(o.shrink ? {} : { noShrink: true }),
        ...(o.shrinkBudget !== undefined ? { shrinkBudget: o.shrinkBudget } : {}),
      },
      (p) => i === shown && progress.update(p),
    )
  // With workers, every claim's parts are queued at once: the pool keeps both threads busy across
  // claims (one claim at a time left a thread idle whenever its parts or its shrinking ended
  // unevenly). Results are logged in claim order; verdicts do not depend on the order.
  const queued = pool.workers > 1 ? jobs.map((_, i) => start(i)) : []
  for (const q of queued) q.catch(() => undefined) // awaited below, in order
  try {
    for (const [i, { claim, profile }] of jobs.entries()) {
      shown = i
      progress.start(`${claim} (${profile})`, results.length, count)
      const r = await (queued[i] ?? start(i))
      progress.clear()
      results.push(r)
      const out = outcomeOf(r)
      const verdict = out.verdict === 'not-enough-evidence' ? 'thin evidence' : out.verdict
      log(
        `${claim.padEnd(16)} ${profile.padEnd(9)} ${verdict.padEnd(13)} ` +
          `${`${out.evaluated}/${out.runs} applied`.padEnd(16)} ` +
          `(holds needs ${out.needed}) ${(out.ms / 1000).toFixed(1)} s`,
      )
    }
  } finally {
    progress.clear()
    await pool.close()
  }
  const scenarios = o.claims ? [] : scenarioOutcomes(log)
  const result = conformanceOf(results, { runs: o.runs, seed: o.seed, seeds, expected, scenarios })
  if (o.explore) result.claims = withExplored(result.claims, await exploreStagings(o, log, claims))
  for (const c of result.claims) {
    for (const p of CONFORMANCE_PROFILES) {
      const cx = c.profiles[p]?.counterexample
      if (!cx) continue
      cx.scenarioFile = writeFoundScenario(o.out ?? FOUND_DIR, `${c.check}-${p}`, { ...cx, scenario: cx.scenario })
      cx.replay = runCommandLine(cx.scenarioFile)
      cx.replayCheck = checkCommandLine({ claim: c.check, profile: p, runs: o.runs, seed: cx.seed, path: cx.path })
    }
  }
  log(
    `${results.length} properties in ` +
      `${((performance.now() - started) / 1000).toFixed(0)} s (${o.runs} runs ` +
      `each from seeds ${o.seed}..${o.seed + seeds - 1}, ${pool.workers} ` +
      `worker${pool.workers === 1 ? '' : 's'})`,
  )
  const rec = expected.budget
  if (rec && !atRecordedBudget(rec, result.budget))
    log(
      `applied and coverage counts not compared: ${o.expected} records them at ${rec.runs} runs from seeds ` +
        `${rec.seed}..${rec.seed + rec.seeds - 1} (verdicts and the evidence threshold still are)`,
    )
  if (result.coverageGaps.length > 0) {
    log('coverage gaps (the verdict says nothing about these; a finding, not a pass):')
    for (const line of result.coverageGaps) log(`  ${line}`)
  } else log('coverage: every claim reached every op kind and fault under both profiles')
  if (o.json) writeFileMakingDirs(o.json, `${JSON.stringify(result, null, 2)}\n`)
  if (o.html) {
    const reports = await counterexampleReports(result, o.html)
    await writeReport(o.html, renderConformanceReport(toReport(result, reports)))
  }
  if (o.updateExpected) writeFileMakingDirs(o.expected, `${JSON.stringify(expectationOf(result, expected), null, 2)}\n`)
  return result
}

/** The exit code: 1 when a verdict departs from the expectation (unless it was just rewritten). */
export async function conformanceCommandRun(o: ConformanceCliOptions, log: (line: string) => void): Promise<ExitCode> {
  const result = await conformance(o, log)
  if (o.updateExpected) {
    log(`wrote ${o.expected}`)
    return EXIT.pass
  }
  if (result.departures.length === 0) {
    log(`every verdict matches ${o.expected}`)
    return EXIT.pass
  }
  log(`verdicts that depart from ${o.expected}:`)
  for (const line of departureLines(result)) log(`  ${line}`)
  return EXIT.fail
}

/** The lab's scenario files, each run under its own seed and profile (they must pass). */
function scenarioOutcomes(log: (line: string) => void): ScenarioOutcome[] {
  return labScenarios().map(({ name, scenario }) => {
    const { result } = runAndCheck(scenario)
    const failed = failedExpectations(scenario, result.checks, result.final, result.errors ?? [], result.liveness)
    log(`scenario ${name.padEnd(24)} ${result.verdict === 'pass' ? 'passes' : `FAILS (${failed.join(', ')})`}`)
    return result.verdict === 'pass' ? { name, verdict: 'pass' } : { name, verdict: 'fail', failed }
  })
}

function loadExpectation(path: string, updating: boolean): ConformanceExpectation {
  if (!existsSync(path)) {
    if (updating) return { version: 2, claims: {} }
    throw new LabError('FILE_NOT_FOUND', `no expectation file ${path} (write one with --update-expected)`, { path })
  }
  const raw = readJsonFile(path, 'conformance expectation') as Parameters<typeof expectationFrom>[0]
  if ((raw?.version !== 1 && raw?.version !== 2) || typeof raw.claims !== 'object' || raw.claims === null) {
    throw new LabError(
      'BAD_USAGE',
      `${path}: not a conformance expectation (expected {"version": 2, "claims": {...}})`,
      { path },
    )
  }
  return expectationFrom(raw)
}

/**
 * A run report of every counterexample's scenario file, beside the conformance page (`found/`),
 * so the page links each story to its timeline and message flow. Returns the links by claim and
 * profile (`check-profile`), relative to the page.
 */
async function counterexampleReports(r: ConformanceResult, html: string): Promise<Map<string, string>> {
  const links = new Map<string, string>()
  for (const c of r.claims)
    for (const p of CONFORMANCE_PROFILES) {
      const file = c.profiles[p]?.counterexample?.scenarioFile
      if (!file) continue
      const href = `found/${c.check}-${p}.html`
      await runFiles([file], { store: 'memory', html: join(dirname(html), href) }, () => {})
      links.set(`${c.check}-${p}`, href)
    }
  return links
}

/** The report's input: the same table, counterexamples with their stories and replay commands. */
export function toReport(r: ConformanceResult, reports: ReadonlyMap<string, string> = new Map()): ReportInput {
  return {
    budget: r.budget,
    claims: r.claims.map((c) => ({
      check: c.check,
      claim: c.claim,
      expected: c.expected as ReportInput['claims'][number]['expected'],
      matchesExpected: c.matchesExpected,
      ...(c.explored ? { explored: c.explored } : {}),
      profiles: Object.fromEntries(
        CONFORMANCE_PROFILES.map((p) => {
          const o = c.profiles[p]!
          const cx = o.counterexample
          return [
            p,
            {
              verdict: o.verdict,
              runs: o.runs,
              ms: o.ms,
              ...(o.coverage
                ? {
                    coverage: {
                      ...o.coverage,
                      ops: { ...o.coverage.ops },
                      faults: { ...o.coverage.faults },
                      gaps: { ops: [...o.coverage.gaps.ops], faults: [...o.coverage.gaps.faults] },
                    } satisfies Coverage,
                  }
                : {}),
              ...(cx
                ? {
                    counterexample: {
                      seed: cx.seed,
                      path: cx.path,
                      story: cx.story,
                      replay: cx.replay ?? '',
                      ...(cx.replayCheck ? { replayCheck: cx.replayCheck } : {}),
                      ...(reports.has(`${c.check}-${p}`) ? { report: reports.get(`${c.check}-${p}`)! } : {}),
                      ...(cx.scenarioFile ? { scenarioFile: cx.scenarioFile } : {}),
                    },
                  }
                : {}),
            },
          ]
        }),
      ) as ReportInput['claims'][number]['profiles'],
    })),
  }
}
