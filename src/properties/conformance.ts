/**
 * The conformance catalogue: every claim of the spec, checked by its property under both engine
 * profiles, compared with the committed expectation (`conformance.expected.json`). The result is
 * the claims table the lab publishes; a verdict that departs from the expectation is what a
 * user's CI fails on. A verdict carries its evidence: the expectation records how many runs
 * applied to each claim that holds and how many exercised each op kind and fault (coverage.ts),
 * and a count that falls by more than a fifth of what was recorded (at the recorded budget) is a
 * departure too, as is any verdict short of evidence
 * (evidence.ts): a generator that stops aiming at its claim is caught, not averaged away.
 */
import type { CheckName } from '../sim/scenario/schema.ts'
import { CHECKS } from './checks/catalogue.ts'
import type { ClaimCheckResult } from './claimCheck.ts'
import { type ProfileName, PROFILE_NAMES } from '../engine/base/enums.ts'
import { verdictText, type ClaimVerdict } from './evidence.ts'
import type { ExploredClaim } from '../report/exploredClaim.ts'
import { gapLine, type ClaimCoverage } from './coverage.ts'

export const CONFORMANCE_PROFILES: readonly ProfileName[] = PROFILE_NAMES

export type Verdict = ClaimVerdict

/** What the expectation records of one claim under one profile. */
export interface ExpectedOutcome {
  readonly verdict: Verdict
  /** Runs that applied, when it holds (the budget below); absent for a failure (its runs stop early). */
  readonly applied?: number
  /** Runs that exercised each op kind and each fault (coverage.ts), the kinds some run reached. */
  readonly coverage?: RecordedCoverage
}

/** Coverage counts as the expectation records them: only the kinds some run reached. */
export interface RecordedCoverage {
  readonly ops: Readonly<Record<string, number>>
  readonly faults: Readonly<Record<string, number>>
}

/** The budget the recorded counts were measured at. */
export interface ConformanceBudget {
  readonly runs: number
  readonly seed: number
  /** Fast-check seeds the runs were drawn from (`seed` on). */
  readonly seeds: number
}

/**
 * `conformance.expected.json`: the expected verdict of every claim under each profile and, for
 * those that hold, how many runs applied (version 2; version 1 held verdicts only and still reads).
 */
export interface ConformanceExpectation {
  readonly version: 2
  readonly budget?: ConformanceBudget
  readonly claims: Readonly<Record<string, Readonly<Record<ProfileName, ExpectedOutcome>>>>
}

/** A coverage count may fall to this share of the recorded one before it is a departure. */
export const COVERAGE_FLOOR = 0.8

export interface ClaimProfileOutcome {
  verdict: Verdict
  runs: number
  /** Runs the claim applied to. */
  evaluated: number
  /** Applied runs a "holds" needs at this budget (evidence.ts). */
  needed: number
  /** Applied runs the expectation recorded, when these runs are the recorded ones (atRecordedBudget). */
  recorded?: number
  /** Coverage counts the expectation recorded, when these runs are the recorded ones. */
  recordedCoverage?: RecordedCoverage
  ms: number
  /** What the runs exercised (coverage.ts); a kind none reached is a coverage gap. */
  coverage?: ClaimCoverage
  counterexample?: {
    seed: number
    path: string
    story: string[]
    detail: string
    scenario: Record<string, unknown>
    scenarioFile?: string
    /** The command that reruns it (the CLI fills it in: `run` of the scenario file it wrote). */
    replay?: string
    /** The command that replays it as a property case (`check --seed S --path P`). */
    replayCheck?: string
  }
}

export interface ClaimOutcome {
  check: CheckName
  claim: string
  profiles: Record<ProfileName, ClaimProfileOutcome>
  expected: Record<ProfileName, Verdict>
  matchesExpected: boolean
  /** `--explore`: the claim over every schedule of the small scenarios staging it (explore/conformanceColumn.ts). */
  explored?: Record<ProfileName, ExploredClaim>
}

/** One of the lab's scenario files, run under its own seed and profile: each is expected to pass. */
export interface ScenarioOutcome {
  readonly name: string
  readonly verdict: 'pass' | 'fail'
  /** What failed (checks, `expect.final[i]`), when it failed. */
  readonly failed?: readonly string[]
}

