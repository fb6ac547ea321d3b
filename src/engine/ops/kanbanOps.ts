/**
 * Kanban ops (the spec's "add/rename/reorder columns", and cards: add, move, edit, archive) and
 * the `kanban.board` query. Every op validates all of its input against this replica's board
 * before it writes: Yjs cannot roll a transaction back.
 */
import { z } from 'zod'
import type { FieldWrite } from '../ports/records.ts'
import { num, oneOf, str, type Args } from '../concerns/args.ts'
import { assigneeRule, fieldsArg, priorityRule, textRule, titleRule, TITLE_MAX } from '../concerns/fieldsArg.ts'
import {
  ARCHIVED,
  CARDS,
  boardTitles,
  othersIn,
  type BoardView,
  type CardView,
  type ColumnView,
} from '../concerns/kanban/model.ts'
import { checkedOps, namedItem } from './opChecks.ts'
import type { OpEntity } from './types.ts'
import { defineOp, defineQuery } from './define.ts'
import { CardFields, Priority, Ref } from './argSchemas.ts'
import { DEFAULT_PRIORITY, PRIORITIES } from '../base/enums.ts'
import { writeRecords, type OpResult, type WriteRecord } from '../ports/effects.ts'

const CARD_FIELDS = { title: titleRule, description: textRule, assignee_id: assigneeRule, priority: priorityRule }

/** The board as this replica shows it: what the `cardOneColumn` check reads. */
export const board = (e: OpEntity): BoardView => e.profile.kanban.board(e.read('kanban'))

const columnOf = (view: BoardView, args: Args, op: string): ColumnView => namedItem(view.columns, args, op, 'column')

const liveCard = (view: BoardView, args: Args, op: string): CardView =>
  namedItem(view.cards, args, op, 'card', (c) => (c.archived ? 'archived' : undefined))

const records = (e: OpEntity, item: string, writes: FieldWrite[]): WriteRecord[] =>
  writeRecords(e.doc('kanban').id, item, writes)

function addColumn(e: OpEntity, args: Args): OpResult {
  const view = board(e)
  const title = str(args, 'title', 'kanban.addColumn', { max: TITLE_MAX })
  const id = e.ids.next('col')
  const writes = e.write('kanban', (ctx) => e.profile.kanban.addColumn(ctx, view, id, title))
  return { createdId: id, writes: records(e, id, writes) }
}

function renameColumn(e: OpEntity, args: Args): OpResult {
  const col = columnOf(board(e), args, 'kanban.renameColumn')
  const title = str(args, 'title', 'kanban.renameColumn', { max: TITLE_MAX })
  const writes = e.write('kanban', (ctx) => e.profile.kanban.renameColumn(ctx, col.id, title))
  return { writes: records(e, col.id, writes) }
}

function moveColumn(e: OpEntity, args: Args): OpResult {
  const view = board(e)
  const col = columnOf(view, args, 'kanban.moveColumn')
  const index = num(args, 'index', 'kanban.moveColumn', { integer: true, min: 0, max: view.columns.length - 1 })
  const writes = e.write('kanban', (ctx) => e.profile.kanban.moveColumn(ctx, view, col.id, index))
  return { writes: Object.entries(writes).flatMap(([column, w]) => records(e, column, w)) }
}

function addCard(e: OpEntity, args: Args): OpResult {
  const view = board(e)
  const col = columnOf(view, args, 'kanban.addCard')
  const title = str(args, 'title', 'kanban.addCard', { max: TITLE_MAX })
  const priority = oneOf(args, 'priority', 'kanban.addCard', PRIORITIES, DEFAULT_PRIORITY)
  const id = e.ids.next('card')
  const t = e.profile.time(e.now())
  const fields = {
    id,
    title,
    description: '',
    column_id: col.id,
    assignee_id: '',
    priority,
    created_at: t,
    updated_at: t,
  }
  const writes = e.write('kanban', (ctx) => e.profile.kanban.addCard(ctx, view, fields))
  // `updated_at` is bookkeeping every edit refreshes, not a field
  // the op writes (as updateCard and issues.create report it).
  return {
    createdId: id,
    writes: records(
      e,
      id,
      writes.filter((w) => w.field !== 'updated_at'),
    ),
  }
}

