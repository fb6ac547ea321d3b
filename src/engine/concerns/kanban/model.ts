/**
 * The kanban document's model (the spec's ColumnData and CardData), the board as a replica shows
 * it, and the layout interface each profile implements.
 */
import type { MemberId } from '../../base/ids.ts'
import type {
  FieldWrite,
  Fields,
  ReadCtx,
  RecordStrategy,
  RecordView,
  TombstoneNames,
  WriteCtx,
} from '../../ports/records.ts'
import { isOrderKey } from './fractionalIndex.ts'
import { finiteOr } from '../../base/jsonValue.ts'

/** The cards collection (both profiles) and the names of a card's tombstone flag. */
export const CARDS = 'cards'
export const ARCHIVED: TombstoneNames = { flag: 'archived', at: 'archived_at' }

/** The spec's CardData as a replica shows it. */
export interface CardView {
  readonly id: string
  readonly title: string
  readonly description: string
  /** The column this card names as its own. */
  readonly column_id: string
  readonly assignee_id: string
  readonly priority: string
  readonly created_at: number
  readonly updated_at: number
  readonly archived: boolean
  readonly archived_at: number
  /** Members whose acknowledgement of the archival this replica holds. */
  readonly ack_vector: readonly MemberId[]
  /** Position key within its column (reference); '' where the layout keeps no key (spec). */
  readonly order_key: string
}

/** The spec's ColumnData as a replica shows it. */
export interface ColumnView {
  readonly id: string
  readonly title: string
  /** Position in board order, from 0. */
  readonly order: number
  /** Live (non-archived) cards the column lists, in order; the spec's layout may list one twice. */
  readonly card_order: readonly string[]
  /** Position key of the column (reference); '' where the layout keeps none (spec). */
  readonly order_key: string
}

/** The whole board on one replica: what the `cardOneColumn` check compares. */
export interface BoardView {
  /** Columns in board order. */
  readonly columns: readonly ColumnView[]
  /** Every card the replica stores (archived ones included, pruned ones not), by id. */
  readonly cards: readonly CardView[]
}

/** Where and how a profile keeps columns and card positions. Callers validate ids and indexes first. */
export interface KanbanLayout {
  addColumn(ctx: WriteCtx, board: BoardView, id: string, title: string): FieldWrite[]
  renameColumn(ctx: WriteCtx, id: string, title: string): FieldWrite[]
  /** Moves a column to `index` (0 <= index < columns) of the board order; the writes per column written. */
  moveColumn(ctx: WriteCtx, board: BoardView, id: string, index: number): Record<string, FieldWrite[]>
  /** Creates a card (its fields include `id` and `column_id`) at the end of its column. */
  addCard(ctx: WriteCtx, board: BoardView, fields: Fields): FieldWrite[]
  /** Moves a card to `index` (0 <= index <= the column's other cards) of `column`. */
  moveCard(ctx: WriteCtx, board: BoardView, card: string, column: string, index: number): FieldWrite[]
  board(rctx: ReadCtx): BoardView
}

/** Turns a card's record view into a CardView. */
export function cardOf(v: RecordView): CardView {
  const f = v.fields
  const created = finiteOr(f.created_at, 0)
  return {
    id: v.id,
    title: String(f.title ?? ''),
    description: String(f.description ?? ''),
    column_id: String(f.column_id ?? ''),
    assignee_id: String(f.assignee_id ?? ''),
    priority: String(f.priority ?? ''),
    created_at: created,
    updated_at: finiteOr(f.updated_at, created),
    archived: v.deleted,
    archived_at: finiteOr(f.archived_at, 0),
    ack_vector: v.acked,
    order_key: isOrderKey(f.order_key) ? f.order_key : '',
  }
}

/** Every card the replica stores (archived included), by id. */
export function readCards(records: RecordStrategy, rctx: ReadCtx): CardView[] {
  const coll = rctx.md.doc.getMap<unknown>(CARDS)
  const cards: CardView[] = []
  for (const id of records.keys(coll)) {
    const v = records.read(rctx, coll, id, ARCHIVED)
    if (v) cards.push(cardOf(v))
  }
  return cards.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** The ids of the columns that list `card`, once per listing (a correct board gives exactly one). */
export const columnsHolding = (board: BoardView, card: string): string[] =>
  board.columns.flatMap((c) => c.card_order.filter((id) => id === card).map(() => c.id))

/** The cards `column` lists, without `card` (the list a moved card is placed into). */
export const othersIn = (board: BoardView, column: string, card?: string): string[] =>
  (board.columns.find((c) => c.id === column)?.card_order ?? []).filter((id) => id !== card)

/**
 * The `kanban.board` query: `{ columnTitle: [cardTitle, ...] }`, columns in board order. Titles
 * are not unique (two replicas may add "Done" concurrently), and merging two columns under one
 * key would hide which one a card is in; so the first column in board order keeps its title and
 * later ones are shown as "Done (2)", "Done (3)", ... (the same on every replica, since board
 * order is).
 */
export function boardTitles(board: BoardView): Record<string, string[]> {
  const titles = new Map(board.cards.map((c) => [c.id, c.title]))
  const out: Record<string, string[]> = {}
  for (const col of board.columns) {
    let name = col.title
    for (let n = 2; Object.hasOwn(out, name); n++) name = `${col.title} (${n})`
    out[name] = col.card_order.map((id) => titles.get(id) ?? '')
  }
  return out
}
