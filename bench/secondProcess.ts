/**
 * Child-process entry for `--quick` runs: measures the rows named by key (argument: JSON
 * `{ quick, keys }`) and prints their `BenchRow`s as one JSON line on stdout; progress goes to
 * stderr. See suite.ts for why and when a second process is used.
 */
import { LabError } from '../src/engine/base/errors.ts'
import type { BenchRow } from '../src/report/inputs.ts'
import { runBench, rowKey } from './harness.ts'
import { progressLine } from './output.ts'
import { allRows } from './rows.ts'

const [argJson] = process.argv.slice(2)
if (argJson === undefined)
  throw new LabError('INVALID_ARG', 'usage: secondProcess.ts <{"quick":boolean,"keys":[row keys]}>')
const { quick, keys } = JSON.parse(argJson) as { quick: boolean; keys: string[] }
const wanted = new Set(keys)
const rows = allRows({ quick }).filter((r) => wanted.has(rowKey(r)))
const result = await runBench(rows, {
  quick,
  onRow: (r, i, n) => process.stderr.write(`  2nd process ${progressLine(r, i, n)}`),
})
process.stdout.write(`${JSON.stringify(result.rows satisfies BenchRow[])}\n`)
