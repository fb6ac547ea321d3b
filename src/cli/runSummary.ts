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
/** Longest JSON shown for an expected or actual value of a final query. */
const MAX_VALUE = 300

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
  printFinal(r, write)
  for (const e of r.errors ?? []) write(`  internal error: ${e}`)
  for (const x of r.refused ?? [])
    write(`  refused $.steps[${x.step}] t=${x.t} ${x.peer} ${x.op}: ${x.code}: ${x.message} (it changed nothing)`)
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

function printFinal(r: RunResult, write: Writer): void {
  if (r.final.length === 0) return
  write('  final queries')
  for (const f of r.final) {
    const args = f.args ? ` ${JSON.stringify(f.args)}` : ''
    const expected = clip(JSON.stringify(f.expected), MAX_VALUE)
    const head = `    ${f.peer} ${f.query}${args} on ${f.entity} ${f.operator} ${expected}`
    if (f.holds) {
      write(`${head}: holds`)
      continue
    }
    write(`${head}: FAILS`)
    const label = (name: string) => `        ${name.padEnd(9)} `
    const answers =
      f.actualPerPeer === true
        ? Object.entries(f.actual as Record<string, unknown>)
        : [[f.peer === '*' ? 'every replica' : f.peer, f.actual] as const]
    answers.forEach(([peer, a], i) =>
      write(`${label(i === 0 ? 'actual' : '')}${peer}: ${clip(JSON.stringify(a) ?? 'undefined', MAX_VALUE)}`),
    )
    const diff = f.diff ?? []
    if (diff.length === 0 && f.detail) write(`${label('why')}${f.detail}`)
    diff.forEach((d, i) => write(`${label(i === 0 ? 'diff' : '')}${d}`))
  }
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/** `420 sent · 278 delivered · … · 6.0 s simulated · 184 ms wall`. */
function statsLine(s: RunResult['stats']): string {
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
  // A lying peer's counters, when anything was refused.
  const lies = [
    [s.forged, 'forged refused'],
    [s.equivocations, 'equivocations refused'],
    [s.refusedReads, 'reads refused'],
  ] as const
  return [
    ...counts.map(([n, what]) => `${n} ${what}`),
    ...lies.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`),
    `${(s.simulatedMs / 1000).toFixed(1)} s simulated`,
    `${s.wallMs} ms wall`,
  ].join(' · ')
}
