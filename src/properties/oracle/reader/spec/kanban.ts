/**
 * The spec's kanban schema: `columns` is an Array of column maps (`id`, `title`, an integer
 * `order`, a `card_order` Array of card ids); cards are records of `cards` naming their column in
 * `column_id`. Board order is (order, position in the array); a column lists the live cards its
 * `card_order` holds, a card listed twice twice.
 */
import * as Y from 'yjs'
import { cardOf, type BoardRead, type ItemRecord } from '../views.ts'
import { specRecord, specRecords } from './records.ts'

export function specCardRecord(doc: Y.Doc, id: string): ItemRecord | undefined {
  const m = doc.getMap<unknown>('cards').get(id)
  return m instanceof Y.Map ? specRecord(m, id, 'archived') : undefined
}

export function specBoard(doc: Y.Doc): BoardRead {
  const cards = specRecords(doc.getMap<unknown>('cards'), 'archived')
  const live = new Set(cards.filter((c) => !c.deleted).map((c) => c.id))
  const rows = doc
    .getArray<unknown>('columns')
    .toArray()
    .flatMap((el, pos) => (el instanceof Y.Map ? [{ el, pos, order: Number(el.get('order')) || 0 }] : []))
    .sort((a, b) => a.order - b.order || a.pos - b.pos)
  const columns = rows.map(({ el }) => {
    const order = el.get('card_order')
    return {
      id: String(el.get('id') ?? ''),
      title: String(el.get('title') ?? ''),
      card_order: (order instanceof Y.Array ? order.toArray() : []).map(String).filter((id) => live.has(id)),
    }
  })
  return { columns, cards: cards.map(cardOf) }
}

/** A column element as a record (its keys; `order` and `card_order` included). */
export function specColumnRecord(doc: Y.Doc, id: string): ItemRecord | undefined {
  for (const el of doc.getArray<unknown>('columns').toArray())
    if (el instanceof Y.Map && el.get('id') === id) return specRecord(el, id, 'deleted')
  return undefined
}
