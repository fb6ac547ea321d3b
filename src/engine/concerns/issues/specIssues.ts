/**
 * Issues layout of the spec profile, as its schema draws it: an issue is a nested map of the
 * record strategy, and its `comments` is a Y.Array of comment maps inside it. The array is
 * created with the issue: created lazily by the first comment, two concurrent first comments
 * would each create one and Yjs would keep one of them (and lose the other's comment). Concurrent
 * edits of one comment resolve by Yjs clientID, as every same-key write of the spec profile does.
 */
import * as Y from 'yjs'
import { LabError } from '../../base/errors.ts'
import type { FieldWrite, Fields, RecordStrategy, RecordView, WriteCtx } from '../../ports/records.ts'
import { elementById, setFields } from '../specArrays.ts'
import { commentOf, ISSUES, type CommentView, type IssuesLayout } from './model.ts'

const COMMENTS = 'comments'

function commentsArray(ctx: WriteCtx, issue: string): Y.Array<unknown> {
  const arr = (ctx.md.doc.getMap<unknown>(ISSUES).get(issue) as Y.Map<unknown> | undefined)?.get(COMMENTS)
  if (!(arr instanceof Y.Array))
    throw new LabError('NOT_FOUND', `issue ${JSON.stringify(issue)} has no comments array`, { path: issue })
  return arr
}

export class SpecIssues implements IssuesLayout {
  constructor(private readonly records: RecordStrategy) {}

  create(ctx: WriteCtx, id: string, fields: Fields): FieldWrite[] {
    const issues = ctx.md.doc.getMap<unknown>(ISSUES)
    const writes = this.records.create(ctx, issues, id, fields)
    ;(issues.get(id) as Y.Map<unknown>).set(COMMENTS, new Y.Array())
    return writes
  }

  addComment(ctx: WriteCtx, issue: string, comment: Fields): FieldWrite[] {
    const el = new Y.Map<unknown>()
    commentsArray(ctx, issue).push([el])
    return setFields(ctx, el, comment)
  }

  updateComment(ctx: WriteCtx, issue: string, comment: string, fields: Fields): FieldWrite[] {
    const el = elementById(commentsArray(ctx, issue), comment)
    if (!el)
      throw new LabError('NOT_FOUND', `no comment ${JSON.stringify(comment)} in issue ${JSON.stringify(issue)}`, {
        path: comment,
      })
    return setFields(ctx, el, fields)
  }

  commentsOf(v: RecordView): CommentView[] {
    const raw = v.fields[COMMENTS]
    if (!Array.isArray(raw)) return []
    return raw.flatMap((c) =>
      c !== null && typeof c === 'object' && !Array.isArray(c) ? [commentOf(String(c.id ?? ''), c)] : [],
    )
  }
}
