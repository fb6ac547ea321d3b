/**
 * `crdt-lab lab`: the lab's main job (`npm start`): quick conformance, quick benchmarks, showcase
 * runs and sweeps, all linked from `reports/index.html`.
 */
import { Command, Option } from 'commander'
import { checkOutputs, outputsOf } from './outputPaths.ts'
import { availableParallelism } from 'node:os'
import { wholeNumber, workerCount } from './options.ts'
import type { LabOptions } from './lab/lab.ts'

export function labCommand(): Command {
  return new Command('lab')
    .description("the lab's main job: conformance, benchmarks, showcase runs and sweeps, written to reports/index.html")
    .option('--out <dir>', 'where the reports go', 'reports')
    .addOption(new Option('--runs <n>', 'property runs per claim and profile').argParser(wholeNumber(1)).default(30))
    .addOption(
      new Option('--workers <n>', 'worker threads').argParser(workerCount).default(Math.min(2, availableParallelism())),
    )
    .option('--no-bench', 'skip the benchmarks')
    .action(async (options: LabOptions) => {
      checkOutputs(outputsOf(options, { out: 'folder' }))
      const { runLab } = await import('./lab/lab.ts')
      process.exitCode = await runLab(options, (line) => console.log(line))
    })
}
