/**
 * The reference kanban layout (src/engine/concerns/kanban/refKanban.ts documents it): a card's
 * position is its two LWW fields `column_id` and `order_key` (a fractional index); columns are
 * records of `column_meta` with LWW `title` and `order_key`, in (order_key, id) order; a column
 * lists the live cards whose `column_id` names it, in (order_key, id) order.
 */
import type * as Y from 'yjs'
import { cardOf, type BoardRead, type ColumnRead, type CoreRead, type ItemRecord } from '../views.ts'
import { readRecord, readRecords } from './records.ts'

const ORDER_KEY = /^[0-9A-Za-z]*[1-9A-Za-z]$/
const keyOf = (v: unknown): string => (typeof v === 'string' && ORDER_KEY.test(v) ? v : '')
const byKey = (a: { key: string; id: string }, b: { key: string; id: string }): number =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

export const refCardRecord = (doc: Y.Doc, core: CoreRead, id: string): ItemRecord | undefined =>
  readRecord(doc, 'kanban', core, doc.getMap<unknown>('cards'), id, 'archived')

export function refBoard(doc: Y.Doc, core: CoreRead): BoardRead {
  const cards = readRecords(doc, 'kanban', core, doc.getMap<unknown>('cards'), 'archived')
  const lists = new Map<string, { id: string; key: string }[]>()
  for (const c of cards)
    if (!c.deleted) {
      const col = String(c.fields.column_id ?? '')
      lists.set(col, [...(lists.get(col) ?? []), { id: c.id, key: keyOf(c.fields.order_key) }])
    }
  const columns: (ColumnRead & { key: string })[] = readRecords(
    doc,
    'kanban',
    core,
    doc.getMap<unknown>('column_meta'),
    'deleted',
  )
    .filter((r) => !r.deleted)
    .map((r) => ({
      id: r.id,
      key: keyOf(r.fields.order_key),
      title: String(r.fields.title ?? ''),
      card_order: (lists.get(r.id) ?? []).sort(byKey).map((x) => x.id),
    }))
  return { columns: columns.sort(byKey).map(({ key: _k, ...c }) => c), cards: cards.map(cardOf) }
}

/** A column record (title, order_key), tombstones included. */
export const refColumnRecord = (doc: Y.Doc, core: CoreRead, id: string): ItemRecord | undefined =>
  readRecord(doc, 'kanban', core, doc.getMap<unknown>('column_meta'), id, 'deleted')
