/**
 * Issues layout of the reference profile. Comments are fields of their issue's record,
 * `comment:<id>:<field>`, rather than the schema's Y.Array of maps inside the issue: a nested
 * array is not a slot of the record strategy, so its edits would bypass the per-field
 * (Lamport, member, client) LWW and the fencing of removed members that every other field gets,
 * and concurrent edits of one comment would resolve by clientID. As fields, each comment field
 * is an LWW slot like any other; comments from concurrent writers never share a key, so both are
 * kept; a deletion writes `deleted = true`, which no op resets, so it wins over a concurrent
 * edit; and pruning the closed issue removes its comments with it.
 */
import type { FieldWrite, Fields, RecordStrategy, RecordView, WriteCtx } from '../../ports/records.ts'
import { commentOf, ISSUES, type CommentView, type IssuesLayout } from './model.ts'

const PREFIX = 'comment:'

const prefixed = (comment: string, fields: Fields): Fields =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${PREFIX}${comment}:${k}`, v]))

/** The writes with the comment's own field names. */
const unprefixed = (writes: FieldWrite[]): FieldWrite[] =>
  writes.map((w) => ({ ...w, field: w.field.slice(w.field.lastIndexOf(':') + 1) }))

export class ReferenceIssues implements IssuesLayout {
  constructor(private readonly records: RecordStrategy) {}

  create(ctx: WriteCtx, id: string, fields: Fields): FieldWrite[] {
    return this.records.create(ctx, ctx.md.doc.getMap(ISSUES), id, fields)
  }

  addComment(ctx: WriteCtx, issue: string, comment: Fields): FieldWrite[] {
    return this.updateComment(ctx, issue, String(comment.id), comment)
  }

  updateComment(ctx: WriteCtx, issue: string, comment: string, fields: Fields): FieldWrite[] {
    return unprefixed(this.records.update(ctx, ctx.md.doc.getMap(ISSUES), issue, prefixed(comment, fields)))
  }

  commentsOf(v: RecordView): CommentView[] {
    const byId = new Map<string, Record<string, unknown>>()
    for (const [key, value] of Object.entries(v.fields)) {
      if (!key.startsWith(PREFIX)) continue
      const cut = key.lastIndexOf(':')
      const id = key.slice(PREFIX.length, cut)
      ;(byId.get(id) ?? byId.set(id, {}).get(id)!)[key.slice(cut + 1)] = value
    }
    // A comment whose creation does not count (its author's writes are fenced) is not shown by later edits either.
    return [...byId].filter(([, f]) => f.id !== undefined).map(([id, f]) => commentOf(id, f))
  }
}
