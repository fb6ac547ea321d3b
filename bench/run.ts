/**
 * `npx tsx bench/run.ts [--quick] [--json F] [--html F] [--table memory,sync,…]`
 * Runs every bench row (raw Yjs now; engine profiles once plugged into bench/rows.ts), prints a
 * summary, and writes the bench JSON (DESIGN §7) and the HTML report.
 */
import { writeFile, mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { renderBenchReport } from '../src/report/benchReport.ts'
import { formatValue } from '../src/report/format.ts'
import { BENCH_TABLES, type BenchResult } from '../src/report/inputs.ts'
import { writeReport } from '../src/report/write.ts'
import { runBench } from './harness.ts'
import { allRows } from './rows.ts'

const USAGE = 'usage: tsx bench/run.ts [--quick] [--json FILE] [--html FILE] [--table memory,sync,scalability,tombstone,engine]'

function options(): { quick: boolean; json?: string; html?: string; tables: string[] } {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, json: { type: 'string' }, html: { type: 'string' }, table: { type: 'string' }, help: { type: 'boolean' } },
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
  return { quick: values.quick === true, json: values.json, html: values.html, tables }
}

function summary(result: BenchResult): string {
  const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s).padEnd(n)
  const lines = result.rows.map((r) => [
    r.table.padEnd(11), clip(`${r.row} · ${r.metric}`, 58), clip(r.claimText ?? '', 22),
    formatValue(r.rawYjs, r.unit).padStart(14), (r.verdicts?.rawYjs ?? 'n/a').padStart(7),
  ].join(' '))
  return [`${'table'.padEnd(11)} ${'row · metric'.padEnd(58)} ${'claimed'.padEnd(22)} ${'raw Yjs'.padStart(14)} verdict`, ...lines].join('\n')
}

async function main(): Promise<void> {
  const o = options()
  const rows = allRows({ quick: o.quick }).filter((r) => o.tables.includes(r.table))
  const result = await runBench(rows, {
    quick: o.quick,
    onRow: (r, i, n) => process.stderr.write(`[${i + 1}/${n}] ${r.table}: ${r.row} · ${r.metric}\n`),
  })
  result.generatedAt = new Date().toISOString()
  console.log(summary(result))
  console.log(`\n${result.rows.length} rows in ${((result.wallMs ?? 0) / 1000).toFixed(1)} s on ${result.machine.cpu} (${result.machine.cores} cores), Node ${result.machine.node}, Yjs ${result.machine.yjs}`)
  if (o.json !== undefined) {
    await mkdir(dirname(o.json), { recursive: true })
    await writeFile(o.json, `${JSON.stringify(result, null, 2)}\n`)
  }
  if (o.html !== undefined) await writeReport(o.html, renderBenchReport(result))
}

await main()
