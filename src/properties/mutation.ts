/**
 * Mutation testing of the lab itself: every mutant (a deliberately broken engine, see
 * src/engine/mutants) must be caught - killed - by what conformance runs, at conformance's budget:
 * the property of a claim it breaks (its runs drawn from the same seeds), or one of the lab's
 * scenario files. A property that no mutant, and no flaw of the spec profile, can make fail is a
 * test that cannot fail. Kills are differential: a failing plan kills a mutant only if the same
 * plan holds without it; a scenario only if it passes without it. Results are data; the CLI and
 * tests decide what a survivor means.
 */
import { LabError } from '../engine/base/errors.ts'
import { MUTANTS, mutantByName } from '../engine/mutants/registry.ts'
import type { Scenario } from '../sim/scenario/model.ts'
import type { CheckName } from '../sim/scenario/schema.ts'
import { CHECKS } from './checks/catalogue.ts'
import { checkClaim, type ClaimCheckResult } from './claimCheck.ts'
import { budgetParts } from './evidence.ts'
import { runAndCheck } from './runAndCheck.ts'

/** A lab scenario file, by name (`scenarios/<name>.json`). */
export interface NamedScenario {
  readonly name: string
  readonly scenario: Scenario
}

export interface MutationOptions {
  /** Runs per claim property (fast-check `numRuns`, over all seeds): conformance's budget. */
  readonly runs: number
  /** First fast-check seed. */
  readonly seed: number
  /** Seeds the runs are drawn from (`seed` on), as conformance draws them. */
  readonly seeds?: number
  /** The lab's scenario files conformance runs (the other layer that may kill a mutant). */
  readonly scenarios?: readonly NamedScenario[]
  /** Only these mutants (default: every registered one). */
  readonly mutants?: readonly string[]
  /** Wall clock for timings (ms; default measures nothing). */
  readonly wallClock?: () => number
  /** Called after each mutant (progress). */
  readonly onMutant?: (outcome: MutantOutcome) => void
}

/** One layer tried against a mutant: a claim's property, or a scenario file. */
export interface LayerTry {
  /** `claim:<name>` or `scenario:<name>`. */
  readonly layer: string
  readonly verdict: ClaimCheckResult['verdict'] | 'pass' | 'fail'
  readonly runs: number
  readonly evaluated: number
  readonly ms: number
  /** Failing plans that failed without the mutant too (a flaw of the reference, not counted). */
  readonly baselineFailures: number
}

export interface MutantOutcome {
  readonly mutant: string
  readonly description: string
  /** What the mutant names as its killers (claims, `scenario:<name>`). */
  readonly kills: readonly string[]
  readonly killed: boolean
  /** The layer that killed it: `claim:<name>` or `scenario:<name>`. */
  readonly by?: string
  /** Runs until the kill, every layer tried before included; unkilled: runs of every layer tried. */
  readonly runs: number
  readonly ms: number
  readonly tried: readonly LayerTry[]
  /** The failing run of a claim (seed and path replay it with `checkClaim`), or the scenario's failure. */
  readonly counterexample?: { readonly seed: number; readonly path: string; readonly detail: string }
}

export interface MutationReport {
  readonly runs: number
  readonly seed: number
  readonly seeds: number
  readonly mutants: readonly MutantOutcome[]
  readonly killed: number
  readonly total: number
  /** killed / total (1 when there is no mutant). */
  readonly score: number
}

/** What a mutant names as killers, checked: claims of the catalogue, or scenarios conformance runs. */
function killers(name: string, scenarios: readonly NamedScenario[]): string[] {
  const out: string[] = []
  for (const k of mutantByName(name).kills) {
    if (k.startsWith('scenario:')) {
      if (!scenarios.some((s) => `scenario:${s.name}` === k))
        throw new LabError('INTERNAL', `mutant ${name} names no scenario conformance runs: ${k}`)
      out.push(k)
    } else if (CHECKS.has(k as CheckName)) out.push(`claim:${k}`)
    else throw new LabError('INTERNAL', `mutant ${name} names no claim of the catalogue: ${k}`)
  }
  return out
}

