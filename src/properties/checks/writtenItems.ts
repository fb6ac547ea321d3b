/**
 * What `noLoss` expects every active member to read, from the oracle's history alone: the items
 * each concern's creating op wrote (messages, cards, issues), by ops that took effect (not fenced,
 * not by non-members), minus those an effective delete removed, in the order they were written
 * (their creation time in the profile's unit, then id: the order the spec's reads promise).
 * Archived cards and closed issues are not deleted: they stay readable, from SQL once moved.
 */
import * as Y from 'yjs'
import type { Concern, EntityId } from '../../engine/base/ids.ts'
import { holdsOp, type RanOp } from '../oracle/causal.ts'
import { seconds } from '../oracle/reader/spec/records.ts'
import type { CheckContext } from './check.ts'

/** Per concern with a SQL fallback: the op that creates its items, and the ops that delete them. */
const ITEM_OPS: readonly {
  readonly concern: Concern
  readonly creates: string
  readonly deletes: readonly string[]
}[] = [
  { concern: 'chat', creates: 'chat.send', deletes: ['chat.delete'] },
  { concern: 'kanban', creates: 'kanban.addCard', deletes: [] },
  { concern: 'issues', creates: 'issues.create', deletes: [] },
]

/**
 * An op whose writes no replica holds, issued before its peer crashed with a torn write: it was
 * never saved anywhere, which `persistence` allows ("a torn write leaves the last good state").
 */
function lostToTear(ctx: CheckContext, op: RanOp): boolean {
  if (!ctx.history.crashes.some((c) => c.peer === op.peer && c.t >= op.t && c.torn)) return false
  return ![...ctx.world.peers.values()].some((p) => {
    if (!p.up) return false
    const docs = ctx.docsOf(p, op.entity)
    const svs: Record<string, Record<string, number>> = {}
    for (const r of op.outcome.effects) {
      const doc = docs(r.docId.slice(r.docId.lastIndexOf(':') + 1))
      svs[r.docId] = {}
      if (doc)
        for (const [c, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) svs[r.docId]![c.toString(36)] = clock
    }
    return holdsOp(svs, op)
  })
}

/** Item ids every active member of `entity` must read, per concern, in written order. */
export function expectedItems(ctx: CheckContext, entity: EntityId): Map<Concern, string[]> {
  const model = ctx.model(entity)
  // Creation time in the profile's unit: the spec stores Unix seconds, the reference ms.
  const time = (ms: number): number => (ctx.profile === 'spec' ? seconds(ms) : ms)
  const ops = ctx.ops.filter((o) => o.entity === entity && model.effective(o))
  const out = new Map<Concern, string[]>()
  for (const { concern, creates, deletes } of ITEM_OPS) {
    const docId = `${entity}:${concern}`
    const deleted = new Set(
      ops
        .filter((o) => deletes.includes(o.op))
        .flatMap((o) => o.outcome.deleted.filter(([d]) => d === docId).map(([, item]) => item)),
    )
    const written = ops
      .filter(
        (o) =>
          o.op === creates &&
          o.outcome.createdId !== undefined &&
          !deleted.has(o.outcome.createdId) &&
          !lostToTear(ctx, o),
      )
      .map((o) => ({ id: o.outcome.createdId!, at: time(o.outcome.at) }))
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    if (written.length > 0)
      out.set(
        concern,
        written.map((w) => w.id),
      )
  }
  return out
}
