/**
 * `crdt-lab check [--claims a,b] [--runs N] [--seed N] [--profile P]`: the claims' fast-check
 * properties. Options only; the work is in `check/checkClaims.ts`, loaded when the command runs.
 */
import { Command, Option } from 'commander'
import { checkOutputs, outputsOf } from './outputPaths.ts'
import { profileOption, wholeNumber, workerCount } from './options.ts'
import type { CheckCliOptions } from './check/checkClaims.ts'

export function checkCommand(): Command {
  return new Command('check')
    .description("run the claims' properties (generated scenarios, shrunk counterexamples written as scenario files)")
    .option('--claims <a,b>', 'claims to check (default: all)')
    .addOption(new Option('--runs <n>', 'generated runs per claim').argParser(wholeNumber(1)).default(100))
    .addOption(new Option('--seed <n>', 'first fast-check seed').argParser(wholeNumber(0)).default(1))
    .addOption(
      new Option(
        '--seeds <n>',
        'fast-check seeds the runs are drawn from (--seed on; default: one per worker)',
      ).argParser(wholeNumber(1)),
    )
    .option('--path <path>', "replay one counterexample (fast-check's path; with --seed and one claim)")
    .addOption(profileOption().default('reference'))
    .addOption(new Option('--workers <n>', 'worker threads sharing the runs').argParser(workerCount).default(1))
    .option('--out <dir>', 'where counterexamples are written as scenario files', 'scenarios/found')
    .option('--json <file>', 'write the results as JSON')
    .option('--no-shrink', 'stop at the first failure without shrinking')
    .addOption(
      new Option(
        '--shrink-budget <n>',
        'at most this many evaluations while shrinking a failure (default: shrink fully)',
      ).argParser(wholeNumber(1)),
    )
    .addOption(new Option('--mutant <name>', 'run a deliberately broken engine (mutation testing)').hideHelp())
    .action(async (options: CheckCliOptions) => {
      checkOutputs(outputsOf(options, { json: 'file', out: 'folder' }))
      const { checkClaims } = await import('./check/checkClaims.ts')
      process.exitCode = await checkClaims(options, (line) => console.log(line))
    })
}
