/**
 * `crdt-lab run <scenario…>`: its options; the work is in `runFiles.ts`, loaded when the command
 * runs, so `--help` and usage errors answer without loading the engine.
 */
import { Command, Option } from 'commander'
import { profileOption, seedOption, swarmOption } from './options.ts'
import type { RunCliOptions } from './runFiles.ts'

/** The `run` command. */
export function runCommand(): Command {
  return new Command('run')
    .description('run scenario files, one run each, and judge every claim and final query')
    .argument('<scenario...>', 'scenario files (JSON: docs/scenario-format.md)')
    .addOption(seedOption())
    .addOption(profileOption())
    .addOption(new Option('--store <kind>', 'where replicas persist').choices(['memory', 'fs']).default('memory'))
    .addOption(swarmOption())
    .option('--json <file>', 'write the result JSON (an array for several files)')
    .option('--html <file>', 'write the run report (one per file: <file>.<scenario>.html for several)')
    .option('--trace <file>', 'write the trace for `crdt-lab replay` (one per file, as --html)')
    .option('--dump <dir>', "write every replica's final documents as <dir>/<peer>/<type>.<id>.<concern>.yrs")
    .action(async (files: string[], options: RunCliOptions) => {
      const { runFiles } = await import('./runFiles.ts')
      process.exitCode = await runFiles(files, options, (line) => console.log(line))
    })
}