export interface ConformanceResult {
  budget: ConformanceBudget
  claims: ClaimOutcome[]
  /** The lab's scenario files (a scenario that fails is a departure too). */
  scenarios: ScenarioOutcome[]
  /** Claims whose verdict departs from the expectation. */
  departures: string[]
  /** Every claim and profile whose runs never reached an op kind or fault the lab has (a finding, not a pass). */
  coverageGaps: string[]
}

/** The budget the properties ran with, and the expectation to compare with. */
export interface ConformanceOptions extends ConformanceBudget {
  readonly expected: ConformanceExpectation
  readonly scenarios?: readonly ScenarioOutcome[]
}

/** The claims table from property results (both profiles of each claim), against the expectation. */
export function conformanceOf(results: readonly ClaimCheckResult[], options: ConformanceOptions): ConformanceResult {
  const claims: ClaimOutcome[] = []
  for (const check of [...new Set(results.map((r) => r.claim))]) {
    const profiles = {} as Record<ProfileName, ClaimProfileOutcome>
    const recorded = options.expected.claims[check]
    for (const r of results.filter((x) => x.claim === check))
      profiles[r.profile] = outcomeOf(r, recordedAt(recorded?.[r.profile], options.expected.budget, options))
    const expected = expectedOf(options.expected, check)
    const matchesExpected = CONFORMANCE_PROFILES.every(
      (p) => profiles[p] && departureOf(profiles[p], expected[p]) === null,
    )
    claims.push({ check, claim: CHECKS.get(check)!.claim, profiles, expected, matchesExpected })
  }
  const scenarios = [...(options.scenarios ?? [])]
  return {
    budget: { runs: options.runs, seed: options.seed, seeds: options.seeds },
    claims,
    scenarios,
    departures: [
      ...claims.filter((c) => !c.matchesExpected).map((c) => c.check),
      ...scenarios.filter((s) => s.verdict !== 'pass').map((s) => `scenario:${s.name}`),
    ],
    coverageGaps: claims.flatMap((c) =>
      CONFORMANCE_PROFILES.flatMap((p) => {
        const cov = c.profiles[p]?.coverage
        // No record of what the runs did is no evidence that they reached anything.
        if (!cov) return [`${c.check} (${p}) coverage not recorded`]
        const line = gapLine(c.check, p, cov)
        return line ? [line] : []
      }),
    ),
  }
}

/**
 * Whether these runs are the ones the expectation recorded: the same runs from the same seeds
 * (fast-check's runs are a function of them). Counts are compared only then. At another budget the
 * runs are another sample, and a count compared across samples departs by chance: an op kind 5 of
 * 50 runs reached is missed by a 30-run budget's runs (a subset of them) often enough to fail a
 * user's CI on no change at all. The evidence threshold (evidence.ts) holds at every budget.
 */
export function atRecordedBudget(recorded: ConformanceBudget | undefined, now: ConformanceBudget): boolean {
  return (
    recorded !== undefined && recorded.runs === now.runs && recorded.seed === now.seed && recorded.seeds === now.seeds
  )
}

/** What the expectation recorded of one outcome, when these runs are the recorded ones. */
function recordedAt(
  x: ExpectedOutcome | undefined,
  budget: ConformanceBudget | undefined,
  now: ConformanceBudget,
): { applied?: number; coverage?: RecordedCoverage } {
  if (!x || !atRecordedBudget(budget, now)) return {}
  return {
    ...(x.applied !== undefined ? { applied: x.applied } : {}),
    ...(x.coverage ? { coverage: x.coverage } : {}),
  }
}

export function outcomeOf(
  r: ClaimCheckResult,
  recorded: { applied?: number; coverage?: RecordedCoverage } = {},
): ClaimProfileOutcome {
  const base: ClaimProfileOutcome = {
    verdict: r.verdict,
    runs: r.runs,
    evaluated: r.evaluated,
    needed: r.needed,
    ...(recorded.applied !== undefined ? { recorded: recorded.applied } : {}),
    ...(recorded.coverage ? { recordedCoverage: recorded.coverage } : {}),
    ms: r.ms,
    ...(r.coverage ? { coverage: r.coverage } : {}),
  }
  const cx = r.counterexample
  if (!cx) return base
  return {
    ...base,
    counterexample: { seed: cx.seed, path: cx.path, story: cx.story, detail: cx.detail, scenario: cx.scenario },
  }
}

