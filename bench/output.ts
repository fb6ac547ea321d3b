/**
 * What the bench prints and writes: a progress line per row (stderr), a plain-text summary of
 * every row (claimed, reference, spec, raw Yjs, verdicts), the bench JSON and the HTML report.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { renderBenchReport } from '../src/report/benchReport.ts'
import { formatValue } from '../src/report/format.ts'
import type { BenchColumn, BenchResult, BenchRow } from '../src/report/inputs.ts'
import { writeReport } from '../src/report/write.ts'
import type { RowDef } from './harness.ts'

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s).padEnd(n)

let started = 0

/** `[3/61] memory: core (100 members) · memBytes (+1.2 s)`: the row about to run and how long the last one took. */
export function progressLine(r: RowDef, index: number, total: number): string {
  const now = performance.now()
  const last = index === 0 ? '' : ` (previous row ${((now - started) / 1000).toFixed(1)} s)`
  started = now
  return `[${index + 1}/${total}] ${r.table}: ${r.row} · ${r.metric}${last}\n`
}

function cell(r: BenchRow, value: number | null, column: BenchColumn): string {
  const v = r.verdicts?.[column]
  return `${formatValue(value, r.unit)}${v === undefined || v === 'n/a' ? '' : v === 'meets' ? ' ✓' : ' ✗'}`
}

/** One line per row: claimed, reference, spec and raw Yjs (✓ meets, ✗ misses), and the row verdict. */
export function benchSummary(result: BenchResult): string {
  const head = [
    'table'.padEnd(11),
    'row · metric'.padEnd(52),
    'claimed'.padEnd(20),
    'reference'.padStart(16),
    'spec'.padStart(16),
    'raw Yjs'.padStart(16),
    'verdict',
  ].join(' ')
  const lines = result.rows.map((r) =>
    [
      r.table.padEnd(11),
      clip(`${r.row} · ${r.metric}`, 52),
      clip(r.claimText ?? '', 20),
      // table `sim` has no profile figures: its simulator figure takes the reference and spec columns
      r.sim === undefined
        ? `${cell(r, r.measured.reference, 'reference').padStart(16)} ${cell(r, r.measured.spec, 'spec').padStart(16)}`
        : `simulator ${formatValue(r.sim ?? null, r.unit)}`.padStart(33),
      cell(r, r.rawYjs, 'rawYjs').padStart(16),
      r.verdict,
    ].join(' '),
  )
  const m = result.machine
  const foot =
    `${result.rows.length} rows in ${((result.wallMs ?? 0) / 1000).toFixed(1)} s ` +
    `on ${m.cpu} (${m.cores} cores), Node ${m.node}, Yjs ${m.yjs}`
  return [head, ...lines, '', foot].join('\n')
}

/** Writes the bench JSON and/or the HTML report, creating directories as needed. */
export async function writeBenchOutputs(result: BenchResult, to: { json?: string; html?: string }): Promise<void> {
  if (to.json !== undefined) {
    await mkdir(dirname(to.json), { recursive: true })
    await writeFile(to.json, `${JSON.stringify(result, null, 2)}\n`)
  }
  if (to.html !== undefined) await writeReport(to.html, renderBenchReport(result))
}
