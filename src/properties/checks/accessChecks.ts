/**
 * Access and roles: non-members cannot change an entity; writes of a removed member that were not
 * in the removal's causal past have no effect on what any replica shows (removal wins, as
 * deletion does); membership and roles follow the role rules. Judged against the oracle's own
 * membership model (from the ops it observed) and what each replica's documents show (its reader).
 * And the board: a card ends in exactly one column, the one its winning move names.
 */
import type { EntityId } from '../../engine/base/ids.ts'
import type { SimPeer } from '../../sim/peer.ts'
import type { RanOp } from '../oracle/causal.ts'
import { concurrent } from '../oracle/causal.ts'
import { boardDisagreements, membershipDisagreements } from '../oracle/crossRead.ts'
import { archivedRows, engineField } from '../oracle/engineReads.ts'
import { verdict, type Check, type CheckContext } from './check.ts'
import { authorshipViolations, liesOrReads } from './authorshipChecks.ts'
import { lwwWinners, shownField, writesByField } from './fieldChecks.ts'

const concernOf = (docId: string): string => docId.slice(docId.lastIndexOf(':') + 1)
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

export const access: Check = {
  name: 'access',
  claim:
    'Member management with roles (owner | admin | member): non-members cannot ' +
    "change an entity; writes by a removed member that were not in the removal's " +
    'causal past have no effect; role rules hold; no honest replica shows a write whose real author ' +
    'is not the member it names (lying peers: impersonate, equivocate), nor hands content to a non-member.',
  evaluate(ctx) {
    const membershipOps = ctx.history.ops.filter((o) => o.op.startsWith('member.'))
    // A liar's writes first: they name the lie (the fenced-write rule below sees the same writes as fenced).
    const bad: string[] = [...authorshipViolations(ctx)]
    for (const entity of ctx.entities()) {
      const model = ctx.model(entity)
      for (const p of ctx.activeReplicas(entity)) {
        const core = ctx.reader(p, entity).core()
        bad.push(...membershipDisagreements(ctx, p, entity))
        if (!same(core.active, model.active))
          bad.push(
            `${p.name} lists members ${JSON.stringify(core.active)}; ` +
              `the role rules give ${JSON.stringify(model.active)}`,
          )
        for (const m of model.active)
          if (core.roleOf(m) !== model.roleOf(m))
            bad.push(`${p.name} shows ${m} as ${core.roleOf(m)}; the role rules give ${model.roleOf(m)}`)
      }
    }
    const fenced = ctx.ops.filter((o) => !o.op.startsWith('member.') && !ctx.model(o.entity).effective(o))
    for (const op of fenced) bad.push(...leaks(ctx, op))
    bad.push(...lostCreations(ctx))
    return verdict(
      bad,
      membershipOps.length > 0 || liesOrReads(ctx),
      membershipOps.length === 0 && !liesOrReads(ctx)
        ? 'no membership op ran, no peer lied and no non-member was handed content'
        : `membership agrees with the role rules; ${fenced.length} fenced write(s) left no trace; ` +
            'effective creations are held; no forged, equivocated or leaked content',
    )
  },
}

/** Whether a replica holds an item: its documents do, or its SQL archive (moved items). */
function holds(ctx: CheckContext, p: SimPeer, entity: EntityId, concern: string, item: string): boolean {
  if (ctx.reader(p, entity).record(concern, item) !== undefined) return true
  return archivedRows(p, entity, concern).some((r) => r.id === item)
}

/**
 * The other half of fencing: what an effective op (by the model: an active member, or a re-added
 * one after its re-add) of an honest peer created, and no op deleted, every active replica holds.
 */
function lostCreations(ctx: CheckContext): string[] {
  const deleted = new Set(ctx.ops.flatMap((o) => o.outcome.deleted.map(([, i]) => i)))
  const creators = new Map(ctx.ops.flatMap((o) => (o.outcome.createdId ? [[o.outcome.createdId, o] as const] : [])))
  const lostToTear = (op: RanOp) => ctx.history.crashes.some((c) => c.peer === op.peer && c.t >= op.t && c.torn)
  // Held: created effectively by an honest peer, never deleted, and (a comment) inside an issue that is held too.
  const held = (op: RanOp | undefined, item: string): boolean => {
    if (op === undefined || deleted.has(item) || lostToTear(op) || !ctx.required(op)) return false
    return op.op !== 'issues.comment' || held(creators.get(String(op.args.issue)), String(op.args.issue))
  }
  const out: string[] = []
  for (const op of ctx.ops) {
    const item = op.outcome.createdId
    const docId = op.outcome.effects.find((r) => !r.docId.endsWith(':core'))?.docId
    if (!item || !docId || op.op.startsWith('member.') || !held(op, item)) continue
    const concern = op.op.startsWith('issues.') ? 'issues' : concernOf(docId)
    for (const p of ctx.activeReplicas(op.entity)) {
      if (!holds(ctx, p, op.entity, concern, item))
        out.push(`${item}, created by ${op.peer}'s effective ${op.op} (t=${op.t}), is missing on ${p.name}`)
      // What the documents show live, the engine must show too (fencing in its reads, not only in the model).
      const live = ctx.reader(p, op.entity).live(concern, item)
      if (live !== engineField(p, op.entity, concern, item, 'id').visible)
        out.push(
          `${item}, created by ${op.peer}'s effective ${op.op} (t=${op.t}): the engine on ${p.name} ` +
            `${live ? 'hides it' : 'shows it'}; its documents show it ${live ? 'live' : 'gone'}`,
        )
    }
  }
  return out
}

