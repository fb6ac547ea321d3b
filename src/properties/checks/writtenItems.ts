/**
 * What `noLoss` expects every active member to read, from the oracle's history alone: the items
 * each concern's creating op wrote (messages, cards, issues), by ops that took effect (not fenced,
 * not by non-members), minus those an effective delete removed, in the order they were written
 * (their creation time in the profile's unit, then id: the order the spec's reads promise).
 * Archived cards and closed issues are not deleted: they stay readable, from SQL once moved.
 * A liar's writes are required nowhere (CheckContext.honest): what a liar created, and what only a
 * liar deleted, may be read or not.
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

/** What a replica must read of a concern: `ids` in written order; `optional` items it may read or not. */
export interface ExpectedItems {
  readonly ids: readonly string[]
  readonly optional: ReadonlySet<string>
}

/** Items every active member of `entity` must read (and may read), per concern. */
export function expectedItems(ctx: CheckContext, entity: EntityId): Map<Concern, ExpectedItems> {
  const model = ctx.model(entity)
  // Creation time in the profile's unit: the spec stores Unix seconds, the reference ms.
  const time = (ms: number): number => (ctx.profile === 'spec' ? seconds(ms) : ms)
  const ops = ctx.ops.filter((o) => o.entity === entity && model.effective(o))
  const out = new Map<Concern, ExpectedItems>()
  for (const { concern, creates, deletes } of ITEM_OPS) {
    const docId = `${entity}:${concern}`
    // A liar's deletions, made under a lie or not, may take effect (CheckContext.ownDeletion).
    const deleters = [...ops, ...ctx.ops.filter((o) => o.entity === entity && ctx.ownDeletion(o))]
    const deletedBy = (required: boolean) =>
      new Set(
        deleters
          .filter((o) => deletes.includes(o.op) && ctx.required(o) === required)
          .flatMap((o) => o.outcome.deleted.filter(([d]) => d === docId).map(([, item]) => item)),
      )
    const deleted = deletedBy(true)
    const liarDeleted = deletedBy(false)
    const created = ops.filter(
      (o) => o.op === creates && o.outcome.createdId !== undefined && !deleted.has(o.outcome.createdId),
    )
    const optional = new Set<string>()
    const written = created
      .filter((o) => {
        const must = ctx.required(o) && !liarDeleted.has(o.outcome.createdId!) && !lostToTear(ctx, o)
        if (!must) optional.add(o.outcome.createdId!)
        return must
      })
      .map((o) => ({ id: o.outcome.createdId!, at: time(o.outcome.at) }))
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    if (created.length > 0) out.set(concern, { ids: written.map((w) => w.id), optional })
  }
  return out
}
