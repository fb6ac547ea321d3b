/**
 * Verdicts with their evidence. A property "holds" only when enough of its generated runs
 * exercised the claim: one applied run out of fifty proves next to nothing, and before this rule a
 * claim held as soon as one run applied. A failure needs one run (a counterexample is proof).
 *
 * K, the runs a verdict of "holds" needs: a fifth of the budget, at least one. Why a fifth: each
 * claim's plan (arbitraries/plans.ts) is tilted so that its claim applies to most runs; a share
 * below a fifth means the generator no longer aims at the claim. Why a share and not a count: the
 * tests run 4 to 12 runs, conformance 50 (K = 10) and `check` up to thousands; a fixed count is
 * either unreachable in the first or meaningless in the last. At the conformance default, a bug
 * that shows in a quarter of the runs that exercise its claim escapes K = 10 such runs with
 * probability 0.75^10 = 5.6%, and the several seeds of conformance (below) draw those runs from
 * independent streams.
 *
 * Runs are drawn from several fast-check seeds (`seed`, `seed + 1`, ...): a budget split in parts,
 * each part its own seed. The split is fixed by the seed count, not by the number of worker
 * threads, so a verdict and its counts are the same on every machine.
 */
import type { CheckName } from '../sim/scenario/schema.ts'
import type { ProfileName } from '../engine/base/enums.ts'

export type ClaimVerdict = 'holds' | 'fails' | 'not-evaluated' | 'not-enough-evidence'

/** Runs a "holds" needs out of `runs`: a fifth, at least one (see the module comment). */
export const evidenceNeeded = (runs: number): number => Math.max(1, Math.ceil(runs / 5))

/** The verdict of a property that did not fail: holds on enough evidence, else says what it lacks. */
export function verdictOf(failed: boolean, evaluated: number, needed: number): ClaimVerdict {
  if (failed) return 'fails'
  if (evaluated >= needed) return 'holds'
  return evaluated === 0 ? 'not-evaluated' : 'not-enough-evidence'
}

/** A verdict in words: "holds", "fails", "not evaluated", "not enough evidence (3 applied runs of the 10 needed)". */
export function verdictText(v: ClaimVerdict, evaluated: number, needed: number): string {
  if (v === 'fails') return 'fails'
  if (v === 'not-enough-evidence') return `not enough evidence (${evaluated} applied runs of the ${needed} needed)`
  if (v === 'not-evaluated') return 'not evaluated (no generated run applied)'
  return 'holds'
}

/** One part of a budget: its own fast-check seed and runs. */
export interface BudgetPart {
  readonly seed: number
  readonly runs: number
}

/** `runs` split over `seeds` seeds from `seed` on, as evenly as whole runs allow (no empty part). */
export function budgetParts(runs: number, seed: number, seeds: number): BudgetPart[] {
  const n = Math.max(1, Math.min(seeds, runs))
  const base = Math.floor(runs / n)
  return Array.from({ length: n }, (_, i) => ({ seed: seed + i, runs: base + (i < runs % n ? 1 : 0) }))
}

/** What merging needs of each part's result. */
export interface PartResult {
  readonly claim: CheckName
  readonly profile: ProfileName
  readonly verdict: ClaimVerdict
  readonly runs: number
  readonly evaluated: number
  readonly ms: number
}

/**
 * The verdict of a budget from its parts: the first failing part (in seed order) decides a
 * failure; otherwise the applied runs of every part together must reach K of the whole budget.
 */
export function mergeVerdict(parts: readonly PartResult[]): {
  verdict: ClaimVerdict
  runs: number
  evaluated: number
  needed: number
} {
  const runs = parts.reduce((n, p) => n + p.runs, 0)
  const evaluated = parts.reduce((n, p) => n + p.evaluated, 0)
  const needed = evidenceNeeded(runs)
  return {
    verdict: verdictOf(
      parts.some((p) => p.verdict === 'fails'),
      evaluated,
      needed,
    ),
    runs,
    evaluated,
    needed,
  }
}
