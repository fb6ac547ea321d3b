/**
 * `crdt-lab bench [--quick] [--json F] [--html F]`: the spec's performance tables, claimed vs
 * measured (engine profiles `reference` and `spec`) vs raw Yjs, plus the engine-vs-raw rows and
 * the dmonad/crdt-benchmarks B3 rows (bench/README.md). Progress per row goes to stderr, the
 * summary to stdout. Verdicts are data: the exit code is 0 whatever they say, 2 on bad usage.
 */
import type { Command } from 'commander'
import { checkOutputs, outputsOf } from './outputPaths.ts'

interface BenchOptions {
  quick?: boolean
  json?: string
  html?: string
}

async function bench(o: BenchOptions): Promise<void> {
  checkOutputs(outputsOf(o, { json: 'file', html: 'file' }))
  // Loaded here, not at start-up: the bench pulls in every workload and tinybench.
  const { benchSummary, progressLine, writeBenchOutputs } = await import('../../bench/output.ts')
  const { runSuite } = await import('../../bench/suite.ts')
  const result = await runSuite({
    quick: o.quick === true,
    onRow: (r, i, n) => process.stderr.write(progressLine(r, i, n)),
  })
  result.generatedAt = new Date().toISOString()
  console.log(benchSummary(result))
  await writeBenchOutputs(result, o)
  if (o.json !== undefined) console.log(`bench JSON: ${o.json}`)
  if (o.html !== undefined) console.log(`bench report: ${o.html}`)
  process.exitCode = 0
}

/** Registers `bench` on the program. */
export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description("the spec's performance tables: claimed vs measured (reference, spec) vs raw Yjs")
    .option('--quick', 'short sampling and lighter engine workloads, about a minute (figures are indicative)')
    .option('--json <file>', 'write the bench JSON (docs/bench-json.md)')
    .option('--html <file>', 'write the HTML report')
    // Usage errors exit 2 (DESIGN §5); commander's own default would be 1.
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action(bench)
}
