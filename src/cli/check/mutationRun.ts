/** `crdt-lab mutation`: every deliberately broken engine against its properties; the mutation score. */
import { runMutationTests, type MutationReport } from '../../properties/mutation.ts'
import { EXIT, type ExitCode } from '../exit.ts'
import { writeFileMakingDirs } from '../files.ts'

export interface MutationCliOptions {
  readonly runs: number
  readonly seed: number
  readonly json?: string
}

export function mutation(o: MutationCliOptions, log: (line: string) => void): MutationReport {
  const report = runMutationTests({
    runs: o.runs,
    seed: o.seed,
    wallClock: () => performance.now(),
    onMutant: (m) =>
      log(
        `${m.mutant.padEnd(22)} ` +
          `${m.killed ? `killed by ${m.by} after ${m.runs} run(s)` : 'SURVIVED'} ` +
          `(${(m.ms / 1000).toFixed(1)} s) - ${m.description}`,
      ),
  })
  log(
    `mutation score ${report.killed}/${report.total} = ` +
      `${(report.score * 100).toFixed(0)}% (${o.runs} runs per claim, seed ` +
      `${o.seed})`,
  )
  if (o.json) writeFileMakingDirs(o.json, `${JSON.stringify(report, null, 2)}\n`)
  return report
}

/** Exit 0 when every mutant was killed, 1 when one survived. */
export function mutationCommandRun(o: MutationCliOptions, log: (line: string) => void): ExitCode {
  const r = mutation(o, log)
  return r.killed === r.total ? EXIT.pass : EXIT.fail
}