/** What a fenced op still shows anywhere. */
function leaks(ctx: CheckContext, op: RanOp): string[] {
  const out: string[] = []
  const effective = ctx.ops.filter((o) => ctx.model(o.entity).effective(o))
  for (const p of ctx.activeReplicas(op.entity)) {
    const r = ctx.reader(p, op.entity)
    const created = op.outcome.createdId
    for (const w of op.outcome.writes) {
      const concern = concernOf(w.docId)
      // The engine's reads must fence as the documents do: what it shows of the item, against them.
      const shown = shownField(ctx, p, w)
      if (shown.disagreement) out.push(`${shown.disagreement} (${op.peer}'s fenced ${op.op} at t=${op.t})`)
      if (w.item === created) {
        if (r.live(concern, created))
          out.push(`${created}, created by ${op.peer}'s fenced ${op.op} (t=${op.t}), is shown on ${p.name}`)
        continue
      }
      const value = shown.visible ? shown.value : undefined
      const alsoEffective = effective.some((o) =>
        o.outcome.writes.some(
          (x) => x.docId === w.docId && x.item === w.item && x.field === w.field && same(x.value, w.value),
        ),
      )
      if (value !== undefined && same(value, w.value) && !alsoEffective)
        out.push(`${w.item}.${w.field} on ${p.name} shows ${op.peer}'s fenced write from t=${op.t}`)
      // An archived row is the item as the replica showed it when it moved: it must not keep the write either.
      const row = archivedRows(p, op.entity, concern).find((x) => x.id === w.item)
      if (row && same(row.fields[w.field], w.value) && !alsoEffective)
        out.push(`${w.item}.${w.field}, archived in ${p.name}'s SQL, shows ${op.peer}'s fenced write from t=${op.t}`)
    }
    for (const [docId, item] of op.outcome.deleted) {
      if (ctx.ownDeletion(op)) break
      const deletedByOthers = effective.some((o) => o.outcome.deleted.some(([d, i]) => d === docId && i === item))
      const existed = effective.some((o) => o.outcome.createdId === item)
      if (existed && !deletedByOthers && !r.live(concernOf(docId), item))
        out.push(`${item} is gone on ${p.name} after ${op.peer}'s fenced delete at t=${op.t}`)
    }
  }
  return [...new Set(out)]
}

export const cardOneColumn: Check = {
  name: 'cardOneColumn',
  claim:
    'Move card to different columns: LWW determines final position - a card ends ' +
    'in exactly one column, the one its column_id names.',
  evaluate(ctx) {
    const bad: string[] = []
    // The winning move of each card: its greatest effective column_id write of an honest peer, by
    // (stamp, replica), or a greater one of a liar's (required nowhere, allowed: lwwWinners).
    const winners = new Map<string, readonly unknown[]>()
    // Columns a liar created: a card may name one that a replica does not hold (forged, or burnt as
    // equivocated after an honest peer had put a card in it).
    const liarColumns = new Set<unknown>(
      ctx.ops.filter((o) => o.op === 'kanban.addColumn' && !ctx.honest(o.peer)).map((o) => o.outcome.createdId),
    )
    let raced = 0
    for (const ws of writesByField(ctx).values()) {
      const w0 = ws[0]!.w
      if (w0.field !== 'column_id' || concernOf(w0.docId) !== 'kanban') continue
      const allowed = lwwWinners(ctx, ws)
      if (allowed.length > 0) winners.set(w0.item, allowed)
      if (ws.some((a, i) => ws.slice(i + 1).some((b) => a.op !== b.op && concurrent(a.op, b.op)))) raced++
    }

    let cards = 0
    // The engine's board against the documents', after the claim's own findings (they say it plainest).
    const disagreements: string[] = []
    for (const entity of ctx.entities().filter((e) => e.startsWith('project:'))) {
      for (const p of ctx.activeReplicas(entity)) {
        const r = ctx.reader(p, entity)
        disagreements.push(...boardDisagreements(r, p, entity))
        const b = r.board()
        for (const card of b.cards) {
          cards++
          const cols = b.columns.flatMap((c) => c.card_order.filter((id) => id === card.id).map(() => c.id))
          if (card.archived) {
            if (cols.length > 0)
              bad.push(`${card.id} on ${p.name} is archived and still listed in ${cols.join(' and ')}`)
          } else if (
            cols.length === 0 &&
            liarColumns.has(card.column_id) &&
            !b.columns.some((c) => c.id === card.column_id)
          ) {
            // A liar's column this replica does not hold lists nothing.
          } else if (cols.length !== 1 || cols[0] !== card.column_id)
            bad.push(
              `${card.id} on ${p.name} is listed in ${cols.length === 0 ? 'no column' : cols.join(' and ')}; ` +
                `its column_id names ${card.column_id}`,
            )
          const want = winners.get(card.id)
          if (want !== undefined && !want.includes(card.column_id))
            bad.push(
              `${card.id} on ${p.name} names column ${card.column_id}; its winning move is to ${String(want[0])}`,
            )
        }
        // Archived cards the tombstone machinery moved to SQL keep the column of their winning move too.
        for (const row of archivedRows(p, entity, 'kanban')) {
          cards++
          const want = winners.get(row.id)
          if (want !== undefined && !want.includes(row.fields.column_id))
            bad.push(
              `${row.id}, archived in ${p.name}'s SQL, names column ${String(row.fields.column_id)}; ` +
                `its winning move is to ${String(want[0])}`,
            )
        }
      }
    }
    return verdict(
      [...bad, ...disagreements],
      raced > 0,
      raced > 0
        ? `${raced} card(s) moved concurrently; ${cards} card listing(s) each in exactly its winning move's column`
        : 'no card was moved by concurrent moves',
    )
  },
}
