/**
 * What the engine itself says a replica shows: the only place the oracle calls the engine's read
 * functions. Checks never judge by these; they compare them with the oracle's own reader
 * (crossRead.ts), and a disagreement is a finding. Also the rows a replica's SQL archive holds,
 * as the database returns them (the oracle orders, shadows and counts them itself).
 */
import type { Concern, EntityId } from '../../engine/base/ids.ts'
import { isLabError } from '../../engine/base/errors.ts'
import { readableItems, readItems } from '../../engine/fallback/api.ts'
import { board } from '../../engine/ops/kanbanOps.ts'
import { readIssue } from '../../engine/ops/issuesOps.ts'
import { liveElements } from '../../engine/ops/canvasOps.ts'
import type { ArchiveKind } from '../../engine/sql/kinds.ts'
import type { Cursor } from '../../engine/sql/archive.ts'
import type { SimPeer } from '../../sim/peer.ts'
import type { ArchivedRow } from './reader/hybrid.ts'
import { DELETED } from '../../engine/ports/records.ts'

const KINDS: Partial<Record<string, ArchiveKind>> = { chat: 'message', kanban: 'card', issues: 'issue' }

/** The archived rows of an entity's concern in a replica's SQL archive (deleted ones included). */
export function archivedRows(p: SimPeer, entity: EntityId, concern: string): ArchivedRow[] {
  const kind = KINDS[concern]
  if (!kind) return []
  return p.r.fallback.archive.all(kind, entity).map((r) => ({ id: r.id, createdAt: r.createdAt, fields: r.fields }))
}

/** Active members and their roles, as the replica's membership view says. */
export function engineMembers(p: SimPeer, entity: EntityId): { active: string[]; roles: Record<string, string> } {
  const v = p.r.membership(entity)
  return { active: [...v.active], roles: Object.fromEntries(v.active.map((m) => [m, v.roleOf(m) ?? ''])) }
}

/** Every item the engine reads across CRDT and SQL (its full read), ids in order. */
export const engineReadAll = (p: SimPeer, entity: EntityId, concern: Concern): string[] =>
  readableItems(p.r, entity, concern).map((i) => i.id)

/** The engine's paged read, page after page of `limit` newest first, joined oldest first. */
export function enginePaged(p: SimPeer, entity: EntityId, concern: Concern, limit: number): string[] {
  const pages: string[][] = []
  let before: Cursor | undefined
  for (let i = 0; i < 10_000; i++) {
    const page = readItems(p.r.entity(entity), concern, { limit, ...(before ? { before } : {}) })
    pages.unshift(page.items.map((x) => x.id))
    if (!page.next) break
    before = page.next
  }
  return pages.flat()
}

/** The engine's board: columns in order with their cards, and each card's column and archival. */
export function engineBoard(
  p: SimPeer,
  entity: EntityId,
): {
  columns: { id: string; cards: readonly string[] }[]
  cards: { id: string; column_id: string; archived: boolean }[]
} {
  const b = board(p.r.entity(entity))
  return {
    columns: b.columns.map((c) => ({ id: c.id, cards: c.card_order })),
    cards: b.cards.map((c) => ({ id: c.id, column_id: c.column_id, archived: c.archived })),
  }
}

/** An issue as the engine reads it from the CRDT: closed or not, and its comments. */
export function engineIssue(
  p: SimPeer,
  entity: EntityId,
  id: string,
): { closed: boolean; title: string; comments: { id: string; deleted: boolean }[] } | undefined {
  const i = readIssue(p.r.entity(entity), id)
  return i && { closed: i.closed, title: i.title, comments: i.comments.map((c) => ({ id: c.id, deleted: c.deleted })) }
}

/** Live elements the engine shows, ids in stacking order. */
export const engineElements = (p: SimPeer, entity: EntityId): string[] =>
  liveElements(p.r.entity(entity)).map((e) => e.id)

/** What `disk.read` answers for a path: the content, or the error code. */
export function engineDiskRead(
  p: SimPeer,
  entity: EntityId,
  disk: string,
  path: string,
): { content?: string; error?: string } {
  try {
    return { content: String(p.r.query('disk.read', entity, { disk, path })) }
  } catch (e) {
    if (!isLabError(e)) throw e
    return { error: e.code }
  }
}

/** A field of an item as the engine shows it (`visible` false when it does not show the item live). */
export function engineField(
  p: SimPeer,
  entity: EntityId,
  concern: string,
  item: string,
  field: string,
): { visible: boolean; value: unknown } {
  const e = p.r.entity(entity)
  const none = { visible: false, value: undefined }
  if (concern === 'chat') {
    const rctx = e.read('chat')
    const coll = e.profile.chat.locate(rctx.md.doc, item)
    const v = coll && e.profile.records.read(rctx, coll, item, DELETED)
    return v && !v.deleted ? { visible: true, value: v.fields[field] } : none
  }
  if (concern === 'canvas') {
    const v = e.profile.canvas.record(e.read('canvas'), item)
    return v && !v.deleted ? { visible: true, value: v.fields[field] } : none
  }
  if (concern === 'kanban') {
    const b = board(e)
    const x = b.cards.find((c) => c.id === item && !c.archived) ?? b.columns.find((c) => c.id === item)
    return x ? { visible: true, value: (x as unknown as Record<string, unknown>)[field] } : none
  }
  if (concern !== 'issues') return none
  const issue = readIssue(e, item)
  if (issue) return issue.closed ? none : { visible: true, value: (issue as unknown as Record<string, unknown>)[field] }
  const ids = [...e.doc('issues').doc.getMap<unknown>('issues').keys()]
  for (const id of ids) {
    const i = readIssue(e, id)
    const c = i?.comments.find((x) => x.id === item)
    if (i && c)
      return !i.closed && !c.deleted ? { visible: true, value: (c as unknown as Record<string, unknown>)[field] } : none
  }
  return none
}
