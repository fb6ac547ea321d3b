/**
 * Kanban layout of the spec profile, as its schema draws it: `columns` is a Y.Array of column
 * maps, each with an integer `order` and a `card_order` Y.Array of card ids; cards live in the
 * `cards` map and name their column in `column_id`. A move removes the card's id from one
 * `card_order` and inserts it into another, and sets `column_id`. Two concurrent moves of one
 * card to different columns therefore leave it listed in both columns (each move's insert
 * survives, the one removal was of the same original entry), while `column_id` names only one:
 * the flaw `cardOneColumn` catches. Reordering columns renumbers `order`.
 */
import * as Y from 'yjs'
import { LabError } from '../../base/errors.ts'
import type { FieldWrite, Fields, ReadCtx, RecordStrategy, WriteCtx } from '../../ports/records.ts'
import { elementById, setFields } from '../specArrays.ts'
import { CARDS, othersIn, readCards, type BoardView, type ColumnView, type KanbanLayout } from './model.ts'

export const COLUMNS = 'columns'
const CARD_ORDER = 'card_order'

function columnEl(ctx: WriteCtx, id: string): Y.Map<unknown> {
  const el = elementById(ctx.md.doc.getArray(COLUMNS), id)
  if (!el) throw new LabError('NOT_FOUND', `no column ${JSON.stringify(id)}`, { path: id })
  return el
}

const cardOrderOf = (el: Y.Map<unknown> | undefined): Y.Array<string> | undefined => {
  const arr = el?.get(CARD_ORDER)
  return arr instanceof Y.Array ? (arr as Y.Array<string>) : undefined
}

export class SpecKanban implements KanbanLayout {
  constructor(private readonly records: RecordStrategy) {}

  addColumn(ctx: WriteCtx, board: BoardView, id: string, title: string): FieldWrite[] {
    const el = new Y.Map<unknown>()
    ctx.md.doc.getArray<unknown>(COLUMNS).push([el])
    el.set(CARD_ORDER, new Y.Array<string>())
    return setFields(ctx, el, { id, title, order: board.columns.length })
  }

  renameColumn(ctx: WriteCtx, id: string, title: string): FieldWrite[] {
    return setFields(ctx, columnEl(ctx, id), { title })
  }

  moveColumn(ctx: WriteCtx, board: BoardView, id: string, index: number): Record<string, FieldWrite[]> {
    const ids = board.columns.map((c) => c.id).filter((c) => c !== id)
    ids.splice(index, 0, id)
    // The spec keeps an integer position per column: every column whose number changes is rewritten.
    const writes: Record<string, FieldWrite[]> = {}
    ids.forEach((col, order) => {
      const el = columnEl(ctx, col)
      if (el.get('order') !== order) writes[col] = setFields(ctx, el, { order })
    })
    return writes
  }

  addCard(ctx: WriteCtx, _board: BoardView, fields: Fields): FieldWrite[] {
    const order = cardOrderOf(columnEl(ctx, String(fields.column_id)))
    const writes = this.records.create(ctx, ctx.md.doc.getMap(CARDS), String(fields.id), fields)
    order?.push([String(fields.id)])
    return writes
  }

  moveCard(ctx: WriteCtx, board: BoardView, card: string, column: string, index: number): FieldWrite[] {
    const from = board.cards.find((c) => c.id === card)?.column_id ?? ''
    const source = cardOrderOf(elementById(ctx.md.doc.getArray(COLUMNS), from))
    const at = source ? source.toArray().indexOf(card) : -1
    if (source && at >= 0) source.delete(at, 1)
    const target = cardOrderOf(columnEl(ctx, column))
    if (target) {
      const before = othersIn(board, column, card)[index]
      const pos = before === undefined ? -1 : target.toArray().indexOf(before)
      if (pos >= 0) target.insert(pos, [card])
      else target.push([card])
    }
    return this.records.update(ctx, ctx.md.doc.getMap(CARDS), card, { column_id: column })
  }

  board(rctx: ReadCtx): BoardView {
    const cards = readCards(this.records, rctx)
    const live = new Set(cards.filter((c) => !c.archived).map((c) => c.id))
    return { columns: this.columns(rctx, live), cards }
  }

  /** Columns by (order, array position); each lists its live cards as its `card_order` does. */
  private columns(rctx: ReadCtx, live: ReadonlySet<string>): ColumnView[] {
    const els = rctx.md.doc.getArray<unknown>(COLUMNS).toArray()
    const rows = els.flatMap((el, pos) =>
      el instanceof Y.Map ? [{ el, pos, order: Number(el.get('order')) || 0 }] : [],
    )
    rows.sort((a, b) => a.order - b.order || a.pos - b.pos)
    return rows.map(({ el }, order) => ({
      id: String(el.get('id') ?? ''),
      title: String(el.get('title') ?? ''),
      order,
      card_order: (cardOrderOf(el)?.toArray() ?? []).filter((id) => live.has(id)),
      order_key: '',
    }))
  }
}
