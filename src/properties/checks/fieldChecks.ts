/**
 * Field-level conflict claims. From every effective write of the run as the oracle observed it
 * (the field, the value and the stamp the document gave it), the causal order between ops
 * (measured), and what each replica's documents show (the oracle's reader):
 *   lww             - a write that saw another carries a greater stamp (Lamport-consistent,
 *                     whatever the engine says of itself); concurrent writes to one field: every
 *                     replica shows the write with the greatest (stamp, replica id)
 *   differentFields - concurrent writes to different fields of one item are both kept
 * Where a replica shows the field, the engine's own read of it must agree with its documents.
 * A liar's writes are required nowhere (CheckContext.honest): a field must show its greatest write
 * of an honest peer, or a liar's greater one (which may or may not have arrived); a liar's stamps
 * are not judged.
 */
import type { EntityId } from '../../engine/base/ids.ts'
import { concurrent, happenedBefore, type RanOp } from '../oracle/causal.ts'
import { engineField } from '../oracle/engineReads.ts'
import type { ObservedFieldWrite } from '../oracle/observedOps.ts'
import type { SimPeer } from '../../sim/peer.ts'
import { verdict, type Check, type CheckContext } from './check.ts'

/** Positions derived by a layout rather than written (the spec's column `order`): not registers. */
const DERIVED = new Set(['order'])

interface Write {
  readonly op: RanOp
  readonly w: ObservedFieldWrite
}

/** Effective writes grouped by document, item and field. */
export function writesByField(ctx: CheckContext): Map<string, Write[]> {
  const out = new Map<string, Write[]>()
  for (const op of ctx.ops) {
    if (!ctx.model(op.entity).effective(op)) continue
    for (const w of op.outcome.writes) {
      if (DERIVED.has(w.field)) continue
      const k = `${w.docId}\u0000${w.item}\u0000${w.field}`
      const list = out.get(k) ?? []
      list.push({ op, w })
      out.set(k, list)
    }
  }
  return out
}

/**
 * The values a field may end with under LWW: its greatest write of an honest peer, by (stamp,
 * replica), and any liar's write at least as great. None when no honest peer wrote the field.
 */
export function lwwWinners(ctx: CheckContext, ws: readonly Write[]): unknown[] {
  const honest = ws.filter((x) => ctx.required(x.op))
  if (honest.length === 0) return []
  const top = honest.reduce((m, x) => (greater(x.w, m.w) > 0 ? x : m))
  return ws.filter((x) => greater(x.w, top.w) >= 0).map((x) => x.w.value)
}

const hasConcurrentPair = (ws: readonly Write[]): boolean =>
  ws.some((a, i) => ws.slice(i + 1).some((b) => a.op !== b.op && concurrent(a.op, b.op)))

/** The claim's LWW order: greater stamp, then greater replica id. */
export const greater = (a: ObservedFieldWrite, b: ObservedFieldWrite): number =>
  a.stamp !== b.stamp ? a.stamp - b.stamp : a.replica < b.replica ? -1 : a.replica > b.replica ? 1 : 0

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

const concernOf = (docId: string): string => docId.slice(docId.lastIndexOf(':') + 1)
const entityOf = (docId: string): EntityId => docId.slice(0, docId.lastIndexOf(':')) as EntityId

/** A field as a replica's documents show it, and the engine's disagreement with them, if any. */
export function shownField(
  ctx: CheckContext,
  p: SimPeer,
  w: ObservedFieldWrite,
): { visible: boolean; value: unknown; disagreement?: string } {
  const entity = entityOf(w.docId)
  const concern = concernOf(w.docId)
  const r = ctx.reader(p, entity)
  const visible = r.live(concern, w.item)
  const value = visible ? r.record(concern, w.item)?.fields[w.field] : undefined
  const engine = engineField(p, entity, concern, w.item, w.field)
  const agree = engine.visible === visible && (!visible || same(engine.value, value))
  return agree
    ? { visible, value }
    : {
        visible,
        value,
        disagreement:
          `${w.item}.${w.field} on ${p.name}: the engine shows ` +
          `${engine.visible ? JSON.stringify(engine.value) : 'nothing'}; its documents say ` +
          `${visible ? JSON.stringify(value) : 'nothing'}`,
      }
}

