/** `crdt-lab demo`: the naive-ack prune race, staged by hand (`npm start`); `demo.ts` is loaded when it runs. */
import { Command } from 'commander'
import { verdictExit } from './exit.ts'

/** The `demo` command. */
export function demoCommand(): Command {
  return new Command('demo')
    .description('the naive-ack prune race under both engine profiles, staged by hand')
    .action(async () => {
      const { runDemo } = await import('./demo.ts')
      process.exitCode = verdictExit(runDemo((line) => console.log(line)))
    })
}
