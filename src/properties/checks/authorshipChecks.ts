/**
 * The half of `access` that lying peers test (the `impersonate` and `equivocate` faults, and a
 * non-member asking for state). The oracle knows each write's real author, the peer that made it,
 * whatever the write claims; it judges honest replicas only:
 *   - no honest replica holds a write its author made while claiming another member's name, nor
 *     shows a message or comment under a name other than its real author's;
 *   - no honest replica shows content its author equivocated (sent in two versions under the
 *     same Yjs ids).
 * A membership or role change the role rules forbid to its real author is judged with the rest
 * of membership (accessChecks.ts): the oracle's model folds every op under its real author.
 */
import { parseDocId } from '../../engine/base/ids.ts'
import { itemsIn } from '../../engine/base/yjsInternals.ts'
import { liveMessages } from '../../engine/ops/chatOps.ts'
import { svHolds } from '../oracle/causal.ts'
import { readerOf } from '../oracle/reads.ts'
import type { CheckContext } from './check.ts'

/** Whether a peer lied in the run (so `access` has something to judge). */
export function liesOrReads(ctx: CheckContext): boolean {
  return ctx.world.lies.liars.size > 0
}

/** Every violation of the rules above. */
export function authorshipViolations(ctx: CheckContext): string[] {
  return [...misnamedWrites(ctx), ...misnamedAuthors(ctx), ...equivocatedContent(ctx)]
}

/** Writes made under another member's name that an honest replica integrated or shows the effect of. */
function misnamedWrites(ctx: CheckContext): string[] {
  const out: string[] = []
  const honestDeletes = new Set(
    ctx.ops
      .filter((o) => !o.lie?.as && ctx.model(o.entity).effective(o))
      .flatMap((o) => (o.outcome.deleted ?? []).map(([d, i]) => `${d}/${i}`)),
  )
  for (const op of ctx.ops.filter((o) => o.lie?.as)) {
    const what = `${op.peer}'s ${op.op} made as ${op.lie!.as} (t=${op.t})`
    const holders: string[] = []
    const gone = new Map<string, string[]>()
    for (const p of ctx.activeReplicas(op.entity)) {
      if (op.outcome.effects.some((r) => svHolds(p.r.stateVector(r.docId), { client: r.client, clock: r.from })))
        holders.push(p.name)
      for (const [docId, item] of op.outcome.deleted ?? []) {
        const reader = readerOf(docId)
        if (reader && !honestDeletes.has(`${docId}/${item}`) && !reader.visible(p.r, op.entity).has(item))
          gone.set(item, [...(gone.get(item) ?? []), p.name])
      }
    }
    if (holders.length > 0) out.push(`${list(holders)} hold${holders.length === 1 ? 's' : ''} ${what}`)
    for (const [item, on] of gone) out.push(`${item} is gone on ${list(on)} after ${what}`)
  }
  return out
}

const list = (names: readonly string[]): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`

/** Messages an honest replica shows under a name that is not the name of the peer that wrote them. */
function misnamedAuthors(ctx: CheckContext): string[] {
  const creator = new Map(ctx.ops.flatMap((o) => (o.outcome.createdId ? [[o.outcome.createdId, o.peer] as const] : [])))
  const shown = new Map<string, string[]>()
  for (const entity of ctx.entities()) {
    for (const p of ctx.activeReplicas(entity)) {
      if (!p.r.docIds(entity).includes(`${entity}:chat`)) continue
      for (const m of liveMessages(p.r.entity(entity))) {
        const real = creator.get(m.id)
        const line = `${m.id} by ${m.author_id}; ${real} wrote it`
        if (real !== undefined && real !== m.author_id) shown.set(line, [...(shown.get(line) ?? []), p.name])
      }
    }
  }
  return [...shown].map(([line, on]) => `${list(on)} show${on.length === 1 ? 's' : ''} ${line}`)
}

/** Live content under ids a lying peer sent in two versions, on an honest replica. */
function equivocatedContent(ctx: CheckContext): string[] {
  const out: string[] = []
  for (const { t, peer, forgery } of ctx.history.forgeries) {
    const entity = parseDocId(forgery.docId).entityId
    const ranges = {
      clients: new Map(forgery.ranges.map((r) => [r.client, [{ clock: r.from, len: r.to - r.from }]] as const)),
    }
    const where = forgery.ranges.map((r) => `${r.client.toString(36)}:${r.from}-${r.to}`).join(', ')
    const showing: string[] = []
    for (const p of ctx.activeReplicas(entity)) {
      if (!p.r.docIds(entity).includes(forgery.docId)) continue
      let live = false
      itemsIn(p.r.ydoc(forgery.docId), ranges, (item) => {
        if (!item.deleted) live = true
      })
      if (live) showing.push(p.name)
    }
    if (showing.length > 0)
      out.push(
        `${list(showing)} show${showing.length === 1 ? 's' : ''} what ${peer} equivocated at t=${t} ` +
          `(${forgery.docId} ${where}; another version went to ${list(forgery.to)})`,
      )
  }
  return out
}
