/**
 * The SQL fallback's claims (spec, "SQL Fallback Strategy"): past its threshold a document keeps
 * nothing the fallback may move and moved items leave no growth behind (`sizeThreshold`); and no
 * item is lost, doubled, added or reordered by moving (`noLoss`). Both are judged by the oracle's
 * own facts: sizes it measures (`Y.encodeStateAsUpdate`), the fallback's documented rule applied to
 * what its reader shows, the rows each archive holds, and the history of ops it observed.
 */
import * as Y from 'yjs'
import type { Concern, EntityId } from '../../engine/base/ids.ts'
import type { SimPeer } from '../../sim/peer.ts'
import { HYBRID, oracleReadable, readDisagreements } from '../oracle/crossRead.ts'
import { archivedRows } from '../oracle/engineReads.ts'
import { modeOf } from '../oracle/reader/hybrid.ts'
import { SPEC_THRESHOLDS } from '../oracle/docWatch.ts'
import { seconds } from '../oracle/reader/spec/records.ts'
import { fails, notEvaluated, verdict, type Check, type CheckContext } from './check.ts'
import { expectedItems, type ExpectedItems } from './writtenItems.ts'
import type { EntityReader } from '../oracle/reader/entity.ts'
import { itemNeed, removedEntries } from '../oracle/reader/structs.ts'

const DAY_MS = 24 * 60 * 60 * 1000
const ROOT: Readonly<Record<string, string>> = { chat: 'messages', kanban: 'cards', issues: 'issues' }

const concernOf = (docId: string): string => docId.slice(docId.lastIndexOf(':') + 1)
const entityOf = (docId: string): EntityId => docId.slice(0, docId.lastIndexOf(':')) as EntityId

/**
 * Items created before this may move (profile time unit), by the fallback's documented rule: every
 * member's cutoff (its clock minus the archive age); the reference freezes cutoffs in whole
 * granules of an eighth of the archive age. The bound of a document is the lowest of its members'.
 */
function moveBound(ctx: CheckContext, replicas: readonly SimPeer[]): number {
  const days = Number((ctx.run.scenario.config as { archiveAfterDays?: number } | undefined)?.archiveAfterDays ?? 90)
  const ageMs = Math.round(days * DAY_MS)
  const time = (ms: number): number => (ctx.profile === 'spec' ? seconds(ms) : ms)
  const granule = time(Math.floor(ageMs / 8))
  const bounds = replicas.map((q) => {
    const cutoff = time(q.clock.now() - ageMs)
    return ctx.profile === 'reference' && granule > 0 ? Math.floor(cutoff / granule) * granule : cutoff
  })
  return Math.min(...bounds)
}

const covers = (doc: Y.Doc | undefined, need: ReadonlyMap<number, number>): boolean => {
  if (!doc) return false
  const sv = Y.decodeStateVector(Y.encodeStateVector(doc))
  return [...need].every(([client, clock]) => (sv.get(client) ?? 0) >= clock)
}

/** Violations of one document (that passed its threshold) on one active replica. */
function sizeViolations(ctx: CheckContext, docId: string, p: SimPeer, replicas: readonly SimPeer[]): string[] {
  const entity = entityOf(docId)
  const concern = concernOf(docId)
  const doc = ctx.docsOf(p, entity)(concern)
  if (!doc) return []
  const out: string[] = []
  const set = (ctx.run.scenario.config as { thresholds?: Record<string, number> } | undefined)?.thresholds ?? {}
  const threshold = set[concern] ?? SPEC_THRESHOLDS[concern] ?? Number.POSITIVE_INFINITY
  const bytes = Y.encodeStateAsUpdate(doc).byteLength
  if (bytes > threshold) {
    const r = ctx.reader(p, entity)
    const candidates =
      concern === 'chat'
        ? r
            .messages()
            .filter((m) => !m.deleted && m.created_at < moveBound(ctx, replicas))
            .map((m) => m.id)
        : concern === 'kanban'
          ? r
              .board()
              .cards.filter((c) => c.archived)
              .map((c) => c.id)
          : r
              .issues()
              .filter((i) => i.closed)
              .map((i) => i.id)
    const coll = doc.getMap<unknown>(ROOT[concern]!)
    const left = candidates.filter((id) => {
      const need = itemNeed(coll, id)
      return need !== undefined && replicas.every((q) => covers(ctx.docsOf(q, entity)(concern), need))
    })
    if (left.length > 0)
      out.push(
        `${docId} on ${p.name} is past its threshold (${bytes} > ${threshold} bytes) and still holds ` +
          `${left.length} item(s) the fallback may move, e.g. ${left[0]}`,
      )
  }
  const retained = modeOf(doc) === 'hybrid' ? removedEntries(doc.getMap<unknown>(ROOT[concern]!)) : 0
  if (retained > 0)
    out.push(
      `${docId} on ${p.name} keeps ${retained} removed entr${retained === 1 ? 'y' : 'ies'} ` +
        'of moved items (growth left behind)',
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
    const docs = [...new Set(ctx.history.thresholds.map((x) => x.docId))].filter((d) => concernOf(d) in ROOT)
    if (docs.length === 0) return notEvaluated('no document passed its threshold')
    if (!ctx.run.liveness.converged) return fails(`the run never reached quiescence: ${ctx.run.liveness.detail}`)
    const bad: string[] = []
    for (const docId of docs) {
      const replicas = ctx.activeReplicas(entityOf(docId))
      for (const p of replicas) bad.push(...sizeViolations(ctx, docId, p, replicas))
    }
    return verdict(
      bad,
      true,
      `${docs.length} document(s) passed their threshold; at quiescence none holds a movable item, ` +
        'none keeps removed entries',
    )
  },
}

