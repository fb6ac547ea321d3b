/**
 * Kanban layout of the reference profile. A card's position is two LWW fields on the card
 * itself, `column_id` and `order_key` (a fractional index), always written together by a move,
 * so the move with the greatest (Lamport, member, client) decides both. Column lists are derived:
 * live cards grouped by `column_id`, sorted by (order_key, card id). A card is therefore in
 * exactly one column on every replica, the one its `column_id` names, however moves race.
 * Columns are records in `column_meta` with LWW `title` and `order_key`; board order is
 * (order_key, column id).
 */
import type { FieldWrite, Fields, ReadCtx, RecordStrategy, WriteCtx } from '../../ports/records.ts'
import { DELETED } from '../../ports/records.ts'
import { byKey, isOrderKey, keyAt, type Keyed } from './fractionalIndex.ts'
import { CARDS, othersIn, readCards, type BoardView, type ColumnView, type KanbanLayout } from './model.ts'

export const COLUMN_META = 'column_meta'

const keyedColumns = (board: BoardView, without?: string): Keyed[] =>
  board.columns.filter((c) => c.id !== without).map((c) => ({ id: c.id, key: c.order_key }))

function keyedCards(board: BoardView, column: string, without?: string): Keyed[] {
  const keys = new Map(board.cards.map((c) => [c.id, c.order_key]))
  return othersIn(board, column, without).map((id) => ({ id, key: keys.get(id) ?? '' }))
}

export class ReferenceKanban implements KanbanLayout {
  constructor(private readonly records: RecordStrategy) {}

  addColumn(ctx: WriteCtx, board: BoardView, id: string, title: string): FieldWrite[] {
    const order_key = keyAt(keyedColumns(board), board.columns.length, id)
    return this.records.create(ctx, ctx.md.doc.getMap(COLUMN_META), id, { id, title, order_key })
  }

  renameColumn(ctx: WriteCtx, id: string, title: string): FieldWrite[] {
    return this.records.update(ctx, ctx.md.doc.getMap(COLUMN_META), id, { title })
  }

  moveColumn(ctx: WriteCtx, board: BoardView, id: string, index: number): Record<string, FieldWrite[]> {
    const order_key = keyAt(keyedColumns(board, id), index, id)
    return { [id]: this.records.update(ctx, ctx.md.doc.getMap(COLUMN_META), id, { order_key }) }
  }

  addCard(ctx: WriteCtx, board: BoardView, fields: Fields): FieldWrite[] {
    const id = String(fields.id)
    const list = keyedCards(board, String(fields.column_id))
    return this.records.create(ctx, ctx.md.doc.getMap(CARDS), id, {
      ...fields,
      order_key: keyAt(list, list.length, id),
    })
  }

  moveCard(ctx: WriteCtx, board: BoardView, card: string, column: string, index: number): FieldWrite[] {
    const order_key = keyAt(keyedCards(board, column, card), index, card)
    return this.records.update(ctx, ctx.md.doc.getMap(CARDS), card, { column_id: column, order_key })
  }

  board(rctx: ReadCtx): BoardView {
    const cards = readCards(this.records, rctx)
    const lists = new Map<string, Keyed[]>()
    for (const c of cards)
      if (!c.archived)
        (lists.get(c.column_id) ?? lists.set(c.column_id, []).get(c.column_id)!).push({ id: c.id, key: c.order_key })
    return { columns: this.columns(rctx, lists), cards }
  }

  private columns(rctx: ReadCtx, lists: ReadonlyMap<string, Keyed[]>): ColumnView[] {
    const coll = rctx.md.doc.getMap<unknown>(COLUMN_META)
    const rows: (Keyed & { title: string })[] = []
    for (const id of this.records.keys(coll)) {
      const v = this.records.read(rctx, coll, id, DELETED)
      if (v && !v.deleted)
        rows.push({
          id,
          key: isOrderKey(v.fields.order_key) ? v.fields.order_key : '',
          title: String(v.fields.title ?? ''),
        })
    }
    return rows.sort(byKey).map((r, order) => ({
      id: r.id,
      title: r.title,
      order,
      card_order: (lists.get(r.id) ?? []).sort(byKey).map((x) => x.id),
      order_key: r.key,
    }))
  }
}
