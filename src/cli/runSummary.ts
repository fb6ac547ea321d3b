/**
 * The human summary of a judged run that `run` and `replay` print: the verdict, each check
 * (holds / FAILS / not evaluated, with its detail), the final queries, statistics, the trace
 * hash and, on failure, the command that reruns it.
 */
import type { CheckOutcome } from '../properties/checks/check.ts'
import type { RunResult } from '../properties/runAndCheck.ts'
import type { Scenario } from '../sim/scenario/model.ts'

/** Writes one line. */
export type Writer = (line: string) => void

/** Longest detail shown for a check that holds (failures are shown in full). */
const MAX_QUIET_DETAIL = 120

export interface SummaryInput {
  readonly result: RunResult
  readonly scenario: Scenario
  /** The file the scenario came from, as the user named it. */
  readonly file: string
  /** Printed when the run fails. */
  readonly rerun: string
  /** Settings beyond seed and profile that shaped the run (`swarm`, `store fs`). */
  readonly extras?: readonly string[]
}

/** Prints the summary of one run. */
export function printRunSummary(s: SummaryInput, write: Writer): void {
  const r = s.result
  const extras = (s.extras ?? []).map((x) => `, ${x}`).join('')
  write(
    `${r.verdict === 'pass' ? 'PASS' : 'FAIL'} ${r.scenario} (${s.file}) seed ${r.seed}, profile ${r.profile}${extras}`,
  )
  printChecks(r, s.scenario, write)
  printFinal(r, s.scenario, write)
  for (const e of r.errors ?? []) write(`  internal error: ${e}`)
  if (r.liveness !== undefined) write(`  liveness FAILS: ${r.liveness}`)
  write(`  stats   ${statsLine(r.stats)}`)
  write(`  trace   ${r.traceHash}`)
  if (r.verdict === 'fail') write(`  rerun   ${s.rerun}`)
}

function printChecks(r: RunResult, sc: Scenario, write: Writer): void {
  const names = Object.keys(r.checks)
  const width = Math.max(...names.map((n) => n.length))
  const line = (name: string, note = '') => write(`    ${name.padEnd(width)}  ${checkLine(r.checks[name]!)}${note}`)
  if (sc.expect.checks === 'applicable') {
    write('  checks')
    for (const name of names) line(name)
    return
  }
  const expected: readonly string[] = sc.expect.checks
  write('  checks the scenario expects')
  for (const name of expected) line(name, r.checks[name]?.evaluated === false ? ' (expected, so the run fails)' : '')
  write('  other checks (not in expect.checks, so they do not decide the verdict)')
  for (const name of names) if (!expected.includes(name)) line(name)
}

function checkLine(c: CheckOutcome): string {
  if (!c.evaluated) return `not evaluated${c.detail ? `: ${c.detail}` : ''}`
  if (!c.holds) return `FAILS: ${c.detail}`
  return c.detail ? `holds: ${clip(c.detail, MAX_QUIET_DETAIL)}` : 'holds'
}

function printFinal(r: RunResult, sc: Scenario, write: Writer): void {
  if (r.final.length === 0) return
  write('  final queries')
  r.final.forEach((f, i) => {
    const q = sc.expect.final[i]
    const expectation = q ? ` ${q.operator} ${JSON.stringify(q.expected)}` : ''
    const args = q && Object.keys(q.args).length > 0 ? ` ${JSON.stringify(q.args)}` : ''
    const head = `    ${f.peer} ${f.query}${args} on ${f.entity}${expectation}`
    write(f.holds ? `${head}: holds` : `${head}: FAILS: ${f.detail ?? `got ${JSON.stringify(f.actual)}`}`)
  })
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/** `420 sent · 278 delivered · … · 6.0 s simulated · 184 ms wall`. */
export function statsLine(s: RunResult['stats']): string {
  const counts = [
    [s.sent, 'sent'],
    [s.delivered, 'delivered'],
    [s.dropped, 'dropped'],
    [s.duplicated, 'duplicated'],
    [s.corrupted, 'corrupted'],
    [s.rejected, 'rejected'],
    [s.tombstones, 'tombstones'],
    [s.pruned, 'pruned'],
  ] as const
  return [
    ...counts.map(([n, what]) => `${n} ${what}`),
    `${(s.simulatedMs / 1000).toFixed(1)} s simulated`,
    `${s.wallMs} ms wall`,
  ].join(' · ')
}
