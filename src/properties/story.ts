/**
 * A run told as a story, for counterexamples: who did what to which item, when, and where each
 * op's update arrived or why it did not (the fault that stopped it, when it happened), read from
 * the journal; then the faults and what the oracle found. Items are named as the scenario names
 * them (see naming/namer.ts). Refused ops changed nothing, so the story leaves them out and says
 * how many it left out.
 */
import type { JournalRecord } from '../sim/journal.ts'
import { argsText } from './naming/argsText.ts'
import type { Namer } from './naming/namer.ts'
import type { CheckedRun } from './runAndCheck.ts'

const MAX_LINES = 80

export function storyOf(checked: CheckedRun): string[] {
  const { run, history, namer } = checked
  const records = run.world.journal.records
  const fate = fatesOf(records)
  const lines: string[] = []
  const sc = run.scenario
  for (const e of sc.entities) {
    const members = Object.entries(e.members)
      .map(([m, r]) => `${m} (${r})`)
      .join(', ')
    lines.push(`t=0 ${e.owner} creates ${e.id}${members ? ` with ${members}` : ''}; peers: ${sc.peers.join(', ')}`)
  }
  const refused: string[] = []
  const down = new DownPeers()
  let opIndex = 0
  for (let i = 0; i < records.length && lines.length < MAX_LINES; i++) {
    const r = records[i]!
    down.see(r)
    if (r.type === 'op') {
      const op = history.ops[opIndex++]
      if (r.data.ok !== true) refused.push(String(r.data.code))
      else lines.push(opLine(r, op?.args ?? {}, records, i, fate, namer, down))
    } else if (r.type === 'fault') lines.push(`t=${r.t} fault: ${faultText(r.data)}`)
    else if (r.type === 'phase' && r.data.phase === 'heal')
      lines.push(`t=${r.t} the run heals every fault and drains the network`)
    else if (r.type === 'prune') lines.push(`t=${r.t} ${r.data.peer} prunes ${tombstoneOf(r, namer)}`)
  }
  if (lines.length >= MAX_LINES) lines.push(`... (${records.length} journal records in all)`)
  if (refused.length > 0) lines.push(refusedNote(refused))
  for (const [name, c] of Object.entries(checked.result.checks))
    if (c.evaluated && !c.holds) lines.push(`${name} fails: ${c.detail}`)
  return lines
}

/** `(2 refused ops left out: NOT_FOUND ×2; a refused op changes nothing)`. */
function refusedNote(codes: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1)
  const list = [...counts].map(([c, n]) => (n > 1 ? `${c} ×${n}` : c)).join(', ')
  const ops = codes.length === 1 ? '1 refused op' : `${codes.length} refused ops`
  return `(${ops} left out: ${list}; a refused op changes nothing)`
}

/** `the tombstone of $m1 (m0qb…)`, or of `member bob` in the core document. */
function tombstoneOf(r: JournalRecord, namer: Namer): string {
  const item = String(r.data.item)
  const member = String(r.data.doc).endsWith(':core') && !namer.knows(item)
  return `the tombstone of ${member ? `member ${item}` : namer.name(item)}`
}

/**
 * Which peers are down and since when, as the journal goes: a crash until its restart, offline
 * until online. Read in journal order, so a drop is explained by the faults before it.
 */
class DownPeers {
  private readonly since = new Map<string, { kind: 'crashed' | 'went offline'; t: number }>()
  private partitionAt: number | null = null

  see(r: JournalRecord): void {
    if (r.type !== 'fault') return
    const peer = String(r.data.peer)
    switch (r.data.fault) {
      case 'crash':
        this.since.set(peer, { kind: 'crashed', t: r.t })
        return
      case 'offline':
        if (this.since.get(peer)?.kind !== 'crashed') this.since.set(peer, { kind: 'went offline', t: r.t })
        return
      case 'restart':
      case 'online':
        this.since.delete(peer)
        return
      case 'partition':
        this.partitionAt = r.t
        return
      case 'heal':
        this.partitionAt = null
    }
  }

  /** `bob crashed at t=22`, or null when `peer` is up. */
  why(peer: string): string | null {
    const d = this.since.get(peer)
    return d ? `${peer} ${d.kind} at t=${d.t}` : null
  }

  /** Why a message from `from` to `to` was lost for `reason` (`atSend`: it never left `from`). */
  cause(reason: string, from: string, to: string, atSend: boolean): string {
    if (reason === 'offline')
      return (atSend ? (this.why(from) ?? this.why(to)) : (this.why(to) ?? this.why(from))) ?? 'a peer was offline'
    if (reason === 'partition')
      return this.partitionAt === null ? 'the link was cut' : `the partition of t=${this.partitionAt}`
    return 'the network lost it'
  }
}

/** For each message id: where it arrived, or when and why it was lost or rejected. */
function fatesOf(records: readonly JournalRecord[]): Map<number, string[]> {
  const fate = new Map<number, string[]>()
  const sent = new Map<number, { from: string; to: string; index: number }>()
  const down = new DownPeers()
  const add = (id: number, text: string) => fate.set(id, [...(fate.get(id) ?? []), text])
  records.forEach((r, index) => {
    down.see(r)
    const id = Number(r.data.id)
    if (r.type === 'send') sent.set(id, { from: String(r.data.from), to: String(r.data.to), index })
    const s = sent.get(id)
    if (!s) return
    // The network drops a message that cannot leave its sender right after recording its send.
    const atSend = index === s.index + 1 && r.t === records[s.index]!.t
    if (r.type === 'deliver' && !r.data.copy) add(id, `${s.to} at t=${r.t}`)
    else if (r.type === 'drop')
      add(id, `${s.to}: lost at t=${r.t} (${down.cause(String(r.data.reason), s.from, s.to, atSend)})`)
    else if (r.type === 'reject') add(id, `${s.to}: rejected at t=${r.t} (${r.data.code})`)
  })
  return fate
}

function opLine(
  r: JournalRecord,
  args: Readonly<Record<string, unknown>>,
  records: readonly JournalRecord[],
  i: number,
  fate: Map<number, string[]>,
  namer: Namer,
  down: DownPeers,
): string {
  const d = r.data
  const peer = String(d.peer)
  // A created item named by its title or content needs no second mention of it: its id is enough.
  const created =
    typeof d.created !== 'string'
      ? ''
      : ` -> ${namer.short(d.created).startsWith('$') ? namer.name(d.created) : d.created}`
  const what = `t=${r.t} ${peer} ${d.op} ${argsText(args, namer)}${created}`
  const arrivals: string[] = []
  for (let j = i + 1; j < records.length; j++) {
    const s = records[j]!
    if (s.t !== r.t || s.type === 'op') break
    if (s.type === 'send' && s.data.from === peer && s.data.kind === 'update')
      arrivals.push(...(fate.get(Number(s.data.id)) ?? [`${s.data.to}: still in flight`]))
  }
  if (arrivals.length > 0) return `${what}; update reaches ${arrivals.join(', ')}`
  const why = down.why(peer)
  return `${what} (kept locally: ${why ?? 'no update went out'})`
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
    case 'impersonate':
      return `${d.peer} starts lying: it writes as ${d.as}`
    case 'equivocate':
      return `${d.peer} starts equivocating: different updates under the same ids to different peers`
    case 'honest':
      return `${d.peer} stops lying`
    case 'advanceDays':
      return `the clock jumps ${d.days} days`
    default:
      return `${d.fault}${d.peer ? ` ${d.peer}` : ''}`
  }
}