/** What one replica reads of one concern, judged against what was written: lost, doubled, extra, out of order. */
function readViolations(
  ctx: CheckContext,
  p: SimPeer,
  entity: EntityId,
  concern: Concern,
  { ids: expected, optional }: ExpectedItems,
): string[] {
  const read = oracleReadable(ctx, p, entity, concern).map((i) => i.id)
  const where = `${p.name} (${entity} ${concern})`
  const count = new Map<string, number>()
  for (const id of read) count.set(id, (count.get(id) ?? 0) + 1)
  const out: string[] = []
  const want = new Set(expected)
  const lost = expected.filter((id) => !count.has(id))
  if (lost.length > 0)
    out.push(`${where} cannot read ${lost.length} of ${expected.length} written item(s), e.g. ${lost[0]}`)
  const twice = [...count].filter(([, n]) => n > 1)
  if (twice.length > 0)
    out.push(`${where} reads ${twice.length} item(s) more than once, e.g. ${twice[0]![0]} ${twice[0]![1]} times`)
  const extra = [...count.keys()].filter((id) => !want.has(id) && !optional.has(id))
  if (extra.length > 0)
    out.push(`${where} reads ${extra.length} item(s) no effective op wrote or that were deleted, e.g. ${extra[0]}`)
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
    const moved =
      ctx.history.moves.length > 0 ||
      ctx
        .entities()
        .some((e) => ctx.activeReplicas(e).some((p) => HYBRID.some((c) => archivedRows(p, e, c).length > 0)))
    if (!moved) return notEvaluated('no item moved to SQL')
    if (!ctx.run.liveness.converged) return fails(`the run never reached quiescence: ${ctx.run.liveness.detail}`)
    const bad: string[] = []
    let items = 0
    let reads = 0
    for (const entity of ctx.entities()) {
      const expected = expectedItems(ctx, entity)
      for (const concern of HYBRID) {
        const want = expected.get(concern) ?? { ids: [], optional: new Set<string>() }
        items += want.ids.length
        const byzantine = ctx.byzantineMembers(entity).length > 0
        for (const p of ctx.activeReplicas(entity)) {
          if (!ctx.docsOf(p, entity)(concern)) continue
          reads++
          // An archived card or closed issue is read from SQL once pruned; with a liar among the members its
          // prune may wait for ever (CheckContext.byzantineMembers): while it is a tombstone it may be unread.
          const held = byzantine ? tombstones(ctx.reader(p, entity), concern) : new Set<string>()
          const must =
            held.size === 0
              ? want
              : { ids: want.ids.filter((id) => !held.has(id)), optional: new Set([...want.optional, ...held]) }
          bad.push(...readViolations(ctx, p, entity, concern, must), ...readDisagreements(ctx, p, entity, concern))
        }
      }
    }
    return verdict(
      bad,
      true,
      `${items} written item(s) read exactly once, in order, in ${reads} read(s) across CRDT and SQL (full and paged)`,
    )
  },
}

/** The archived cards or closed issues a replica's documents still hold (tombstones not pruned yet). */
function tombstones(r: EntityReader, concern: Concern): Set<string> {
  if (concern === 'kanban')
    return new Set(
      r
        .board()
        .cards.filter((c) => c.archived)
        .map((c) => c.id),
    )
  if (concern === 'issues')
    return new Set(
      r
        .issues()
        .filter((i) => i.closed)
        .map((i) => i.id),
    )
  return new Set()
}