function moveCard(e: OpEntity, args: Args): OpResult {
  const view = board(e)
  const card = liveCard(view, args, 'kanban.moveCard')
  const col = columnOf(view, args, 'kanban.moveCard')
  const others = othersIn(view, col.id, card.id).length
  const index = num(args, 'index', 'kanban.moveCard', { integer: true, min: 0, max: others, optional: others })
  const writes = e.write('kanban', (ctx) => e.profile.kanban.moveCard(ctx, view, card.id, col.id, index))
  return { writes: records(e, card.id, writes) }
}

function updateCard(e: OpEntity, args: Args): OpResult {
  const card = liveCard(board(e), args, 'kanban.updateCard')
  const fields = fieldsArg(args, 'kanban.updateCard', CARD_FIELDS)
  const updated_at = e.profile.time(e.now())
  const writes = e.write('kanban', (ctx) =>
    e.profile.records.update(ctx, ctx.md.doc.getMap(CARDS), card.id, { ...fields, updated_at }),
  )
  return { writes: records(e, card.id, writes) }
}

function archiveCard(e: OpEntity, args: Args): OpResult {
  const card = liveCard(board(e), args, 'kanban.archiveCard')
  e.write('kanban', (ctx) => e.profile.records.remove(ctx, ctx.md.doc.getMap(CARDS), card.id, ARCHIVED))
  return { deleted: [[e.doc('kanban').id, card.id]] }
}

const column = { column: 'column' } as const
const card = { card: 'card' } as const

export const kanbanOps = checkedOps([
  defineOp({
    name: 'kanban.addColumn',
    concern: 'kanban',
    args: { title: z.string() },
    creates: 'column',
    label: 'title',
    summary: 'add a column at the end of the board',
    run: addColumn,
  }),
  defineOp({
    name: 'kanban.addCard',
    concern: 'kanban',
    args: { column: Ref, title: z.string(), priority: Priority.optional() },
    refs: column,
    creates: 'card',
    label: 'title',
    summary: 'add a card at the end of a column',
    run: addCard,
  }),
  defineOp({
    name: 'kanban.moveCard',
    concern: 'kanban',
    args: { card: Ref, column: Ref, index: z.number().int().min(0).optional() },
    refs: { ...card, ...column },
    summary: 'move a card to a position of a column (default: its end)',
    run: moveCard,
  }),
  defineOp({
    name: 'kanban.updateCard',
    concern: 'kanban',
    args: { card: Ref, fields: CardFields },
    refs: card,
    summary: "edit a card's title, description, assignee_id or priority (LWW per field)",
    run: updateCard,
  }),
  defineOp({
    name: 'kanban.archiveCard',
    concern: 'kanban',
    args: { card: Ref },
    refs: card,
    summary: 'archive a card (a tombstone until pruned)',
    run: archiveCard,
  }),
  defineOp({
    name: 'kanban.renameColumn',
    concern: 'kanban',
    args: { column: Ref, title: z.string() },
    refs: column,
    summary: "change a column's title (LWW)",
    run: renameColumn,
  }),
  defineOp({
    name: 'kanban.moveColumn',
    concern: 'kanban',
    args: { column: Ref, index: z.number().int().min(0) },
    refs: column,
    summary: 'move a column to a position of the board',
    run: moveColumn,
  }),
])

export const kanbanQueries = [
  defineQuery({
    name: 'kanban.board',
    concern: 'kanban',
    args: {},
    answer: 'object',
    summary:
      '{columnTitle: [cardTitle...]} of live cards, columns in board order; a repeated title shows as "Title (2)"',
    run: (e) => boardTitles(board(e)),
  }),
]
