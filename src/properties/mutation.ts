/**
 * Mutation testing of the lab itself: every mutant (a deliberately broken engine, see
 * src/engine/mutants) must be caught - killed - by the properties of the claims it breaks. A
 * property that no mutant, and no flaw of the spec profile, can make fail is a test that cannot
 * fail. Runs are differential: a failing plan kills a mutant only if the same plan holds on the
 * reference without it. Results are data; the CLI and tests decide what a survivor means.
 */
import { LabError } from '../engine/base/errors.ts'
import { MUTANTS, mutantByName } from '../engine/mutants/registry.ts'
import type { CheckName } from '../sim/scenario/schema.ts'
import { CHECKS } from './checks/catalogue.ts'
import { checkClaim, type ClaimCheckResult } from './claimCheck.ts'

export interface MutationOptions {
  /** Runs per claim property (fast-check `numRuns`). */
  readonly runs: number
  /** fast-check seed of every property run. */
  readonly seed: number
  /** Only these mutants (default: every registered one). */
  readonly mutants?: readonly string[]
  /** Wall clock for timings (ms; default measures nothing). */
  readonly wallClock?: () => number
  /** Called after each mutant (progress). */
  readonly onMutant?: (outcome: MutantOutcome) => void
}

/** One claim's property tried against a mutant. */
export interface ClaimTry {
  readonly claim: CheckName
  readonly verdict: ClaimCheckResult['verdict']
  readonly runs: number
  readonly evaluated: number
  readonly ms: number
  /** Failing plans that failed without the mutant too (a flaw of the reference, not counted). */
  readonly baselineFailures: number
}

export interface MutantOutcome {
  readonly mutant: string
  readonly description: string
  readonly kills: readonly CheckName[]
  readonly killed: boolean
  /** The claim whose property failed. */
  readonly by?: CheckName
  /** Runs the killing property took, the failing one included; unkilled: runs of every claim tried. */
  readonly runs: number
  readonly ms: number
  /** Claims tried, in order, until one killed the mutant. */
  readonly tried: readonly ClaimTry[]
  /** The failing run (seed and path replay it with `checkClaim`). */
  readonly counterexample?: { readonly seed: number; readonly path: string; readonly detail: string }
}

export interface MutationReport {
  readonly runs: number
  readonly seed: number
  readonly mutants: readonly MutantOutcome[]
  readonly killed: number
  readonly total: number
  /** killed / total (1 when there is no mutant). */
  readonly score: number
}

/** The claims a mutant names, checked against the catalogue. */
function killClaims(name: string): CheckName[] {
  const claims = mutantByName(name).kills
  for (const c of claims)
    if (!CHECKS.has(c as CheckName))
      throw new LabError('INTERNAL', `mutant ${name} names no claim of the catalogue: ${c}`)
  return claims as CheckName[]
}

const tryOf = (r: ClaimCheckResult): ClaimTry => ({
  claim: r.claim,
  verdict: r.verdict,
  runs: r.runs,
  evaluated: r.evaluated,
  ms: r.ms,
  baselineFailures: r.baselineFailures ?? 0,
})

/** Runs the properties of a mutant's claims, in order, until one fails (the reference profile, no shrinking). */
export function runMutant(name: string, options: Omit<MutationOptions, 'mutants' | 'onMutant'>): MutantOutcome {
  const wall = options.wallClock ?? (() => 0)
  const m = mutantByName(name)
  const kills = killClaims(name)
  const start = wall()
  const tried: ClaimTry[] = []
  for (const claim of kills) {
    const r = checkClaim(claim, {
      profile: 'reference',
      runs: options.runs,
      seed: options.seed,
      mutant: name,
      noShrink: true,
      differential: true,
      wallClock: wall,
    })
    tried.push(tryOf(r))
    if (r.verdict === 'fails') {
      const cx = r.counterexample!
      const counterexample = { seed: cx.seed, path: cx.path, detail: cx.detail }
      return {
        mutant: name,
        description: m.description,
        kills,
        killed: true,
        by: claim,
        runs: r.runs,
        ms: Math.round(wall() - start),
        tried,
        counterexample,
      }
    }
  }
  const runs = tried.reduce((n, t) => n + t.runs, 0)
  return { mutant: name, description: m.description, kills, killed: false, runs, ms: Math.round(wall() - start), tried }
}

/** Runs every mutant (or the listed ones) and scores the properties: killed / total. */
export function runMutationTests(options: MutationOptions): MutationReport {
  const names = options.mutants ?? [...MUTANTS.keys()]
  const mutants: MutantOutcome[] = []
  for (const name of names) {
    const outcome = runMutant(name, options)
    mutants.push(outcome)
    options.onMutant?.(outcome)
  }
  const killed = mutants.filter((m) => m.killed).length
  return {
    runs: options.runs,
    seed: options.seed,
    mutants,
    killed,
    total: mutants.length,
    score: mutants.length === 0 ? 1 : killed / mutants.length,
  }
}
