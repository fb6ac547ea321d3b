/**
 * Deletion claims: remove-wins against concurrent edits and re-adds, safety of event-driven
 * pruning (judged at the moment of every prune), and its liveness once everyone is back.
 */
import type { EntityId, MemberId } from '../../engine/base/ids.ts'
import { concurrent, happenedBefore, type RanOp } from '../oracle/causal.ts'
import { engineField } from '../oracle/engineReads.ts'
import { membershipDisagreements } from '../oracle/crossRead.ts'
import type { EntityReader } from '../oracle/reader/entity.ts'
import type { SimPeer } from '../../sim/peer.ts'
import { verdict, type Check, type CheckContext } from './check.ts'

/**
 * Anti-entropy rounds after the heal within which every tombstone must be gone (spec: 1-2 sync
 * rounds, plus the round that reconnects everyone).
 */
const PRUNE_ROUNDS = 3

const touches = (op: RanOp, docId: string, item: string): boolean =>
  op.outcome.writes.some((w) => w.docId === docId && w.item === item)

/**
 * The deleter took its deletion back: a revival of the item by the same member, issued after it saw
 * the deletion (undo of a delete).
 */
const lifted = (ctx: CheckContext, d: RanOp, docId: string, item: string): boolean =>
  ctx.ops.some(
    (r) =>
      r.peer === d.peer &&
      happenedBefore(d, r) &&
      ctx.model(r.entity).effective(r) &&
      r.outcome.revived.some(([doc, i]) => doc === docId && i === item),
  )

const concernOf = (docId: string): string => docId.slice(docId.lastIndexOf(':') + 1)

/** Whether a replica shows an item live, by its documents; and the engine's disagreement, if any. */
function shown(ctx: CheckContext, p: SimPeer, entity: EntityId, docId: string, item: string) {
  const concern = concernOf(docId)
  const live = ctx.reader(p, entity).live(concern, item)
  const engine = engineField(p, entity, concern, item, 'id').visible
  return {
    live,
    disagreement:
      engine === live
        ? undefined
        : `${item} on ${p.name}: the engine shows it ${engine ? 'live' : 'gone'}; ` +
          `its documents say ${live ? 'live' : 'gone'}`,
  }
}

export const deletionWins: Check = {
  name: 'deletionWins',
  claim: 'Concurrent deletions: Deletion wins (tombstone). Add + Delete same member concurrently: Deletion wins.',
  evaluate(ctx) {
    const bad: string[] = []
    let pairs = 0
    for (const d of ctx.ops) {
      if (!ctx.required(d)) continue
      for (const [docId, item] of d.outcome.deleted) {
        const rivals = ctx.ops.filter(
          (e) => e !== d && touches(e, docId, item) && concurrent(d, e) && ctx.model(e.entity).effective(e),
        )
        if (rivals.length === 0 || lifted(ctx, d, docId, item)) continue
        pairs++
        for (const p of ctx.activeReplicas(d.entity)) {
          const s = shown(ctx, p, d.entity, docId, item)
          if (s.disagreement) bad.push(s.disagreement)
          if (s.live)
            bad.push(
              `${item} deleted by ${d.peer} (t=${d.t}) is shown on ${p.name} after a ` +
                `concurrent ${rivals[0]!.op} by ${rivals[0]!.peer}`,
            )
        }
      }
      pairs += memberRaces(ctx, d, bad)
    }
    return verdict(
      bad,
      pairs > 0,
      pairs > 0
        ? `${pairs} deletion(s) raced by concurrent edits or re-adds ended deleted`
        : 'no deletion raced a concurrent edit or re-add',
    )
  },
}

/** A removal raced by a concurrent add or role change of the same member: the model decides, replicas must agree. */
function memberRaces(ctx: CheckContext, d: RanOp, bad: string[]): number {
  const m = d.outcome.membership
  if (m?.kind !== 'remove') return 0
  const rivals = ctx.ops.filter(
    (e) =>
      e !== d &&
      e.entity === d.entity &&
      e.outcome.membership?.target === m.target &&
      e.outcome.membership.kind !== 'remove' &&
      concurrent(d, e),
  )
  if (rivals.length === 0) return 0
  const model = ctx.model(d.entity)
  for (const p of ctx.activeReplicas(d.entity)) {
    bad.push(...membershipDisagreements(ctx, p, d.entity))
    if (!model.active.includes(m.target) && ctx.reader(p, d.entity).core().active.includes(m.target))
      bad.push(
        `${m.target}, removed by ${d.peer} (t=${d.t}) while ${rivals[0]!.peer} ` +
          `re-added it concurrently, is still a member on ${p.name}`,
      )
  }
  return 1
}

