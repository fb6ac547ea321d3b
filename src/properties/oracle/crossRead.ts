/**
 * The engine's own reads held against the oracle's reader of the same documents: what a replica
 * shows its user must be what its documents say, by the layout's documented format. Every
 * disagreement is a finding, with both values; checks add the ones about what they judge.
 */
import type { Concern, EntityId } from '../../engine/base/ids.ts'
import type { SimPeer } from '../../sim/peer.ts'
import type { CheckContext } from '../checks/check.ts'
import {
  archivedRows,
  engineBoard,
  engineDiskRead,
  engineElements,
  engineIssue,
  engineMembers,
  enginePaged,
  engineReadAll,
} from './engineReads.ts'
import { expectedRead } from './reader/disks.ts'
import type { EntityReader } from './reader/entity.ts'
import { modeOf, readableItems, type ReadableItem } from './reader/hybrid.ts'

const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? 'undefined'
  return s.length > 160 ? `${s.slice(0, 159)}…` : s
}

const differ = (a: unknown, b: unknown): boolean => JSON.stringify(a) !== JSON.stringify(b)

/** `where: the engine reads X; the oracle reads Y`, when they differ. */
const finding = (where: string, what: string, engine: unknown, oracle: unknown): string[] =>
  differ(engine, oracle)
    ? [`${where}: the engine reads ${what} ${show(engine)}; its documents say ${show(oracle)}`]
    : []

/** Concerns with a SQL fallback, whose reads span the CRDT and the archive. */
export const HYBRID: readonly Concern[] = ['chat', 'kanban', 'issues']

/** Every item a replica can read of a concern across CRDT and SQL, by the oracle (fallback/README "Reads"). */
export function oracleReadable(ctx: CheckContext, p: SimPeer, entity: EntityId, concern: Concern): ReadableItem[] {
  const r = ctx.reader(p, entity)
  const doc = ctx.docsOf(p, entity)(concern)
  if (!doc) return []
  const items =
    concern === 'chat'
      ? r.messages().map((m) => ({ id: m.id, createdAt: m.created_at, live: !m.deleted }))
      : concern === 'kanban'
        ? r.board().cards.map((c) => ({ id: c.id, createdAt: c.created_at, live: !c.archived }))
        : r.issues().map((i) => ({ id: i.id, createdAt: i.created_at, live: !i.closed }))
  const live = items.filter((i) => i.live)
  return readableItems(modeOf(doc), live, new Set(items.map((i) => i.id)), archivedRows(p, entity, concern))
}

/** The engine's full and paged reads of a concern against the oracle's. */
export function readDisagreements(ctx: CheckContext, p: SimPeer, entity: EntityId, concern: Concern): string[] {
  const where = `${p.name} (${entity} ${concern})`
  const oracle = oracleReadable(ctx, p, entity, concern).map((i) => i.id)
  return [
    ...finding(where, 'items', engineReadAll(p, entity, concern), oracle),
    ...finding(where, 'paged by 3, items', enginePaged(p, entity, concern, 3), oracle),
  ]
}

/** Membership as the engine's view shows it, against the core document's. */
export function membershipDisagreements(ctx: CheckContext, p: SimPeer, entity: EntityId): string[] {
  const core = ctx.reader(p, entity).core()
  const engine = engineMembers(p, entity)
  const roles = Object.fromEntries(core.active.map((m) => [m, core.roleOf(m) ?? '']))
  return [
    ...finding(`${p.name} (${entity} core)`, 'active members', engine.active, [...core.active]),
    ...finding(`${p.name} (${entity} core)`, 'roles', engine.roles, roles),
  ]
}

/** The engine's board against the kanban document's. */
export function boardDisagreements(r: EntityReader, p: SimPeer, entity: EntityId): string[] {
  const b = r.board()
  const engine = engineBoard(p, entity)
  const where = `${p.name} (${entity} kanban)`
  return [
    ...finding(
      where,
      'columns',
      engine.columns,
      b.columns.map((c) => ({ id: c.id, cards: c.card_order })),
    ),
    ...finding(
      where,
      'cards',
      engine.cards,
      b.cards.map((c) => ({ id: c.id, column_id: c.column_id, archived: c.archived })),
    ),
  ]
}

/** Every read of every concern of an entity on one replica: what the engine shows against its documents. */
export function allDisagreements(ctx: CheckContext, p: SimPeer, entity: EntityId): string[] {
  const r = ctx.reader(p, entity)
  const docs = ctx.docsOf(p, entity)
  const out = membershipDisagreements(ctx, p, entity)
  for (const concern of HYBRID) if (docs(concern)) out.push(...readDisagreements(ctx, p, entity, concern))
  if (docs('kanban')) out.push(...boardDisagreements(r, p, entity))
  if (docs('issues'))
    for (const i of r.issues()) {
      const engine = engineIssue(p, entity, i.id)
      const oracle = {
        closed: i.closed,
        title: String(i.record.fields.title ?? ''),
        comments: i.comments.map((c) => ({ id: c.id, deleted: c.deleted })),
      }
      out.push(...finding(`${p.name} (${entity} issues) ${i.id}`, 'issue', engine, oracle))
    }
  if (docs('canvas'))
    out.push(
      ...finding(
        `${p.name} (${entity} canvas)`,
        'live elements',
        [...engineElements(p, entity)].sort(),
        r
          .elements()
          .filter((e) => !e.deleted)
          .map((e) => e.id),
      ),
    )
  for (const disk of ['public', 'shared', 'private']) {
    if (!docs(`disk-${disk}`)) continue
    for (const f of r.files(disk)) {
      const want = expectedRead(f)
      const got = engineDiskRead(p, entity, disk, f.path)
      // A sealed file the replica holds no key for is NO_KEY in the engine; the oracle holds no keys at all.
      if (got.error === 'NO_KEY') continue
      if (want.content !== undefined)
        out.push(
          ...finding(`${p.name} (${entity} disk ${disk}) ${f.path}`, 'content', got.content ?? got.error, want.content),
        )
      else if (want.readable !== (got.content !== undefined))
        out.push(
          `${p.name} (${entity} disk ${disk}) ${f.path}: the engine ` +
            `${got.error ? `fails to read it (${got.error})` : 'reads it'}; ` +
            `its document ${want.readable ? 'holds' : 'lacks'} its content`,
        )
    }
  }
  return out
}