/** Why an outcome departs from the expected verdict (its evidence included), or null when it does not. */
export function departureOf(o: ClaimProfileOutcome, expected: Verdict): string | null {
  if (o.verdict !== expected) return `expected ${expected}, got ${verdictText(o.verdict, o.evaluated, o.needed)}`
  if (o.verdict === 'holds' && o.recorded !== undefined && o.evaluated < Math.floor(o.recorded * COVERAGE_FLOOR))
    return (
      `holds, but on ${o.evaluated} applied runs where ${o.recorded} were recorded at this budget ` +
      `(fewer than ${Math.round(COVERAGE_FLOOR * 100)}%: the generator aims at the claim less often)`
    )
  const fell = o.verdict === 'holds' ? coverageFell(o) : []
  if (fell.length > 0)
    return `holds, but fewer runs exercised ${fell.join(', ')} than four fifths of what was recorded at this budget`
  return null
}

/** Op kinds and faults that fewer runs reached than four fifths of the record (`kind (now of recorded)`). */
function coverageFell(o: ClaimProfileOutcome): string[] {
  const rec = o.recordedCoverage
  const now = o.coverage
  if (!rec || !now) return []
  const fell = (kind: string, was: number, is: number) =>
    is < Math.floor(was * COVERAGE_FLOOR) ? [`${kind} (${is} of ${was})`] : []
  return [
    ...Object.entries(rec.ops).flatMap(([k, n]) => fell(k, n, now.ops[k] ?? 0)),
    ...Object.entries(rec.faults).flatMap(([k, n]) => fell(k, n, (now.faults as Record<string, number>)[k] ?? 0)),
  ]
}

function expectedOf(e: ConformanceExpectation, check: CheckName): Record<ProfileName, Verdict> {
  const x = e.claims[check]
  return { spec: x?.spec?.verdict ?? 'holds', reference: x?.reference?.verdict ?? 'holds' }
}

/** An expectation file's content as version 2 (version 1 held a verdict string per profile). */
export function expectationFrom(raw: {
  version: number
  budget?: ConformanceBudget
  claims: Record<string, Record<string, unknown>>
}): ConformanceExpectation {
  const claims: Record<string, Record<ProfileName, ExpectedOutcome>> = {}
  for (const [check, byProfile] of Object.entries(raw.claims)) {
    const out = {} as Record<ProfileName, ExpectedOutcome>
    for (const p of CONFORMANCE_PROFILES) {
      const v = byProfile[p]
      if (typeof v === 'string') out[p] = { verdict: v as Verdict }
      else if (v && typeof v === 'object') out[p] = v as ExpectedOutcome
    }
    claims[check] = out
  }
  return { version: 2, ...(raw.budget ? { budget: raw.budget } : {}), claims }
}

/** The expectation a result would write (`--update-expected`): verdicts, and applied counts of what holds. */
export function expectationOf(result: ConformanceResult, previous: ConformanceExpectation): ConformanceExpectation {
  const claims: Record<string, Record<ProfileName, ExpectedOutcome>> = { ...previous.claims }
  for (const c of result.claims) {
    const one = (p: ProfileName): ExpectedOutcome => {
      const o = c.profiles[p]
      if (o.verdict !== 'holds') return { verdict: o.verdict }
      const reached = (m: Readonly<Record<string, number>>) =>
        Object.fromEntries(Object.entries(m).filter(([, n]) => n > 0))
      const coverage = o.coverage && { ops: reached(o.coverage.ops), faults: reached(o.coverage.faults) }
      return { verdict: o.verdict, applied: o.evaluated, ...(coverage ? { coverage } : {}) }
    }
    claims[c.check] = { spec: one('spec'), reference: one('reference') }
  }
  return { version: 2, budget: result.budget, claims }
}

/** Lines telling how the verdicts depart from the expectation. */
export function departureLines(result: ConformanceResult): string[] {
  return [
    ...result.claims.flatMap((c) =>
      CONFORMANCE_PROFILES.flatMap((p) => {
        const why = departureOf(c.profiles[p], c.expected[p])
        return why === null ? [] : [`${c.check} (${p}): ${why}`]
      }),
    ),
    ...result.scenarios
      .filter((s) => s.verdict !== 'pass')
      .map((s) => `scenario ${s.name}: expected pass, got fail (${(s.failed ?? []).join(', ')})`),
  ]
}
