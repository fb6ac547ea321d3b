/**
 * `crdt-lab merge <result.json…>`: its arguments; the work is in `sweep/merge.ts` (explore results:
 * `explore/exploreMergeFiles.ts`), loaded when the command runs.
 */
import { Command } from 'commander'

/** The `merge` command. */
export function mergeCommand(): Command {
  return new Command('merge')
    .description('merge the results of sweep shards, or of explore shards, into one')
    .argument(
      '<result...>',
      'sweep JSON files (`crdt-lab sweep --json`) or explore JSON files (`crdt-lab explore --json`)',
    )
    .option('--json <file>', 'write the merged JSON')
    .option('--html <file>', 'write the merged report')
    .action(async (files: string[], options: { json?: string; html?: string }) => {
      const { merge } = await import('./sweep/merge.ts')
      process.exitCode = await merge(
        files,
        options,
        (line) => console.log(line),
        (line) => console.error(line),
      )
    })
}
