/** `crdt-lab demo`: the naive-ack prune race, staged by hand (`npm start`). */
import { Command } from 'commander'
import { runDemo } from './demo.ts'
import { verdictExit } from './exit.ts'

/** The `demo` command. */
export function demoCommand(): Command {
  return new Command('demo')
    .description('the naive-ack prune race under both engine profiles, staged by hand')
    .action(() => {
      process.exitCode = verdictExit(runDemo((line) => console.log(line)))
    })
}
