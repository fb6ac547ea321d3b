/**
 * A run told as a story, for counterexamples: who did what, when, and where each op's update
 * arrived (or did not), read from the journal; then the faults and what the oracle found.
 */
import type { JournalRecord } from '../sim/journal.ts'
import type { CheckedRun } from './runAndCheck.ts'

const MAX_LINES = 80

export function storyOf(checked: CheckedRun): string[] {
  const records = checked.run.world.journal.records
  const fate = fatesOf(records)
  const lines: string[] = []
  const sc = checked.run.scenario
  for (const e of sc.entities) {
    const members = Object.entries(e.members)
      .map(([m, r]) => `${m} (${r})`)
      .join(', ')
    lines.push(`t=0 ${e.owner} creates ${e.id}${members ? ` with ${members}` : ''}; peers: ${sc.peers.join(', ')}`)
  }
  for (let i = 0; i < records.length && lines.length < MAX_LINES; i++) {
    const r = records[i]!
    if (r.type === 'op') lines.push(opLine(r, records, i, fate))
    else if (r.type === 'fault') lines.push(`t=${r.t} fault: ${faultText(r.data)}`)
    else if (r.type === 'phase' && r.data.phase === 'heal')
      lines.push(`t=${r.t} the run heals every fault and drains the network`)
    else if (r.type === 'prune') lines.push(`t=${r.t} ${r.data.peer} prunes ${r.data.item}`)
  }
  if (lines.length >= MAX_LINES) lines.push(`... (${records.length} journal records in all)`)
  for (const [name, c] of Object.entries(checked.result.checks))
    if (c.evaluated && !c.holds) lines.push(`${name} fails: ${c.detail}`)
  return lines
}

/** For each message id: where it was delivered or dropped. */
function fatesOf(records: readonly JournalRecord[]): Map<number, string[]> {
  const fate = new Map<number, string[]>()
  const to = new Map<number, string>()
  for (const r of records) {
    const id = Number(r.data.id)
    if (r.type === 'send') to.set(id, String(r.data.to))
    else if (r.type === 'deliver' && !r.data.copy) fate.set(id, [...(fate.get(id) ?? []), `${to.get(id)} at t=${r.t}`])
    else if (r.type === 'drop') fate.set(id, [...(fate.get(id) ?? []), `${to.get(id)} lost (${r.data.reason})`])
    else if (r.type === 'reject') fate.set(id, [...(fate.get(id) ?? []), `${to.get(id)} rejected it`])
  }
  return fate
}

function opLine(r: JournalRecord, records: readonly JournalRecord[], i: number, fate: Map<number, string[]>): string {
  const d = r.data
  const what = `t=${r.t} ${d.peer} ${d.op}${d.created ? ` -> ${d.created}` : ''}`
  if (!d.ok) return `${what}: refused (${d.code})`
  const arrivals: string[] = []
  for (let j = i + 1; j < records.length; j++) {
    const s = records[j]!
    if (s.t !== r.t || s.type === 'op') break
    if (s.type === 'send' && s.data.from === d.peer && s.data.kind === 'update')
      arrivals.push(...(fate.get(Number(s.data.id)) ?? [`${s.data.to}: still in flight`]))
  }
  return arrivals.length ? `${what}; update reaches ${arrivals.join(', ')}` : `${what} (kept locally: offline or alone)`
}

function faultText(d: Record<string, unknown>): string {
  switch (d.fault) {
    case 'partition':
      return `partition ${(d.groups as string[][]).map((g) => g.join('+')).join(' | ')}`
    case 'hold':
    case 'release':
      return `${d.fault} ${d.from} -> ${d.to}`
    case 'crash':
      return `crash ${d.peer}${d.tornWrite ? ' (the last write is torn)' : ''}`
    case 'clockSkew':
      return `clock of ${d.peer} skewed by ${d.ms} ms`
    case 'advanceDays':
      return `the clock jumps ${d.days} days`
    default:
      return `${d.fault}${d.peer ? ` ${d.peer}` : ''}`
  }
}
