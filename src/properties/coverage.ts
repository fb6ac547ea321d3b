/**
 * Coverage, as Antithesis' "sometimes" assertions: of a claim's generated runs, how many
 * exercised each op kind the engine has and each fault the simulator has, observed from what the
 * runs did (their journals: ops that applied, faults that happened, messages lost, duplicated,
 * damaged or overtaken), never from what the plans meant to do. A kind no run reached is a gap:
 * the claim's verdict says nothing about it.
 */
import { OP_NAMES } from '../engine/ops/registry.ts'
import type { JournalRecord } from '../sim/journal.ts'

/** The faults the simulator has, as they show in a journal. */
export const FAULT_KINDS = [
  'partition',
  'offline',
  'crash',
  'torn-write',
  'failpoint-crash',
  'hold',
  'clock-skew',
  'loss',
  'duplicate',
  'corrupt',
  'reorder',
  'impersonate',
  'equivocate',
] as const
export type FaultKind = (typeof FAULT_KINDS)[number]

/** What one run exercised. */
export interface RunCoverage {
  readonly ops: ReadonlySet<string>
  readonly faults: ReadonlySet<FaultKind>
}

/** Of a claim's runs under one profile: how many exercised each kind, and the kinds none did. */
export interface ClaimCoverage {
  readonly runs: number
  readonly ops: Readonly<Record<string, number>>
  readonly faults: Readonly<Record<FaultKind, number>>
  readonly gaps: { readonly ops: readonly string[]; readonly faults: readonly FaultKind[] }
}

const FAULT_OF: Readonly<Record<string, FaultKind>> = {
  partition: 'partition',
  offline: 'offline',
  crash: 'crash',
  hold: 'hold',
  clockSkew: 'clock-skew',
  impersonate: 'impersonate',
  equivocate: 'equivocate',
}

/** What a run's journal shows it exercised. */
export function coverageOfRun(records: readonly JournalRecord[]): RunCoverage {
  const ops = new Set<string>()
  const faults = new Set<FaultKind>()
  // Per link, the newest send id delivered so far: a delivery of an older one overtook it.
  const linkOf = new Map<number, string>()
  const newest = new Map<string, number>()
  for (const r of records) {
    const d = r.data as Record<string, unknown>
    switch (r.type) {
      case 'op':
        if (d.ok === true && typeof d.op === 'string') ops.add(d.op)
        break
      case 'fault': {
        const kind = FAULT_OF[String(d.fault)]
        if (kind) faults.add(kind)
        if (d.fault === 'crash' && d.tornWrite === true) faults.add('torn-write')
        if (d.fault === 'crash' && d.failpoint !== undefined) faults.add('failpoint-crash')
        break
      }
      case 'drop':
        if (d.reason === 'loss') faults.add('loss')
        break
      case 'duplicate':
        faults.add('duplicate')
        break
      case 'corrupt':
        faults.add('corrupt')
        break
      case 'send':
        linkOf.set(Number(d.id), `${d.from}>${d.to}`)
        break
      case 'deliver': {
        const id = Number(d.id)
        const link = linkOf.get(id)
        if (link === undefined) break
        const seen = newest.get(link) ?? -1
        if (id < seen) faults.add('reorder')
        else newest.set(link, id)
        break
      }
    }
  }
  return { ops, faults }
}

/** Sums the coverage of a claim's runs. */
export class CoverageTally {
  private runs = 0
  private readonly ops = new Map<string, number>()
  private readonly faults = new Map<FaultKind, number>()

  add(run: RunCoverage): void {
    this.runs++
    for (const op of run.ops) this.ops.set(op, (this.ops.get(op) ?? 0) + 1)
    for (const f of run.faults) this.faults.set(f, (this.faults.get(f) ?? 0) + 1)
  }

  result(): ClaimCoverage {
    return coverageOf(
      this.runs,
      (op) => this.ops.get(op) ?? 0,
      (f) => this.faults.get(f) ?? 0,
    )
  }
}

/** A claim's coverage from its run count and how many runs exercised each kind; the gaps are the kinds at 0. */
function coverageOf(runs: number, opRuns: (op: string) => number, faultRuns: (f: FaultKind) => number): ClaimCoverage {
  const ops = Object.fromEntries(OP_NAMES.map((op) => [op, opRuns(op)]))
  const faults = Object.fromEntries(FAULT_KINDS.map((f) => [f, faultRuns(f)])) as Record<FaultKind, number>
  return {
    runs,
    ops,
    faults,
    gaps: { ops: OP_NAMES.filter((op) => ops[op] === 0), faults: FAULT_KINDS.filter((f) => faults[f] === 0) },
  }
}

/** The coverage of a budget's parts (its seeds, spread over worker threads), summed. */
export function sumCoverage(parts: readonly ClaimCoverage[]): ClaimCoverage {
  return coverageOf(
    parts.reduce((n, c) => n + c.runs, 0),
    (op) => parts.reduce((n, c) => n + (c.ops[op] ?? 0), 0),
    (f) => parts.reduce((n, c) => n + (c.faults[f] ?? 0), 0),
  )
}

/** A coverage gap of a claim under a profile, as a line. */
export const gapLine = (claim: string, profile: string, c: ClaimCoverage): string | undefined => {
  const parts = [
    ...(c.gaps.ops.length > 0 ? [`ops never run: ${c.gaps.ops.join(', ')}`] : []),
    ...(c.gaps.faults.length > 0 ? [`faults never seen: ${c.gaps.faults.join(', ')}`] : []),
  ]
  return parts.length > 0 ? `${claim} (${profile}) coverage gap, in ${c.runs} runs: ${parts.join('; ')}` : undefined
}
