/** `crdt-lab mutation`: every deliberately broken engine against what conformance runs; the mutation score. */
import { runMutationTests, type MutantOutcome, type MutationReport } from '../../properties/mutation.ts'
import { EXIT, type ExitCode } from '../exit.ts'
import { writeFileMakingDirs } from '../files.ts'
import { labScenarios } from '../labScenarios.ts'

export interface MutationCliOptions {
  readonly runs: number
  readonly seed: number
  readonly seeds: number
  readonly mutants?: string
  readonly json?: string
}

/** One line per mutant: who killed it (a claim's property or a scenario file), after how many runs. */
export function mutantLine(m: MutantOutcome): string {
  const how = m.killed ? `killed by ${m.by} after ${m.runs} run(s)` : `SURVIVED ${m.runs} run(s)`
  return `${m.mutant.padEnd(28)} ${how} (${(m.ms / 1000).toFixed(1)} s) - ${m.description}`
}

/** The report as `--json` writes it: `{ mutants: [{ name, killed, by, runs, ... }] }` and the score. */
export function mutationJson(r: MutationReport): unknown {
  return {
    runs: r.runs,
    seed: r.seed,
    seeds: r.seeds,
    killed: r.killed,
    total: r.total,
    score: r.score,
    mutants: r.mutants.map(({ mutant, killed, by, runs, ...rest }) => ({
      name: mutant,
      killed,
      ...(by ? { by } : {}),
      runs,
      ...rest,
    })),
  }
}

export function mutation(o: MutationCliOptions, log: (line: string) => void): MutationReport {
  const report = runMutationTests({
    runs: o.runs,
    seed: o.seed,
    seeds: o.seeds,
    scenarios: labScenarios(),
    ...(o.mutants
      ? {
          mutants: o.mutants
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        }
      : {}),
    wallClock: () => performance.now(),
    onMutant: (m) => log(mutantLine(m)),
  })
  log(
    `mutation score ${report.killed}/${report.total} = ${(report.score * 100).toFixed(0)}% ` +
      `(${o.runs} runs per claim from seeds ${o.seed}..${o.seed + o.seeds - 1}, then the lab's scenario files)`,
  )
  if (o.json) writeFileMakingDirs(o.json, `${JSON.stringify(mutationJson(report), null, 2)}\n`)
  return report
}

/** Exit 0 when every mutant was killed, 1 when one survived. */
export function mutationCommandRun(o: MutationCliOptions, log: (line: string) => void): ExitCode {
  const r = mutation(o, log)
  return r.killed === r.total ? EXIT.pass : EXIT.fail
}
