/** `crdt-lab list`: its options; what it prints is in `list.ts`, loaded when the command runs. */
import { Command } from 'commander'
import { packagePath } from './packageRoot.ts'

/** The lab's own scenarios folder. */
export const SCENARIOS_DIR = packagePath('scenarios')

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
