/**
 * `crdt-lab mutation [--runs N] [--seed N] [--json F]`: mutation testing of the lab itself. Each
 * deliberately broken engine must be caught by a property; prints the mutation score.
 */
import { Command, Option } from 'commander'
import { checkOutputs, outputsOf } from './outputPaths.ts'
import { wholeNumber } from './options.ts'
import type { MutationCliOptions } from './check/mutationRun.ts'

export function mutationCommand(): Command {
  return new Command('mutation')
    .description('run every deliberately broken engine against its properties and print the mutation score')
    .addOption(new Option('--runs <n>', 'generated runs per claim tried').argParser(wholeNumber(1)).default(40))
    .addOption(new Option('--seed <n>', 'fast-check seed').argParser(wholeNumber(0)).default(1))
    .option('--json <file>', 'write the report as JSON')
    .action(async (options: MutationCliOptions) => {
      checkOutputs(outputsOf(options, { json: 'file' }))
      const { mutationCommandRun } = await import('./check/mutationRun.ts')
      process.exitCode = mutationCommandRun(options, (line) => console.log(line))
    })
}
