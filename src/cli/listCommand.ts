/** `crdt-lab list`: its options; what it prints is in `list.ts`, loaded when the command runs. */
import { Command } from 'commander'
import { fileURLToPath } from 'node:url'

/** The lab's own scenarios folder. */
const SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios', import.meta.url))

/** The `list` command. */
export function listCommand(): Command {
  return new Command('list')
    .description('scenarios, checks, ops, queries and faults')
    .option('--dir <dir>', 'scenarios folder', SCENARIOS_DIR)
    .action(async (options: { dir: string }) => {
      const { printList } = await import('./list.ts')
      printList(options.dir, (line) => console.log(line))
    })
}
