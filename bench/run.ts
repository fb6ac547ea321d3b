/**
 * `npx tsx bench/run.ts [--quick] [--json F] [--html F] [--table memory,sync,…]`
 * Runs every bench row (raw Yjs and both engine profiles), prints a summary, and writes the bench
 * JSON (DESIGN §7) and the HTML report. `crdt-lab bench` is the same without `--table`.
 */
import { parseArgs } from 'node:util'
import { BENCH_TABLES, type BenchTable } from '../src/report/inputs.ts'
import { benchSummary, progressLine, writeBenchOutputs } from './output.ts'
import { runSuite } from './suite.ts'

const USAGE =
  'usage: tsx bench/run.ts [--quick] [--json FILE] [--html FILE] [--table memory,sync,scalability,tombstone,engine]'

function options(): { quick: boolean; json?: string; html?: string; tables: BenchTable[] } {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'string' },
      html: { type: 'string' },
      table: { type: 'string' },
      help: { type: 'boolean' },
    },
  })
  if (values.help === true) {
    console.log(USAGE)
    process.exit(0)
  }
  const tables = values.table === undefined ? [...BENCH_TABLES] : values.table.split(',')
  const unknown = tables.filter((t) => !(BENCH_TABLES as readonly string[]).includes(t))
  if (unknown.length > 0) {
    console.error(`unknown table ${unknown.join(', ')}\n${USAGE}`)
    process.exit(2)
  }
  return { quick: values.quick === true, json: values.json, html: values.html, tables: tables as BenchTable[] }
}

async function main(): Promise<void> {
  const o = options()
  const result = await runSuite({
    quick: o.quick,
    tables: o.tables,
    onRow: (r, i, n) => process.stderr.write(progressLine(r, i, n)),
  })
  result.generatedAt = new Date().toISOString()
  console.log(benchSummary(result))
  await writeBenchOutputs(result, o)
}

await main()
