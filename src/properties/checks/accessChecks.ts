/**
 * Access and roles: non-members cannot change an entity; writes of a removed member that were not
 * in the removal's causal past have no effect on what any replica shows (removal wins, as
 * deletion does); membership and roles follow the role rules. Judged against the oracle's own
 * membership model, computed from the history of ops.
 */
import { board } from '../../engine/ops/kanbanOps.ts'
import { columnsHolding } from '../../engine/concerns/kanban/model.ts'
import { readerOf, visibleField } from '../oracle/reads.ts'
import type { RanOp } from '../oracle/causal.ts'
import { verdict, type Check, type CheckContext } from './check.ts'
import { authorshipViolations, liesOrReads } from './authorshipChecks.ts'

export const access: Check = {
  name: 'access',
  claim:
    'Member management with roles (owner | admin | member): non-members cannot ' +
    "change an entity; writes by a removed member that were not in the removal's " +
    'causal past have no effect; role rules hold; no honest replica shows a write whose real author ' +
    'is not the member it names (lying peers: impersonate, equivocate).',
  evaluate(ctx) {
    const membershipOps = ctx.history.ops.filter((o) => o.op.startsWith('member.'))
    if (membershipOps.length === 0 && !liesOrReads(ctx))
      return verdict([], false, 'no membership op ran and no peer lied')
    const bad: string[] = []
    for (const entity of ctx.entities()) {
      const model = ctx.model(entity)
      for (const p of ctx.activeReplicas(entity)) {
        const view = p.r.membership(entity)
        if (JSON.stringify(view.active) !== JSON.stringify(model.active))
          bad.push(
            `${p.name} lists members ${JSON.stringify(view.active)}; the role rules give ` +
              `${JSON.stringify(model.active)}`,
          )
        for (const m of model.active)
          if (view.roleOf(m) !== model.roleOf(m))
            bad.push(`${p.name} shows ${m} as ${view.roleOf(m)}; the role rules give ${model.roleOf(m)}`)
      }
    }
    const fenced = ctx.ops.filter((o) => !o.op.startsWith('member.') && !ctx.model(o.entity).effective(o))
    for (const op of fenced) bad.push(...leaks(ctx, op))
    bad.push(...lostCreations(ctx))
    bad.push(...authorshipViolations(ctx))
    return verdict(
      bad,
      true,
      `membership agrees with the role rules; ${fenced.length} fenced write(s) ` +
        `left no trace; effective creations are held; no forged or equivocated content`,
    )
  },
}

/**
 * The other half of fencing: what an effective op (by the model: an active member, or a re-added
 * one after its re-add) created, and no op deleted, every active replica holds.
 */
function lostCreations(ctx: CheckContext): string[] {
  const deleted = new Set(ctx.ops.flatMap((o) => (o.outcome.deleted ?? []).map(([, i]) => i)))
  const creators = new Map(ctx.ops.flatMap((o) => (o.outcome.createdId ? [[o.outcome.createdId, o] as const] : [])))
  const lostToTear = (op: RanOp) => ctx.history.crashes.some((c) => c.peer === op.peer && c.t >= op.t && c.torn)
  // Held: created effectively, never deleted, and (a comment) inside an issue that is held too.
  const held = (op: RanOp | undefined, item: string): boolean => {
    if (op === undefined || deleted.has(item) || lostToTear(op) || !ctx.model(op.entity).effective(op)) return false
    return op.op !== 'issues.comment' || held(creators.get(String(op.args.issue)), String(op.args.issue))
  }
  const out: string[] = []
  for (const op of ctx.ops) {
    const item = op.outcome.createdId
    const docId = op.outcome.effects[0]?.docId
    const reader = docId && readerOf(docId)
    if (!item || !reader || op.op.startsWith('member.') || !held(op, item)) continue
    for (const p of ctx.activeReplicas(op.entity)) {
      if (reader.fields(p.r, op.entity, item) === undefined)
        out.push(`${item}, created by ${op.peer}'s effective ${op.op} (t=${op.t}), is missing on ${p.name}`)
    }
  }
  return out
}

/** What a fenced op still shows anywhere. */
function leaks(ctx: CheckContext, op: RanOp): string[] {
  const out: string[] = []
  const effective = ctx.ops.filter((o) => ctx.model(o.entity).effective(o))
  for (const p of ctx.activeReplicas(op.entity)) {
    const created = op.outcome.createdId
    const doc = op.outcome.effects[0]?.docId
    if (created && doc && readerOf(doc)?.visible(p.r, op.entity).has(created))
      out.push(`${created}, created by ${op.peer}'s fenced ${op.op} (t=${op.t}), is shown on ${p.name}`)
    for (const w of op.outcome.writes ?? []) {
      if (w.item === created) continue
      const shown = visibleField(p.r, w.docId, w.item, w.field)
      const alsoEffective = effective.some((o) =>
        (o.outcome.writes ?? []).some(
          (x) =>
            x.docId === w.docId &&
            x.item === w.item &&
            x.field === w.field &&
            JSON.stringify(x.value) === JSON.stringify(w.value),
        ),
      )
      if (shown.visible && JSON.stringify(shown.value) === JSON.stringify(w.value) && !alsoEffective)
        out.push(`${w.item}.${w.field} on ${p.name} shows ${op.peer}'s fenced write from t=${op.t}`)
    }
    for (const [docId, item] of op.outcome.deleted ?? []) {
      const deletedByOthers = effective.some((o) =>
        (o.outcome.deleted ?? []).some(([d, i]) => d === docId && i === item),
      )
      const existed = ctx.ops.some((o) => o.outcome.createdId === item && ctx.model(o.entity).effective(o))
      if (existed && !deletedByOthers && !readerOf(docId)?.visible(p.r, op.entity).has(item))
        out.push(`${item} is gone on ${p.name} after ${op.peer}'s fenced delete at t=${op.t}`)
    }
  }
  return out
}

export const cardOneColumn: Check = {
  name: 'cardOneColumn',
  claim:
    'Move card to different columns: LWW determines final position - a card ends ' +
    'in exactly one column, the one its column_id names.',
  evaluate(ctx) {
    const bad: string[] = []
    let cards = 0
    for (const entity of ctx.entities().filter((e) => e.startsWith('project:'))) {
      for (const p of ctx.activeReplicas(entity)) {
        const b = board(p.r.entity(entity))
        for (const card of b.cards.filter((c) => !c.archived)) {
          cards++
          const cols = columnsHolding(b, card.id)
          if (cols.length !== 1 || cols[0] !== card.column_id)
            bad.push(
              `${card.id} on ${p.name} is listed in ` +
                `${cols.length === 0 ? 'no column' : cols.join(' and ')}; its column_id ` +
                `names ${card.column_id}`,
            )
        }
      }
    }
    return verdict(
      bad,
      cards > 0,
      cards > 0 ? `${cards} card listing(s) each in exactly its column_id's column` : 'no live card to place',
    )
  },
}
