/**
 * When a measured figure "meets" a claim of the spec's performance tables. The spec's figures are
 * estimates ("~50KB") or bounds ("<10ms"); the rule for each wording is fixed here, used by the
 * bench harness to compute verdicts and quoted on the bench report so readers see the rule.
 */
import type { BenchColumn, BenchVerdict, ClaimBound } from './inputs.ts'

/** "~X" counts as met up to this multiple of X: the spec's sizes are rough estimates. */
export const ABOUT_FACTOR = 2

/** The rule for each wording, in words, as the report shows it. */
export const CLAIM_RULES: Record<ClaimBound, string> = {
  about:
    `"~X" (an estimated cost) meets when the measured figure is at most ` +
    `${ABOUT_FACTOR}·X; being cheaper than claimed never misses.`,
  under: `"<X" meets only when the measured figure is strictly under X.`,
  atMost: `"X" (e.g. "0" network bytes) meets when the measured figure is at most X.`,
  capacity: `"X items in L bytes" meets when at least X/${ABOUT_FACTOR} items fit within L.`,
  atLeast: `"≥X" (a project target, e.g. a throughput ratio) meets when the measured figure is at least X.`,
}

/** Verdict of one measured figure against a claim; `n/a` when either is missing. */
export function verdictOf(
  claimed: number | null,
  bound: ClaimBound,
  measured: number | null | undefined,
): BenchVerdict {
  if (claimed === null || measured === null || measured === undefined || !Number.isFinite(measured)) return 'n/a'
  switch (bound) {
    case 'about':
      return measured <= ABOUT_FACTOR * claimed ? 'meets' : 'misses'
    case 'under':
      return measured < claimed ? 'meets' : 'misses'
    case 'atMost':
      return measured <= claimed ? 'meets' : 'misses'
    case 'capacity':
      return measured >= claimed / ABOUT_FACTOR ? 'meets' : 'misses'
    case 'atLeast':
      return measured >= claimed ? 'meets' : 'misses'
  }
}

/**
 * The row's verdict (DESIGN §7): the `reference` profile's, which is the one meant to deliver the
 * spec's claims; the `spec` profile's when only it was measured; `n/a` when neither was.
 */
export function rowVerdict(verdicts: Partial<Record<BenchColumn, BenchVerdict>>): BenchVerdict {
  const ref = verdicts.reference ?? 'n/a'
  if (ref !== 'n/a') return ref
  return verdicts.spec ?? 'n/a'
}