/** A claim's property against the mutant, part by part (seed by seed) until one fails. */
function tryClaim(
  claim: CheckName,
  name: string,
  o: MutationOptions,
): { t: LayerTry; r: ClaimCheckResult | undefined } {
  const wall = o.wallClock ?? (() => 0)
  const start = wall()
  let runs = 0
  let evaluated = 0
  let baselineFailures = 0
  for (const part of budgetParts(o.runs, o.seed, o.seeds ?? 1)) {
    const r = checkClaim(claim, {
      profile: 'reference',
      runs: part.runs,
      seed: part.seed,
      mutant: name,
      noShrink: true,
      differential: true,
      wallClock: wall,
    })
    runs += r.runs
    evaluated += r.evaluated
    baselineFailures += r.baselineFailures ?? 0
    if (r.verdict === 'fails') {
      const t = {
        layer: `claim:${claim}`,
        verdict: r.verdict,
        runs,
        evaluated,
        ms: Math.round(wall() - start),
        baselineFailures,
      }
      return { t, r }
    }
  }
  const t = {
    layer: `claim:${claim}`,
    verdict: 'holds' as const,
    runs,
    evaluated,
    ms: Math.round(wall() - start),
    baselineFailures,
  }
  return { t, r: undefined }
}

/** A scenario file against the mutant: killed when it fails with the mutant and passes without. */
function tryScenario(s: NamedScenario, name: string, o: MutationOptions): { t: LayerTry; detail?: string } {
  const wall = o.wallClock ?? (() => 0)
  const start = wall()
  const mutated = runAndCheck(s.scenario, { mutant: name, profile: 'reference' }).result
  const baseline = mutated.verdict === 'fail' ? runAndCheck(s.scenario, { profile: 'reference' }).result : undefined
  const killed = mutated.verdict === 'fail' && baseline?.verdict === 'pass'
  const t: LayerTry = {
    layer: `scenario:${s.name}`,
    verdict: killed ? 'fail' : 'pass',
    runs: 1,
    evaluated: 1,
    ms: Math.round(wall() - start),
    baselineFailures: mutated.verdict === 'fail' && !killed ? 1 : 0,
  }
  if (!killed) return { t }
  const failed = Object.entries(mutated.checks).filter(([, c]) => c.evaluated && !c.holds)
  const detail = [
    ...failed.map(([n, c]) => `${n}: ${c.evaluated ? c.detail : ''}`),
    ...mutated.final.filter((f) => !f.holds).map((f) => `${f.query}: ${f.detail ?? 'fails'}`),
  ].join('; ')
  return { t, detail }
}

/**
 * Tries a mutant's named killers in order, then every other scenario conformance runs, until one
 * kills it (the reference profile, no shrinking).
 */
export function runMutant(name: string, options: Omit<MutationOptions, 'mutants' | 'onMutant'>): MutantOutcome {
  const wall = options.wallClock ?? (() => 0)
  const m = mutantByName(name)
  const scenarios = options.scenarios ?? []
  const named = killers(name, scenarios)
  const layers = [...named, ...scenarios.map((s) => `scenario:${s.name}`).filter((l) => !named.includes(l))]
  const start = wall()
  const tried: LayerTry[] = []
  const base = { mutant: name, description: m.description, kills: m.kills }
  for (const layer of layers) {
    if (layer.startsWith('claim:')) {
      const { t, r } = tryClaim(layer.slice('claim:'.length) as CheckName, name, options)
      tried.push(t)
      if (!r) continue
      const cx = r.counterexample!
      const counterexample = { seed: cx.seed, path: cx.path, detail: cx.detail }
      const runs = tried.reduce((n, x) => n + x.runs, 0)
      return { ...base, killed: true, by: layer, runs, ms: Math.round(wall() - start), tried, counterexample }
    }
    const s = scenarios.find((x) => `scenario:${x.name}` === layer)!
    const { t, detail } = tryScenario(s, name, options)
    tried.push(t)
    if (detail === undefined) continue
    const runs = tried.reduce((n, x) => n + x.runs, 0)
    const counterexample = { seed: s.scenario.seed, path: '', detail }
    return { ...base, killed: true, by: layer, runs, ms: Math.round(wall() - start), tried, counterexample }
  }
  const runs = tried.reduce((n, t) => n + t.runs, 0)
  return { ...base, killed: false, runs, ms: Math.round(wall() - start), tried }
}

/** Runs every mutant (or the listed ones) and scores the lab: killed / total. */
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
    seeds: options.seeds ?? 1,
    mutants,
    killed,
    total: mutants.length,
    score: mutants.length === 0 ? 1 : killed / mutants.length,
  }
}
