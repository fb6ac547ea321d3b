/**
 * Field-level conflict claims. From every effective write of the run (the ops' own account of
 * the field, value and LWW timestamp they wrote) and the causal order between ops:
 *   lww             - concurrent writes to one field: every replica shows the write with the
 *                     greatest (timestamp, replica id), and timestamps are Lamport-consistent
 *   differentFields - concurrent writes to different fields of one item are both kept
 */
import type { DocId, EntityId } from '../../engine/base/ids.ts'
import { parseDocId } from '../../engine/base/ids.ts'
import { concurrent, happenedBefore, type RanOp } from '../oracle/causal.ts'
import { visibleField } from '../oracle/reads.ts'
import { verdict, type Check, type CheckContext } from './check.ts'
import type { WriteRecord } from '../../engine/ports/effects.ts'

/** Positions derived by a layout rather than written (the spec's column `order`): not registers. */
const DERIVED = new Set(['order'])

interface Write {
  readonly op: RanOp
  readonly w: WriteRecord
}

/** Effective writes grouped by document, item and field. */
function writesByField(ctx: CheckContext): Map<string, Write[]> {
  const out = new Map<string, Write[]>()
  for (const op of ctx.ops) {
    if (!ctx.model(op.entity).effective(op)) continue
    for (const w of op.outcome.writes ?? []) {
      if (DERIVED.has(w.field)) continue
      const k = `${w.docId}\u0000${w.item}\u0000${w.field}`
      const list = out.get(k) ?? []
      list.push({ op, w })
      out.set(k, list)
    }
  }
  return out
}

const hasConcurrentPair = (ws: readonly Write[]): boolean =>
  ws.some((a, i) => ws.slice(i + 1).some((b) => a.op !== b.op && concurrent(a.op, b.op)))

const greater = (a: WriteRecord, b: WriteRecord): number =>
  a.stamp !== b.stamp ? a.stamp - b.stamp : a.replica < b.replica ? -1 : a.replica > b.replica ? 1 : 0

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

export const lww: Check = {
  name: 'lww',
  claim: 'Concurrent edits to same field: Last-Write-Wins (LWW) based on Lamport timestamp.',
  evaluate(ctx) {
    const bad: string[] = []
    let fields = 0
    for (const ws of writesByField(ctx).values()) {
      if (!hasConcurrentPair(ws)) continue
      fields++
      const { docId, item, field } = ws[0]!.w
      for (const a of ws)
        for (const b of ws) {
          if (a.op !== b.op && happenedBefore(a.op, b.op) && !(b.w.stamp > a.w.stamp)) {
            bad.push(
              `${item}.${field}: ${b.op.peer}'s write saw ${a.op.peer}'s but carries ` +
                `timestamp ${b.w.stamp} <= ${a.w.stamp}`,
            )
          }
        }
      const top = ws.reduce((m, x) => (greater(x.w, m.w) > 0 ? x : m))
      const winners = ws.filter((x) => greater(x.w, top.w) === 0)
      for (const p of ctx.activeReplicas(entityOf(docId))) {
        const shown = visibleField(p.r, docId, item, field)
        if (shown.visible && !winners.some((x) => same(x.w.value, shown.value))) {
          bad.push(
            `${item}.${field} on ${p.name} shows ${JSON.stringify(shown.value)}; the ` +
              `greatest (timestamp, replica) is ${top.w.replica}'s ` +
              `${JSON.stringify(top.w.value)} @${top.w.stamp}`,
          )
        }
      }
    }
    return verdict(
      bad,
      fields > 0,
      fields > 0
        ? `${fields} field(s) written concurrently resolved by (timestamp, replica)`
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
        // A field must show one of its maximal writes (none later in causal order overwrote it).
        const maximal = ws.filter((x) => !ws.some((y) => y !== x && happenedBefore(x.op, y.op)))
        const { docId, item, field } = ws[0]!.w
        for (const p of ctx.activeReplicas(entityOf(docId))) {
          const shown = visibleField(p.r, docId, item, field)
          if (shown.visible && !maximal.some((x) => same(x.w.value, shown.value)))
            bad.push(`${item}.${field} on ${p.name} lost its concurrent write (shows ${JSON.stringify(shown.value)})`)
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

const entityOf = (docId: DocId): EntityId => parseDocId(docId).entityId
