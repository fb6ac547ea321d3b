/**
 * `crdt-lab sweep <scenario> --seeds A..B`: its options; the work is in `sweep/sweep.ts`, loaded
 * when the command runs (the main thread of a sweep never loads the engine: its workers do).
 */
import { Command, Option } from 'commander'
import { profileOption, swarmOption, workerCount } from './options.ts'
import { parseSeedRange, parseShard } from './sweep/seeds.ts'
import type { SweepCliOptions } from './sweep/sweep.ts'

/** The `sweep` command. */
export function sweepCommand(): Command {
  return new Command('sweep')
    .description('run many seeds of a scenario on worker threads and list the failing ones')
    .argument('<scenario>', 'a scenario file (JSON: docs/scenario-format.md)')
    .addOption(
      new Option('--seeds <A..B>', 'seeds to run, both ends included').argParser(parseSeedRange).makeOptionMandatory(),
    )
    .addOption(profileOption())
    .addOption(
      new Option('--workers <n>', 'worker threads, 1 to 4 per core (default: one per core)').argParser(workerCount),
    )
    .addOption(
      new Option(
        '--shard <i/n>',
        'run every n-th seed of the range, starting with the i-th (to split a sweep across machines)',
      ).argParser(parseShard),
    )
    .addOption(swarmOption())
    .option('--json <file>', 'write the sweep JSON')
    .option('--html <file>', 'write the sweep report')
    .action(async (file: string, options: SweepCliOptions) => {
      const { sweep } = await import('./sweep/sweep.ts')
      process.exitCode = await sweep(file, options, (line) => console.log(line))
    })
}