export const pruneSafety: Check = {
  name: 'pruneSafety',
  claim:
    'Tombstones are pruned immediately when all active members have acknowledged ' +
    'them: a tombstone is pruned only when every active member already holds the ' +
    'deletion, and a pruned item never reappears.',
  evaluate(ctx) {
    const h = ctx.history
    // A liar's replica is not judged, nor is a prune held up by a liar's (CheckContext.honest).
    const reappeared = h.reappeared
      .filter((x) => ctx.honest(x.peer))
      .map((x) => `t=${x.t}: ${x.item} of ${x.docId} reappeared on ${x.peer} after it was pruned`)
    const prunes = h.prunes.filter((x) => ctx.honest(x.peer))
    if (prunes.length === 0) return verdict(reappeared, false, 'no tombstone was pruned by an honest peer')
    const bad = [
      ...prunes.flatMap((x) => {
        const missing = x.missing.filter((m) => ctx.honest(m))
        return missing.length === 0
          ? []
          : [`t=${x.t}: ${x.peer} pruned ${x.item} of ${x.docId} while ${missing.join(', ')} did not hold the deletion`]
      }),
      ...reappeared,
    ]
    return verdict(bad, true, `${prunes.length} prune(s), each after every member of the quorum held the deletion`)
  },
}

export const pruneLiveness: Check = {
  name: 'pruneLiveness',
  claim:
    'Lifespan: 1-2 sync rounds; maximum: until all members online and sync. Once ' +
    'all members are online and connected, every tombstone is pruned within a ' +
    'bounded number of sync rounds.',
  evaluate(ctx) {
    if (ctx.history.tombstones.length === 0) return verdict([], false, 'no tombstone was created')
    const { liveness } = ctx.run
    const bad: string[] = []
    // A liar among the members may withhold its acknowledgement (CheckContext.byzantineMembers), and
    // it keeps offering what honest replicas refused: the bound on rounds is not required of it either.
    const stalled = ctx.entities().filter((e) => ctx.byzantineMembers(e).length > 0)
    if (!liveness.converged) bad.push(`the network never drained after the heal: ${liveness.detail}`)
    else if (liveness.rounds > PRUNE_ROUNDS && stalled.length === 0)
      bad.push(`the heal took ${liveness.rounds} anti-entropy rounds to settle (bound ${PRUNE_ROUNDS})`)
    for (const entity of ctx.entities()) {
      if (stalled.includes(entity)) continue
      for (const p of ctx.activeReplicas(entity)) {
        const left = tombstonesOf(ctx.reader(p, entity))
        if (left.length > 0)
          bad.push(`${p.name} still holds ${left.length} tombstone(s) after the heal, e.g. ${left[0]} of ${entity}`)
      }
    }
    return verdict(
      bad,
      true,
      `${ctx.history.tombstones.length} tombstone event(s); all pruned within ` +
        `${liveness.rounds} round(s) after the heal` +
        (stalled.length > 0 ? ` (not required of ${stalled.join(', ')}: a liar is a member)` : ''),
    )
  },
}

/**
 * Tombstones a replica's documents still hold: deleted messages and elements, archived cards,
 * closed issues, removed members.
 */
function tombstonesOf(r: EntityReader): string[] {
  const ids = <T extends { id: string }>(xs: readonly T[], dead: (x: T) => boolean): string[] =>
    xs.filter(dead).map((x) => x.id)
  return [
    ...ids(r.messages(), (m) => m.deleted),
    ...ids(r.board().cards, (c) => c.archived),
    ...ids(r.issues(), (i) => i.closed),
    ...ids(r.elements(), (e) => e.deleted),
    ...r
      .core()
      .removed()
      .map((t) => t.member),
  ]
}

export type { MemberId }
