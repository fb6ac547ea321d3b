/**
 * The run's timeline for the run report, computed afterwards from the journal (as Maelstrom
 * computes its plots from its network journal): fault periods per peer, messages with their
 * fate, ops, and how many documents differed between replicas over time.
 */
import type { JournalRecord } from '../sim/journal.ts'
import type { World } from '../sim/world.ts'

export interface Timeline {
  peers: string[]
  durationMs: number
  faults: {
    kind: 'partition' | 'offline' | 'crash' | 'hold' | 'clockSkew' | 'oneWay' | 'impersonate' | 'equivocate'
    peers: string[]
    from: number
    to: number
    label?: string
  }[]
  messages: {
    from: string
    to: string
    sentAt: number
    at: number
    outcome: 'delivered' | 'dropped' | 'corrupted' | 'rejected' | 'duplicated'
    bytes: number
    kind: string
  }[]
  ops: { t: number; peer: string; op: string; ok: boolean }[]
  divergence: { t: number; divergentDocs: number }[]
  /** When each failing check failed: the first time its detail names, else when it was judged (the end). */
  failures?: { check: string; t: number; label: string }[]
}

/**
 * The moment of each failing check. Checks that catch a violation as it happens name its time in
 * their detail (`t=455: carol pruned …`, `fenced write from t=400`): the earliest is the moment.
 * Checks of the final state judge the replicas after the drain: their moment is the run's end.
 */
export function failureMoments(
  checks: Readonly<Record<string, { evaluated: boolean; holds?: boolean; detail?: string }>>,
  end: number,
): NonNullable<Timeline['failures']> {
  const out: NonNullable<Timeline['failures']> = []
  for (const [check, c] of Object.entries(checks)) {
    if (!c.evaluated || c.holds) continue
    const times = [...(c.detail ?? '').matchAll(/\bt=(\d+)/g)].map((m) => Number(m[1]))
    out.push(
      times.length > 0
        ? { check, t: Math.min(...times), label: `${check} fails (t=${Math.min(...times)})` }
        : { check, t: end, label: `${check} fails on the final state (judged after the drain)` },
    )
  }
  return out
}

type Open = { kind: Timeline['faults'][number]['kind']; peers: string[]; from: number; label?: string }

export function timelineOf(world: World, divergence: Timeline['divergence']): Timeline {
  const peers = [...world.peers.keys()]
  const records = world.journal.records
  const end = world.now
  const faults: Timeline['faults'] = []
  const open = new Map<string, Open>()
  const close = (key: string, t: number) => {
    const o = open.get(key)
    if (o) faults.push({ ...o, to: t })
    open.delete(key)
  }
  for (const r of records) if (r.type === 'fault') faultRecord(r, open, close, peers)
  for (const key of [...open.keys()]) close(key, end)
  return { peers, durationMs: end, faults, messages: messagesOf(records), ops: opsOf(records), divergence }
}

function faultRecord(
  r: JournalRecord,
  open: Map<string, Open>,
  close: (key: string, t: number) => void,
  peers: string[],
): void {
  const d = r.data as Record<string, unknown>
  const peer = typeof d.peer === 'string' ? d.peer : ''
  switch (d.fault) {
    case 'partition': {
      close('partition', r.t)
      const groups = (d.groups as string[][]) ?? []
      const named = new Set(groups.flat())
      const rest = peers.filter((p) => !named.has(p))
      open.set('partition', {
        kind: 'partition',
        peers: peers,
        from: r.t,
        label: [...groups, ...(rest.length ? [rest] : [])].map((g) => g.join('+')).join(' | '),
      })
      return
    }
    case 'heal':
      close('partition', r.t)
      for (const key of [...open.keys()]) if (key.startsWith('hold:')) close(key, r.t)
      return
    case 'offline':
      open.set(`offline:${peer}`, { kind: 'offline', peers: [peer], from: r.t })
      return
    case 'online':
      close(`offline:${peer}`, r.t)
      return
    case 'crash':
      open.set(`crash:${peer}`, {
        kind: 'crash',
        peers: [peer],
        from: r.t,
        label: d.tornWrite ? 'torn write' : 'crash',
      })
      return
    case 'restart':
      close(`crash:${peer}`, r.t)
      return
    case 'hold':
      open.set(`hold:${d.from}>${d.to}`, {
        kind: 'hold',
        peers: [String(d.from), String(d.to)],
        from: r.t,
        label: `${d.from} -> ${d.to} held`,
      })
      return
    case 'release':
      close(`hold:${d.from}>${d.to}`, r.t)
      return
    case 'impersonate':
      close(`impersonate:${peer}`, r.t)
      open.set(`impersonate:${peer}`, { kind: 'impersonate', peers: [peer], from: r.t, label: `writes as ${d.as}` })
      return
    case 'equivocate':
      if (!open.has(`equivocate:${peer}`))
        open.set(`equivocate:${peer}`, { kind: 'equivocate', peers: [peer], from: r.t })
      return
    case 'honest':
      close(`impersonate:${peer}`, r.t)
      close(`equivocate:${peer}`, r.t)
      return
    case 'clockSkew':
      close(`skew:${peer}`, r.t)
      if (d.ms !== 0)
        open.set(`skew:${peer}`, {
          kind: 'clockSkew',
          peers: [peer],
          from: r.t,
          label: `clock ${Number(d.ms) > 0 ? '+' : ''}${d.ms} ms`,
        })
  }
}

function messagesOf(records: readonly JournalRecord[]): Timeline['messages'] {
  const sent = new Map<
    number,
    { from: string; to: string; sentAt: number; bytes: number; kind: string; corrupted: boolean }
  >()
  const out: Timeline['messages'] = []
  const rejected = new Set<number>()
  for (const r of records) if (r.type === 'reject' && typeof r.data.id === 'number') rejected.add(r.data.id)
  for (const r of records) {
    const d = r.data as Record<string, unknown>
    const id = Number(d.id)
    if (r.type === 'send')
      sent.set(id, {
        from: String(d.from),
        to: String(d.to),
        sentAt: r.t,
        bytes: Number(d.size),
        kind: String(d.kind),
        corrupted: false,
      })
    const s = sent.get(id)
    if (!s) continue
    if (r.type === 'corrupt') s.corrupted = true
    if (r.type === 'deliver')
      out.push({
        ...base(s),
        at: r.t,
        outcome: d.copy
          ? 'duplicated'
          : s.corrupted || rejected.has(id)
            ? s.corrupted
              ? 'corrupted'
              : 'rejected'
            : 'delivered',
      })
    if (r.type === 'drop') out.push({ ...base(s), at: r.t, outcome: 'dropped' })
  }
  return out
}

const base = (s: { from: string; to: string; sentAt: number; bytes: number; kind: string }) => ({
  from: s.from,
  to: s.to,
  sentAt: s.sentAt,
  bytes: s.bytes,
  kind: s.kind,
})

const opsOf = (records: readonly JournalRecord[]): Timeline['ops'] =>
  records
    .filter((r) => r.type === 'op')
    .map((r) => ({ t: r.t, peer: String(r.data.peer), op: String(r.data.op), ok: r.data.ok === true }))
