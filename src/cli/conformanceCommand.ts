/**
 * `crdt-lab conformance [--runs N] [--json F] [--html F] [--update-expected]`: the claims
 * catalogue against both profiles; exit 1 when a verdict departs from `conformance.expected.json`.
 */
import { Command, Option } from 'commander'
import { checkOutputs, outputsOf } from './outputPaths.ts'
import { availableParallelism } from 'node:os'
import { wholeNumber, workerCount } from './options.ts'
import type { ConformanceCliOptions } from './check/conformanceRun.ts'

export function conformanceCommand(): Command {
  return new Command('conformance')
    .description('every claim of the spec under both engine profiles, against conformance.expected.json')
    .addOption(new Option('--runs <n>', 'generated runs per claim and profile').argParser(wholeNumber(1)).default(50))
    .addOption(new Option('--seed <n>', 'first fast-check seed').argParser(wholeNumber(0)).default(1))
    .addOption(
      new Option('--seeds <n>', 'fast-check seeds the runs are drawn from (--seed on)')
        .argParser(wholeNumber(1))
        .default(3),
    )
    .option('--claims <a,b>', 'claims to check (default: all)')
    .addOption(
      new Option('--workers <n>', 'worker threads sharing the runs')
        .argParser(workerCount)
        .default(Math.min(2, availableParallelism())),
    )
    .option('--json <file>', 'write the claims table as JSON')
    .option('--html <file>', 'write the conformance report')
    .option('--expected <file>', 'the expectation file', 'conformance.expected.json')
    .option('--update-expected', 'rewrite the expectation file with these verdicts')
    .option('--no-shrink', 'stop at the first failure without shrinking')
    .addOption(
      new Option(
        '--shrink-budget <n>',
        'at most this many evaluations while shrinking a failure (default: shrink fully)',
      ).argParser(wholeNumber(1)),
    )
    .option('--out <dir>', 'where counterexamples are written as scenario files', 'scenarios/found')
    .option('--explore', 'add an explored column: every schedule of the small scenarios of scenarios/explore/')
    .action(async (options: ConformanceCliOptions) => {
      checkOutputs(outputsOf(options, { json: 'file', html: 'file', out: 'folder' }))
      const { conformanceCommandRun } = await import('./check/conformanceRun.ts')
      process.exitCode = await conformanceCommandRun(options, (line) => console.log(line))
    })
}