/** Writes that saw an earlier write of the same field and carry no greater stamp (not Lamport-consistent). */
function stampViolations(ctx: CheckContext, ws: readonly Write[]): string[] {
  const out: string[] = []
  for (const a of ws)
    for (const b of ws)
      if (a.op !== b.op && ctx.honest(b.op.peer) && happenedBefore(a.op, b.op) && !(b.w.stamp > a.w.stamp))
        out.push(
          `${b.w.item}.${b.w.field}: ${b.op.peer}'s write (t=${b.op.t}) saw ${a.op.peer}'s (t=${a.op.t}) but ` +
            `carries stamp ${b.w.stamp} <= ${a.w.stamp}`,
        )
  return out
}

export const lww: Check = {
  name: 'lww',
  claim: 'Concurrent edits to same field: Last-Write-Wins (LWW) based on Lamport timestamp.',
  evaluate(ctx) {
    const bad: string[] = []
    let fields = 0
    for (const ws of writesByField(ctx).values()) {
      bad.push(...stampViolations(ctx, ws))
      const winners = lwwWinners(ctx, ws)
      if (!hasConcurrentPair(ws) || winners.length === 0) continue
      fields++
      const top = ws.filter((x) => ctx.required(x.op)).reduce((m, x) => (greater(x.w, m.w) > 0 ? x : m))
      for (const p of ctx.activeReplicas(entityOf(top.w.docId))) {
        const shown = shownField(ctx, p, top.w)
        if (shown.disagreement) bad.push(shown.disagreement)
        if (shown.visible && !winners.some((v) => same(v, shown.value)))
          bad.push(
            `${top.w.item}.${top.w.field} on ${p.name} shows ${JSON.stringify(shown.value)}; the ` +
              `greatest (stamp, replica) is ${top.w.replica}'s ${JSON.stringify(top.w.value)} @${top.w.stamp}`,
          )
      }
    }
    return verdict(
      bad,
      fields > 0,
      fields > 0
        ? `${fields} field(s) written concurrently resolved by (stamp, replica); stamps follow causality`
        : 'no field was written concurrently',
    )
  },
}

export const differentFields: Check = {
  name: 'differentFields',
  claim: 'Concurrent edits to different fields: Both changes preserved.',
  evaluate(ctx) {
    const byItem = new Map<string, Map<string, Write[]>>()
    for (const [k, ws] of writesByField(ctx)) {
      const item = k.slice(0, k.lastIndexOf('\u0000'))
      const fields = byItem.get(item) ?? new Map<string, Write[]>()
      fields.set(ws[0]!.w.field, ws)
      byItem.set(item, fields)
    }
    const bad: string[] = []
    let items = 0
    for (const fields of byItem.values()) {
      const lists = [...fields.values()]
      const pair = lists.some((a, i) =>
        lists.slice(i + 1).some((b) => a.some((x) => b.some((y) => x.op !== y.op && concurrent(x.op, y.op)))),
      )
      if (!pair) continue
      items++
      for (const ws of lists) {
        // A field must show one of its maximal writes (no honest write later in causal order overwrote it).
        const maximal = ws.filter((x) => !ws.some((y) => y !== x && ctx.required(y.op) && happenedBefore(x.op, y.op)))
        for (const p of ctx.activeReplicas(entityOf(ws[0]!.w.docId))) {
          const shown = shownField(ctx, p, ws[0]!.w)
          if (shown.disagreement) bad.push(shown.disagreement)
          if (shown.visible && !maximal.some((x) => same(x.w.value, shown.value)))
            bad.push(
              `${ws[0]!.w.item}.${ws[0]!.w.field} on ${p.name} lost its concurrent write ` +
                `(shows ${JSON.stringify(shown.value)})`,
            )
        }
      }
    }
    return verdict(
      bad,
      items > 0,
      items > 0
        ? `${items} item(s) with concurrent writes to different fields kept them all`
        : 'no item had different fields written concurrently',
    )
  },
}
