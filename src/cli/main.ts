#!/usr/bin/env node
/**
 * The `crdt-lab` command (DESIGN §5). Each command lives in its own file and is registered here
 * with one line. Exit codes: 0 every expected check and final query holds, 1 one does not, 2 bad
 * input or usage (a message naming the file, the JSON path and what is wrong), 3 a bug of the lab.
 */
import { Command } from 'commander'
import { checkCommand } from './checkCommand.ts'
import { conformanceCommand } from './conformanceCommand.ts'
import { demoCommand } from './demoCommand.ts'
import { exploreCommand } from './exploreCommand.ts'
import { fuzzCommand } from './fuzzCommand.ts'
import { reportError } from './exit.ts'
import { LAB_VERSION } from './labVersion.ts'
import { labCommand } from './labCommand.ts'
import { listCommand } from './listCommand.ts'
import { mergeCommand } from './mergeCommand.ts'
import { mutationCommand } from './mutationCommand.ts'
import { replayCommand } from './replayCommand.ts'
import { runCommand } from './runCommand.ts'
import { sweepCommand } from './sweepCommand.ts'

// `crdt-lab list | head`: a closed pipe ends the output, it is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e
  process.exit(process.exitCode ?? 0)
})

const program = new Command()
program
  .name('crdt-lab')
  .description('Simulation and conformance lab for the Communitas CRDT architecture')
  .addHelpText(
    'after',
    '\nDocumentation (in the package and the repository): README.md, docs/cli.md, docs/scenario-format.md,\n' +
      'docs/result-json.md, docs/bench-json.md. Exit codes: 0 holds, 1 fails, 2 bad input, 3 a bug of the lab.',
  )
  .version(LAB_VERSION)

program.addCommand(demoCommand())
program.addCommand(runCommand())
program.addCommand(replayCommand())
program.addCommand(sweepCommand())
program.addCommand(exploreCommand())
program.addCommand(mergeCommand())
program.addCommand(listCommand())
program.addCommand(checkCommand())
program.addCommand(conformanceCommand())
program.addCommand(mutationCommand())
program.addCommand(fuzzCommand())
program.addCommand(labCommand())

// (Commands are registered above.) Commander exits 1 on usage errors; 1 means "a check fails" here,
// so usage errors become 2.
for (const command of [program, ...program.commands]) command.exitOverride()

await import('./benchCommand.ts').then((m) => m.registerBenchCommand(program))
program.parseAsync(process.argv).catch((e: unknown) => {
  process.exitCode = reportError(e, (text) => console.error(text))
})
