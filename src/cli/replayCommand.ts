/** `crdt-lab replay <trace>`: its arguments; the work is in `replayTrace.ts`, loaded when the command runs. */
import { Command } from 'commander'

/** The `replay` command. */
export function replayCommand(): Command {
  return new Command('replay')
    .description('run a recorded trace again; fails if the trace hash differs')
    .argument('<trace>', 'a trace file written by `crdt-lab run --trace`')
    .action(async (trace: string) => {
      const { replayTrace } = await import('./replayTrace.ts')
      const { withTempRoot } = await import('./tempRoot.ts')
      // A trace recorded with --store fs makes temp folders: removed even if the replay is interrupted.
      process.exitCode = await withTempRoot(async () =>
        replayTrace(
          trace,
          (line) => console.log(line),
          (line) => console.error(line),
        ),
      )
    })
}
