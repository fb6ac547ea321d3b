#!/usr/bin/env node
/**
 * The `crdt-lab` command. Commands are added as the lab grows; exit codes: 0 every expected check
 * holds, 1 one does not, 2 bad input or usage.
 */
import { Command } from 'commander'
import { runDemo } from './demo.ts'

const program = new Command()
program.name('crdt-lab').description('Simulation and conformance lab for the Communitas CRDT architecture')

program
  .command('demo')
  .description("the naive-ack prune race under both engine profiles, staged by hand")
  .action(() => {
    const ok = runDemo((line) => console.log(line))
    process.exitCode = ok ? 0 : 1
  })

await import('./benchCommand.ts').then((m) => m.registerBenchCommand(program))
program.parseAsync(process.argv).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e))
  process.exitCode = 2
})
