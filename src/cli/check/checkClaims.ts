/**
 * `crdt-lab check`: the claims' properties, each failure told as a story, written as a scenario
 * file and printed with the commands that replay it.
 */
import type { ClaimCheckResult } from '../../properties/claimCheck.ts'
import { CHECKS } from '../../properties/checks/catalogue.ts'
import { CHECK_NAMES, type CheckName } from '../../sim/scenario/schema.ts'
import { LabError } from '../../engine/base/errors.ts'
import { checkCommandLine, runCommandLine } from '../commandLine.ts'
import { EXIT, type ExitCode } from '../exit.ts'
import { writeFileMakingDirs } from '../files.ts'
import { CheckPool } from './checkPool.ts'
import { checkProgress } from './checkProgress.ts'
import { FOUND_DIR, writeFoundScenario } from './foundScenario.ts'
import type { ProfileName } from '../../engine/base/enums.ts'
import { verdictText } from '../../properties/evidence.ts'

export interface CheckCliOptions {
  readonly claims?: string
  readonly runs: number
  readonly seed: number
  /** Fast-check seeds the runs are drawn from (`seed` on); default one per worker. */
  readonly seeds?: number
  readonly path?: string
  readonly profile: ProfileName
  readonly workers: number
  readonly out?: string
  readonly json?: string
  readonly mutant?: string
  readonly shrink: boolean
  readonly shrinkBudget?: number
}

/** Claim names from `a,b`; an unknown name is bad usage. */
export function claimList(text: string | undefined): CheckName[] {
  if (!text) return [...CHECK_NAMES]
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  for (const n of names) {
    if (!(CHECK_NAMES as readonly string[]).includes(n))
      throw new LabError(
        'BAD_USAGE',
        `--claims: unknown claim ${JSON.stringify(n)}; expected some of ${CHECK_NAMES.join(', ')}`,
      )
  }
  return names as CheckName[]
}

export async function checkClaims(o: CheckCliOptions, log: (line: string) => void): Promise<ExitCode> {
  const claims = claimList(o.claims)
  if (o.path && claims.length !== 1)
    throw new LabError('BAD_USAGE', '--path replays one counterexample: give exactly one claim with --claims')
  const pool = await CheckPool.open(o.workers)
  const results: ClaimCheckResult[] = []
  const started = performance.now()
  const progress = checkProgress()
  try {
    for (const [i, claim] of claims.entries()) {
      progress.start(`${claim} (${o.profile})`, i, claims.length)
      const r = await pool.run(
        {
          claim,
          profile: o.profile,
          runs: o.runs,
          seed: o.seed,
          ...(o.seeds !== undefined ? { seeds: o.seeds } : {}),
          ...(o.path ? { path: o.path } : {}),
          ...(o.mutant ? { mutant: o.mutant } : {}),
          ...(o.shrink ? {} : { noShrink: true }),
          ...(o.shrinkBudget !== undefined ? { shrinkBudget: o.shrinkBudget } : {}),
        },
        (p) => progress.update(p),
      )
      progress.clear()
      results.push(r)
      report(r, o, log)
    }
  } finally {
    progress.clear()
    await pool.close()
  }
  const seconds = (performance.now() - started) / 1000
  const runs = results.reduce((n, r) => n + r.runs, 0)
  log(
    `${runs} runs in ${seconds.toFixed(1)} s (${(runs / seconds).toFixed(1)} ` +
      `runs/s on ${pool.workers} worker${pool.workers === 1 ? '' : 's'})`,
  )
  if (o.json)
    writeFileMakingDirs(
      o.json,
      `${JSON.stringify(
        { profile: o.profile, seed: o.seed, runs: o.runs, workers: pool.workers, results },
        null,
        2,
      )}\n`,
    )
  // A claim that did not hold on enough evidence (not evaluated included) is not a pass either.
  return results.every((r) => r.verdict === 'holds') ? EXIT.pass : EXIT.fail
}

function report(r: ClaimCheckResult, o: CheckCliOptions, log: (line: string) => void): void {
  const head = `${r.claim} (${r.profile}):`
  const applied = `${r.evaluated} of ${r.runs} runs applied, ${r.needed} needed, ${(r.ms / 1000).toFixed(1)} s`
  if (r.verdict !== 'fails' || !r.counterexample) {
    log(`${head} ${verdictText(r.verdict, r.evaluated, r.needed)} (${applied})`)
    return
  }
  const cx = r.counterexample
  log(`${head} FAILS (${applied})`)
  log(`  claim: ${CHECKS.get(r.claim)!.claim}`)
  log(`  ${cx.detail}`)
  log(
    `  seed ${cx.seed}, path ${cx.path}; the shrunk ` +
      `counterexample${r.shrinkCut ? ' (shrinking stopped at --shrink-budget)' : ''}, ` +
      `as a story:`,
  )
  cx.story.forEach((line, i) => log(`    ${i + 1}. ${line}`))
  const file = writeFoundScenario(o.out ?? FOUND_DIR, r.claim, cx)
  log(`  written as ${file}; replay it with:`)
  log(`    ${runCommandLine(file)}`)
  log(`    ${checkCommandLine({ claim: r.claim, profile: r.profile, runs: o.runs, seed: cx.seed, path: cx.path })}`)
}
