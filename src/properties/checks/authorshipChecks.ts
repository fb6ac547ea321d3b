/**
 * The half of `access` that lying peers test (the `impersonate` and `equivocate` faults, and a
 * non-member asking for state). The oracle knows each write's real author, the peer that made it,
 * whatever the write claims; it judges honest replicas only:
 *   - no honest replica holds a write its author made while claiming another member's name, nor
 *     shows a message or comment under a name other than its real author's;
 *   - no honest replica shows content its author equivocated (sent in two versions under the
 *     same Yjs ids);
 *   - no honest replica hands an entity's content to a peer that, by the membership ops it had
 *     seen when it sent, was no member (the core document: to one that never was).
 * A membership or role change the role rules forbid to its real author is judged with the rest
 * of membership (accessChecks.ts): the oracle's model folds every op under its real author.
 */
import * as Y from 'yjs'
import { parseDocId, type DocId, type EntityId } from '../../engine/base/ids.ts'
import { itemsIn } from '../../engine/base/yjsInternals.ts'
import type { SimPeer } from '../../sim/peer.ts'
import { holdsOp, svHolds, type RanOp } from '../oracle/causal.ts'
import { archivedRows } from '../oracle/engineReads.ts'
import { membershipModel } from '../oracle/membershipModel.ts'
import type { CheckContext } from './check.ts'

const concernOf = (docId: string): string => docId.slice(docId.lastIndexOf(':') + 1)

/** A replica's state vector of a document, from its documents (never loaded through the engine). */
function svOf(ctx: CheckContext, p: SimPeer, entity: EntityId, docId: string): Map<number, number> {
  const doc = ctx.docsOf(p, entity)(concernOf(docId))
  return doc ? (Y.decodeStateVector(Y.encodeStateVector(doc)) as Map<number, number>) : new Map()
}

/** Whether a peer lied, or content was handed to a peer that may be no member (so `access` has something to judge). */
export function liesOrReads(ctx: CheckContext): boolean {
  return ctx.world.lies.liars.size > 0 || ctx.history.reads.handouts.length > 0 || ctx.history.refusals.refusedReads > 0
}

/** Every violation of the rules above. */
export function authorshipViolations(ctx: CheckContext): string[] {
  return [...misnamedWrites(ctx), ...misnamedAuthors(ctx), ...equivocatedContent(ctx), ...readLeaks(ctx)]
}

/** Writes made under another member's name that an honest replica integrated or shows the effect of. */
function misnamedWrites(ctx: CheckContext): string[] {
  const out: string[] = []
  const honestDeletes = new Set(
    ctx.ops
      .filter((o) => !o.lie?.as && ctx.model(o.entity).effective(o))
      .flatMap((o) => o.outcome.deleted.map(([d, i]) => `${d}/${i}`)),
  )
  for (const op of ctx.ops.filter((o) => o.lie?.as)) {
    const what = `${op.peer}'s ${op.op} made as ${op.lie!.as} (t=${op.t})`
    const holders: string[] = []
    const gone = new Map<string, string[]>()
    for (const p of ctx.activeReplicas(op.entity)) {
      const held = (r: { docId: string; client: number; from: number }) =>
        svHolds(svOf(ctx, p, op.entity, r.docId), { client: r.client, clock: r.from })
      if (op.outcome.effects.some(held)) holders.push(p.name)
      for (const [docId, item] of op.outcome.deleted) {
        if (ctx.ownDeletion(op)) break // named by its signer: the liar's own (CheckContext.ownDeletion)
        if (!honestDeletes.has(`${docId}/${item}`) && !ctx.reader(p, op.entity).live(concernOf(docId), item))
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

/**
 * Messages an honest replica shows (its documents' live messages, and its archive's rows) under a
 * name that is not the name of the peer that wrote them.
 */
function misnamedAuthors(ctx: CheckContext): string[] {
  const creator = new Map(ctx.ops.flatMap((o) => (o.outcome.createdId ? [[o.outcome.createdId, o.peer] as const] : [])))
  const shown = new Map<string, string[]>()
  for (const entity of ctx.entities()) {
    for (const p of ctx.activeReplicas(entity)) {
      const live = ctx
        .reader(p, entity)
        .messages()
        .filter((m) => !m.deleted)
      const rows = archivedRows(p, entity, 'chat').map((r) => ({ id: r.id, author_id: String(r.fields.author_id) }))
      for (const m of [...live, ...rows]) {
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
  for (const { t, peer, forgery, landed } of ctx.history.forgeries) {
    if (!landed) continue // no honest replica got the other version: an ordinary write
    const entity = parseDocId(forgery.docId).entityId
    const ranges = {
      clients: new Map(forgery.ranges.map((r) => [r.client, [{ clock: r.from, len: r.to - r.from }]] as const)),
    }
    const where = forgery.ranges.map((r) => `${r.client.toString(36)}:${r.from}-${r.to}`).join(', ')
    const showing: string[] = []
    for (const p of ctx.activeReplicas(entity)) {
      const doc = ctx.docsOf(p, entity)(concernOf(forgery.docId))
      if (!doc) continue
      let live = false
      itemsIn(doc, ranges, (item) => {
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

/** Content an honest replica handed a peer that, by what it knew, was no member. */
function readLeaks(ctx: CheckContext): string[] {
  const out: string[] = []
  for (const h of ctx.history.reads.handouts) {
    const entity = parseDocId(h.docId).entityId
    const decl = ctx.run.scenario.entities.find((e) => e.id === entity)
    if (!decl) continue
    const core: DocId = `${entity}:core`
    const knew = (o: RanOp): boolean => holdsOp({ [core]: h.coreSv }, o)
    // By what the sender held then: an equivocated op it held is one it could not yet tell forged (the
    // other version had not reached it); one made under another member's name is never held rightly.
    const misnamed = (o: RanOp): boolean => o.lie?.as !== undefined
    const model = membershipModel(decl, ctx.ops, knew, misnamed)
    // The core goes to anyone a membership op the sender held names, even one the role rules void:
    // that peer may believe itself a member and must be able to learn otherwise.
    const named = (): boolean =>
      ctx.ops.some((o) => o.entity === entity && o.outcome.membership?.target === h.to && knew(o) && !misnamed(o))
    const allowed = h.docId === core ? model.members.has(h.to) || named() : model.roleOf(h.to) !== undefined
    if (!allowed) out.push(`t=${h.t}: ${h.from} handed ${h.to}, no member, ${h.docId.slice(entity.length + 1)} content`)
  }
  return out
}
