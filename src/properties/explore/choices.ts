/**
 * The choices of a schedule: which enabled event happens next. A peer's next op (in its program's
 * order, once every op before the next clock jump ran and every op creating an id it names ran,
 * and while the peer is up), the delivery of
 * one waiting message (on a FIFO link, its head), the clock jump once its ops ran, and, as the
 * scenario allows and at most `maxFaults` times a schedule: a loss or a copy of a message, a crash,
 * going offline. A crashed peer may restart and an offline one come back at any point. At a quiet
 * point (nothing waiting) where replicas differ, any peer may start an anti-entropy exchange.
 *
 * A choice names a message by its place among those waiting on its link (`k`), which events of
 * other peers never shift: the same choice before and after an independent event is the same event
 * (what sleep sets need).
 */
import type { MemberId } from '../../engine/base/ids.ts'
import type { World } from '../../sim/world.ts'
import type { ExploreProgram } from './program.ts'

export type Choice =
  | { readonly kind: 'op'; readonly peer: MemberId; readonly n: number }
  | {
      readonly kind: 'deliver' | 'drop' | 'duplicate'
      readonly from: MemberId
      readonly to: MemberId
      readonly k: number
    }
  | { readonly kind: 'crash' | 'restart' | 'offline' | 'online' | 'sync'; readonly peer: MemberId }
  | { readonly kind: 'jump'; readonly n: number }

/** Faults count against `--max-faults`. */
export const FAULT_KINDS: ReadonlySet<Choice['kind']> = new Set(['drop', 'duplicate', 'crash', 'offline'])

/** A short stable name of a choice. */
export function labelOf(c: Choice): string {
  switch (c.kind) {
    case 'op':
      return `${c.peer}.op${c.n}`
    case 'deliver':
      return `${c.from}>${c.to}@${c.k}`
    case 'drop':
    case 'duplicate':
      return `${c.from}>${c.to}@${c.k}:${c.kind}`
    case 'jump':
      return `jump${c.n}`
    default:
      return `${c.kind}:${c.peer}`
  }
}

/** The peer whose replica a choice acts on; null for a clock jump (it acts on every one). */
export function peerOf(c: Choice): MemberId | null {
  if (c.kind === 'jump') return null
  return 'to' in c ? c.to : c.peer
}

/** Where a schedule stands: how far each program ran, the clock jumps and faults taken. */
export interface Position {
  readonly ops: ReadonlyMap<MemberId, number>
  readonly jumps: number
  readonly faults: number
}

export const START: Position = { ops: new Map(), jumps: 0, faults: 0 }

/** The position after `c`. */
export function advance(p: Position, c: Choice): Position {
  const faults = p.faults + (FAULT_KINDS.has(c.kind) ? 1 : 0)
  if (c.kind === 'op') return { ops: new Map(p.ops).set(c.peer, c.n + 1), jumps: p.jumps, faults }
  if (c.kind === 'jump') return { ops: p.ops, jumps: p.jumps + 1, faults }
  return { ops: p.ops, jumps: p.jumps, faults }
}

/** Every program ran to its end (ops and clock jumps). */
export function programsDone(prog: ExploreProgram, p: Position): boolean {
  if (p.jumps < prog.jumps.length) return false
  for (const [peer, ops] of prog.programs) if ((p.ops.get(peer) ?? 0) < ops.length) return false
  return true
}

/** What the choices depend on besides the position: the world, and whether replicas differ. */
export interface ChoiceContext {
  readonly world: World
  readonly maxFaults: number
  /** Some document differs between running replicas (anti-entropy would change something). */
  readonly diverged: boolean
}

/** The enabled choices, in a fixed order: ops, the clock jump, deliveries, recoveries, faults, syncs. */
export function enabledChoices(prog: ExploreProgram, p: Position, ctx: ChoiceContext): Choice[] {
  const { world } = ctx
  const out: Choice[] = []
  const peers = [...prog.programs.keys()]
  const up = (peer: MemberId) => world.peer(peer).up
  for (const peer of peers) {
    const n = p.ops.get(peer) ?? 0
    const op = prog.programs.get(peer)![n]
    const bound = op?.after.every((b) => (p.ops.get(b.peer) ?? 0) > b.n) ?? false
    if (op && bound && op.phase === p.jumps && up(peer)) out.push({ kind: 'op', peer, n })
  }
  const jumpDue =
    p.jumps < prog.jumps.length &&
    peers.every((peer) => (prog.programs.get(peer)![p.ops.get(peer) ?? 0]?.phase ?? Infinity) > p.jumps)
  if (jumpDue) out.push({ kind: 'jump', n: p.jumps })
  const faultsLeft = p.faults < ctx.maxFaults
  const waiting = world.network.waiting
  for (const from of peers)
    for (const to of peers) {
      if (from === to) continue
      const link = waiting.filter((d) => d.from === from && d.to === to)
      const ks = link.length > 0 && link[0]!.link.fifo ? [0] : link.map((_, k) => k)
      for (const k of ks) {
        out.push({ kind: 'deliver', from, to, k })
        if (faultsLeft && prog.loss) out.push({ kind: 'drop', from, to, k })
        if (faultsLeft && prog.duplication) out.push({ kind: 'duplicate', from, to, k })
      }
    }
  for (const peer of peers) {
    const sim = world.peer(peer)
    if (!sim.up) out.push({ kind: 'restart', peer })
    if (sim.offline) out.push({ kind: 'online', peer })
    if (faultsLeft && prog.crashes.has(peer) && sim.up) out.push({ kind: 'crash', peer })
    if (faultsLeft && prog.offline.has(peer) && sim.up && !sim.offline) out.push({ kind: 'offline', peer })
  }
  if (waiting.length === 0 && ctx.diverged)
    for (const peer of peers) if (up(peer) && !world.peer(peer).offline) out.push({ kind: 'sync', peer })
  return out
}
