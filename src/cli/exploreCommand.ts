/**
 * `crdt-lab explore <scenario…>`: its options; the work is in `explore/exploreRun.ts`, loaded
 * when the command runs.
 */
import { Command, Option } from 'commander'
import { profileOption, wholeNumber, workerCount } from './options.ts'
import { parseShard } from './sweep/seeds.ts'
import type { ExploreCliOptions } from './explore/exploreRun.ts'

/** The `explore` command. */
export function exploreCommand(): Command {
  return new Command('explore')
    .description(
      'every schedule of a small scenario (fixed ops, at most 4 peers) against the engine, with partial-order ' +
        'reduction; the shortest failing schedules written as scenario files `run` replays',
    )
    .argument(
      '<scenario...>',
      'scenario files (JSON: docs/scenario-format.md; docs/explore.md says what explore takes)',
    )
    .addOption(profileOption())
    .addOption(
      new Option('--max-states <n>', 'stop after this many schedules (default 1,000,000)').argParser(wholeNumber(1)),
    )
    .addOption(
      new Option('--max-depth <n>', 'expand no state after this many steps (default 1,000)').argParser(wholeNumber(0)),
    )
    .addOption(
      new Option(
        '--max-faults <n>',
        'losses, copies, crashes and offline spells a schedule may take, as the scenario allows them (default 1)',
      ).argParser(wholeNumber(0)),
    )
    .addOption(
      new Option('--workers <n>', 'worker threads, 1 to 4 per core (default: one per core)').argParser(workerCount),
    )
    .addOption(
      new Option('--shard <i/n>', 'explore the i-th of n parts of the search (to split it across machines)').argParser(
        parseShard,
      ),
    )
    .option('--no-reduction', 'explore without sleep sets (to measure what they save)')
    .option('--json <file>', 'write the explore JSON (docs/explore.md)')
    .option('--html <file>', 'write the explore report')
    .option('--out <dir>', 'where the failing schedules are written as scenario files', 'reports/explore')
    .action(async (files: string[], options: ExploreCliOptions) => {
      const { exploreFiles } = await import('./explore/exploreRun.ts')
      process.exitCode = await exploreFiles(files, options, (line) => console.log(line))
    })
}
