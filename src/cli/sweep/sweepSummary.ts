/**
 * The human summary of a sweep (or of merged shards): counts, failing seeds with their replay
 * command, failures per check.
 */
import type { Writer } from '../runSummary.ts'
import type { SweepJson } from './sweepJson.ts'

/** Failing seeds listed on stdout; the JSON and HTML reports list them all. */
const MAX_LISTED = 50

/** Prints the summary; `notes` adds a line under a seed (why its run threw). */
export function printSweepSummary(s: SweepJson, write: Writer, notes: ReadonlyMap<number, string> = new Map()): void {
  const failed = s.failures.length
  const rate = s.runs > 0 ? ` (${((100 * failed) / s.runs).toFixed(1)}%)` : ''
  const time = s.wallMs === undefined ? '' : ` in ${(s.wallMs / 1000).toFixed(1)} s`
  write(`${failed === 0 ? 'PASS' : 'FAIL'} ${s.runs} runs, ${failed} failing${rate}${time}`)
  if (failed === 0) return
  write('failing seeds')
  const width = Math.max(...s.failures.slice(0, MAX_LISTED).map((f) => f.checks.join(', ').length))
  for (const f of s.failures.slice(0, MAX_LISTED)) {
    write(`  ${String(f.seed).padStart(6)}  ${f.checks.join(', ').padEnd(width)}  ${f.replay}`)
    const note = notes.get(f.seed)
    if (note) write(`          ${note}`)
  }
  if (failed > MAX_LISTED) write(`  … and ${failed - MAX_LISTED} more (--json and --html list them all)`)
  write(
    `by check: ${Object.entries(s.byCheck)
      .map(([c, n]) => `${c} ${n}`)
      .join(', ')}`,
  )
}
