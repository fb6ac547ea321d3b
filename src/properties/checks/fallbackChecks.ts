/**
 * The SQL fallback's claims (spec, "SQL Fallback Strategy"): past its threshold a document keeps
 * nothing the fallback may move and moved items leave no growth behind (`sizeThreshold`); and no
 * item is lost, doubled or reordered by moving (`noLoss`). `noLoss` is judged against the oracle's
 * own history of ops, not against any replica: what was written, by whom, and what was deleted.
 */
import type { Concern, DocId, EntityId } from '../../engine/base/ids.ts'
import { parseDocId } from '../../engine/base/ids.ts'
import {
  fallbackStatus,
  movableItems,
  moveBound,
  readableItems,
  retainedRemovedEntries,
} from '../../engine/fallback/api.ts'
import { fallbackConcernOf } from '../../engine/fallback/concerns.ts'
import type { SimPeer } from '../../sim/peer.ts'
import { parseClientKey } from '../../engine/base/yjsInternals.ts'
import { fails, notEvaluated, verdict, type Check } from './check.ts'
import { expectedItems } from './writtenItems.ts'

const holds = (p: SimPeer, docId: DocId, need: Readonly<Record<string, number>>): boolean => {
  const sv = p.r.stateVector(docId)
  return Object.entries(need).every(([k, clock]) => (sv.get(parseClientKey(k)) ?? 0) >= clock)
}

/** Violations of one document (that passed its threshold) on one active replica. */
function sizeViolations(docId: DocId, p: SimPeer, replicas: readonly SimPeer[]): string[] {
  const { entityId, concern } = parseDocId(docId)
  const c = concern as Concern
  const out: string[] = []
  const status = fallbackStatus(p.r, entityId, c)
  if (status.over) {
    // The cutoff is every member's (clocks differ), as the fallback freezes it: in whole granules.
    const bound = Math.min(...replicas.map((q) => moveBound(q.r, entityId)))
    const age = fallbackConcernOf(c)?.rule === 'age'
    const left = movableItems(p.r, entityId, c).filter(
      (i) => (!age || i.createdAt < bound) && replicas.every((q) => holds(q, docId, i.need)),
    )
    if (left.length > 0)
      out.push(
        `${docId} on ${p.name} is past its threshold (${status.bytes} > ` +
          `${status.threshold} bytes) and still holds ${left.length} item(s) the ` +
          `fallback may move, e.g. ${left[0]!.id}`,
      )
  }
  const retained = status.mode === 'hybrid' ? retainedRemovedEntries(p.r, entityId, c) : 0
  if (retained > 0)
    out.push(
      `${docId} on ${p.name} keeps ${retained} removed ` +
        `entr${retained === 1 ? 'y' : 'ies'} of moved items (growth left behind)`,
    )
  return out
}

export const sizeThreshold: Check = {
  name: 'sizeThreshold',
  claim:
    'Document size limits prevent unbounded growth: at quiescence a document ' +
    'past its threshold holds no item the fallback may move (older than the ' +
    'cutoff, or archived/closed, and held by every active member); moved items ' +
    'leave no growth behind.',
  evaluate(ctx) {
    const docs = [...new Set(ctx.history.thresholds.map((x) => x.docId))]
    if (docs.length === 0) return notEvaluated('no document passed its threshold')
    if (!ctx.run.liveness.converged) return fails(`the run never reached quiescence: ${ctx.run.liveness.detail}`)
    const bad: string[] = []
    for (const docId of docs) {
      const replicas = ctx.activeReplicas(parseDocId(docId).entityId)
      for (const p of replicas) bad.push(...sizeViolations(docId, p, replicas))
    }
    return verdict(
      bad,
      true,
      `${docs.length} document(s) passed their threshold; at quiescence none holds ` +
        `a movable item, none keeps removed entries`,
    )
  },
}

/** What one replica reads of one concern, judged against what was written: lost, doubled, out of order. */
function readViolations(p: SimPeer, entity: EntityId, concern: Concern, expected: readonly string[]): string[] {
  const read = readableItems(p.r, entity, concern).map((i) => i.id)
  const where = `${p.name} (${entity} ${concern})`
  const count = new Map<string, number>()
  for (const id of read) count.set(id, (count.get(id) ?? 0) + 1)
  const out: string[] = []
  const lost = expected.filter((id) => !count.has(id))
  if (lost.length > 0)
    out.push(`${where} cannot read ${lost.length} of ${expected.length} written item(s), e.g. ${lost[0]}`)
  const twice = [...count].filter(([, n]) => n > 1)
  if (twice.length > 0)
    out.push(`${where} reads ${twice.length} item(s) more than once, e.g. ${twice[0]![0]} ${twice[0]![1]} times`)
  const want = new Set(expected)
  const order = [...new Set(read.filter((id) => want.has(id)))]
  const shouldBe = expected.filter((id) => count.has(id))
  const at = order.findIndex((id, i) => id !== shouldBe[i])
  if (at >= 0)
    out.push(`${where} reads items out of order: position ${at} holds ${order[at]}, written order has ${shouldBe[at]}`)
  return out
}

export const noLoss: Check = {
  name: 'noLoss',
  claim:
    'SQL materialization handles arbitrarily large datasets: on every peer, ' +
    'across CRDT and SQL, every item ever written and not deleted is readable ' +
    'exactly once, in order.',
  evaluate(ctx) {
    if (ctx.history.moves.length === 0) return notEvaluated('no item moved to SQL')
    if (!ctx.run.liveness.converged) return fails(`the run never reached quiescence: ${ctx.run.liveness.detail}`)
    const bad: string[] = []
    let items = 0
    let reads = 0
    for (const entity of ctx.entities()) {
      for (const [concern, expected] of expectedItems(ctx, entity)) {
        items += expected.length
        for (const p of ctx.activeReplicas(entity)) {
          if (!p.r.docIds(entity).includes(`${entity}:${concern}`)) continue
          reads++
          bad.push(...readViolations(p, entity, concern, expected))
        }
      }
    }
    return verdict(
      bad,
      true,
      `${items} written item(s) read exactly once, in order, in ${reads} read(s) across CRDT and SQL`,
    )
  },
}
