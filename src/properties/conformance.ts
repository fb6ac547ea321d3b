/**
 * The conformance catalogue: every claim of the spec, checked by its property under both engine
 * profiles, compared with the committed expectation (`conformance.expected.json`). The result is
 * the claims table the lab publishes; a verdict that departs from the expectation is what a
 * user's CI fails on.
 */
import type { CheckName } from '../sim/scenario/schema.ts'
import { CHECKS } from './checks/catalogue.ts'
import type { ClaimCheckResult } from './claimCheck.ts'
import { type ProfileName, PROFILE_NAMES } from '../engine/base/enums.ts'
import type { ExploredClaim } from '../report/exploredClaim.ts'
import { gapLine, type ClaimCoverage } from './coverage.ts'

export const CONFORMANCE_PROFILES: readonly ProfileName[] = PROFILE_NAMES

export type Verdict = ClaimCheckResult['verdict']

/** `conformance.expected.json`: the expected verdict of every claim under each profile. */
export interface ConformanceExpectation {
  readonly version: 1
  readonly claims: Readonly<Record<string, Readonly<Record<ProfileName, Verdict>>>>
}

export interface ClaimProfileOutcome {
  verdict: Verdict
  runs: number
  /** Runs the claim applied to. */
  evaluated: number
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

export interface ConformanceResult {
  budget: { runs: number; seed: number }
  claims: ClaimOutcome[]
  /** Claims whose verdict departs from the expectation. */
  departures: string[]
  /** Every claim and profile whose runs never reached an op kind or fault the lab has (a finding, not a pass). */
  coverageGaps: string[]
}

/** The budget the properties ran with, and the expectation to compare with. */
export interface ConformanceOptions {
  readonly runs: number
  readonly seed: number
  readonly expected: ConformanceExpectation
}

/** The claims table from property results (both profiles of each claim), against the expectation. */
export function conformanceOf(results: readonly ClaimCheckResult[], options: ConformanceOptions): ConformanceResult {
  const claims: ClaimOutcome[] = []
  for (const check of [...new Set(results.map((r) => r.claim))]) {
    const profiles = {} as Record<ProfileName, ClaimProfileOutcome>
    for (const r of results.filter((x) => x.claim === check)) profiles[r.profile] = outcomeOf(r)
    const expected = expectedOf(options.expected, check)
    const matchesExpected = CONFORMANCE_PROFILES.every((p) => profiles[p]?.verdict === expected[p])
    claims.push({ check, claim: CHECKS.get(check)!.claim, profiles, expected, matchesExpected })
  }
  return {
    budget: { runs: options.runs, seed: options.seed },
    claims,
    departures: claims.filter((c) => !c.matchesExpected).map((c) => c.check),
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

export function outcomeOf(r: ClaimCheckResult): ClaimProfileOutcome {
  const base: ClaimProfileOutcome = {
    verdict: r.verdict,
    runs: r.runs,
    evaluated: r.evaluated,
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

function expectedOf(e: ConformanceExpectation, check: CheckName): Record<ProfileName, Verdict> {
  const x = e.claims[check]
  return { spec: x?.spec ?? 'holds', reference: x?.reference ?? 'holds' }
}

/** The expectation a result would write (`--update-expected`). */
export function expectationOf(result: ConformanceResult, previous: ConformanceExpectation): ConformanceExpectation {
  const claims: Record<string, Record<ProfileName, Verdict>> = { ...previous.claims }
  for (const c of result.claims)
    claims[c.check] = { spec: c.profiles.spec.verdict, reference: c.profiles.reference.verdict }
  return { version: 1, claims }
}

/** Lines telling how the verdicts depart from the expectation. */
export function departureLines(result: ConformanceResult): string[] {
  return result.claims
    .filter((c) => !c.matchesExpected)
    .flatMap((c) =>
      CONFORMANCE_PROFILES.filter((p) => c.profiles[p].verdict !== c.expected[p]).map(
        (p) => `${c.check} (${p}): expected ${c.expected[p]}, got ${c.profiles[p].verdict}`,
      ),
    )
}
