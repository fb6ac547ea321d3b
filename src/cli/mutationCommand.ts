/**
 * `crdt-lab mutation [--runs N] [--seed N] [--seeds N] [--mutants a,b] [--json F]`: mutation testing
 * of the lab itself, at conformance's budget by default. Each deliberately broken engine must be
 * caught by a claim's property or one of the lab's scenario files; prints which, and the score.
 */
import { Command, Option } from 'commander'
import { checkOutputs, outputsOf } from './outputPaths.ts'
import { wholeNumber } from './options.ts'
import type { MutationCliOptions } from './check/mutationRun.ts'

export function mutationCommand(): Command {
  return new Command('mutation')
    .description(
      "run every deliberately broken engine against the claims' properties and the lab's scenarios; print what " +
        'killed each and the mutation score',
    )
    .addOption(
      new Option('--runs <n>', 'generated runs per claim tried (conformance default)')
        .argParser(wholeNumber(1))
        .default(50),
    )
    .addOption(new Option('--seed <n>', 'first fast-check seed').argParser(wholeNumber(0)).default(1))
    .addOption(
      new Option('--seeds <n>', 'fast-check seeds the runs are drawn from (conformance default)')
        .argParser(wholeNumber(1))
        .default(3),
    )
    .option('--mutants <a,b>', 'only these mutants (default: all)')
    .option('--json <file>', 'write the report as JSON')
    .action(async (options: MutationCliOptions) => {
      checkOutputs(outputsOf(options, { json: 'file' }))
      const { mutationCommandRun } = await import('./check/mutationRun.ts')
      process.exitCode = mutationCommandRun(options, (line) => console.log(line))
    })
}
