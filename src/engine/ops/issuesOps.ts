/**
 * Issues ops (create, per-field update, comments, close) and the `issues.get` query. Every op
 * validates all of its input against this replica's view before it writes: Yjs cannot roll a
 * transaction back.
 */
import { z } from 'zod'
import { LabError } from '../base/errors.ts'
import type { FieldWrite, Fields } from '../ports/records.ts'
import { oneOf, str, type Args } from '../concerns/args.ts'
import {
  assigneeRule,
  fieldsArg,
  priorityRule,
  textRule,
  titleRule,
  TITLE_MAX,
  type FieldRule,
} from '../concerns/fieldsArg.ts'
import { CLOSED, FIELD_TIMES, ISSUES, issueOf, type CommentView, type IssueView } from '../concerns/issues/model.ts'
import { archivedView } from '../fallback/api.ts'
import { checkedOps, namedItem } from './opChecks.ts'
import type { OpEntity } from './types.ts'
import { defineOp, defineQuery } from './define.ts'
import { IssueFields, Priority, Ref, Status } from './argSchemas.ts'
import { DEFAULT_PRIORITY, PRIORITIES, DEFAULT_STATUS, STATUSES } from '../base/enums.ts'
import { writeRecords, type OpResult, type WriteRecord } from '../ports/effects.ts'

const statusRule: FieldRule = (a, n, op) => oneOf(a, n, op, STATUSES)
const ISSUE_FIELDS = {
  title: titleRule,
  description: textRule,
  status: statusRule,
  priority: priorityRule,
  assignee_id: assigneeRule,
}

/** The issue as this replica shows it (closed ones included), or undefined when absent or pruned. */
export function readIssue(e: OpEntity, id: string): IssueView | undefined {
  const rctx = e.read('issues')
  const v = e.profile.records.read(rctx, rctx.md.doc.getMap(ISSUES), id, CLOSED)
  return v && issueOf(v, e.profile.issues.commentsOf(v))
}

/** The issue from the CRDT or, once its closed tombstone was pruned, from the SQL archive. */
function issueArg(e: OpEntity, args: Args, op: string): IssueView {
  const id = str(args, 'issue', op)
  const issue = readIssue(e, id) ?? (archivedView(e, 'issues', id) as unknown as IssueView | undefined)
  if (!issue) throw new LabError('NOT_FOUND', `${op}: no issue ${JSON.stringify(id)}`, { path: 'args.issue' })
  return issue
}

function openIssue(e: OpEntity, args: Args, op: string): IssueView {
  const issue = issueArg(e, args, op)
  if (issue.closed)
    throw new LabError('NOT_FOUND', `${op}: issue ${JSON.stringify(issue.id)} is closed`, { path: 'args.issue' })
  return issue
}

const liveComment = (issue: IssueView, args: Args, op: string): CommentView =>
  namedItem(issue.comments, args, op, 'comment', (c) => (c.deleted ? 'deleted' : undefined))

const records = (e: OpEntity, item: string, writes: FieldWrite[]): WriteRecord[] =>
  writeRecords(e.doc('issues').id, item, writes)

/** The schema's time fields an edit of `fields` refreshes: `updated_at` and the per-field ones. */
function timesFor(fields: Fields, t: number): Fields {
  const out: Fields = { updated_at: t }
  for (const k of Object.keys(fields)) if (FIELD_TIMES[k]) out[FIELD_TIMES[k]] = t
  return out
}

function create(e: OpEntity, args: Args): OpResult {
  const title = str(args, 'title', 'issues.create', { max: TITLE_MAX })
  const priority = oneOf(args, 'priority', 'issues.create', PRIORITIES, DEFAULT_PRIORITY)
  const status = oneOf(args, 'status', 'issues.create', STATUSES, DEFAULT_STATUS)
  const id = e.ids.next('iss')
  const t = e.profile.time(e.now())
  const own = { id, title, description: '', status, priority, assignee_id: '', reporter_id: e.member, created_at: t }
  const fields = { ...own, ...timesFor({ status, priority, assignee_id: '' }, t) }
  const writes = e.write('issues', (ctx) => e.profile.issues.create(ctx, id, fields))
  return { createdId: id, writes: records(e, id, writes) }
}

function update(e: OpEntity, args: Args): OpResult {
  const issue = openIssue(e, args, 'issues.update')
  const fields = fieldsArg(args, 'issues.update', ISSUE_FIELDS)
  const all = { ...fields, ...timesFor(fields, e.profile.time(e.now())) }
  const writes = e.write('issues', (ctx) => e.profile.records.update(ctx, ctx.md.doc.getMap(ISSUES), issue.id, all))
  return { writes: records(e, issue.id, writes) }
}

function comment(e: OpEntity, args: Args): OpResult {
  const issue = openIssue(e, args, 'issues.comment')
  const content = str(args, 'content', 'issues.comment')
  const id = e.ids.next('cmt')
  const t = e.profile.time(e.now())
  const fields = { id, author_id: e.member, content, created_at: t, updated_at: t }
  const writes = e.write('issues', (ctx) => e.profile.issues.addComment(ctx, issue.id, fields))
  return { createdId: id, writes: records(e, id, writes) }
}

/** Writes fields of a live comment of an open issue (an edit or a deletion). */
function commentWrite(e: OpEntity, args: Args, op: string, fields: (t: number) => Fields): OpResult {
  const issue = openIssue(e, args, op)
  const c = liveComment(issue, args, op)
  const f = fields(e.profile.time(e.now()))
  const writes = e.write('issues', (ctx) => e.profile.issues.updateComment(ctx, issue.id, c.id, f))
  return { writes: records(e, c.id, writes) }
}

function editComment(e: OpEntity, args: Args): OpResult {
  const content = str(args, 'content', 'issues.editComment')
  return commentWrite(e, args, 'issues.editComment', (t) => ({ content, updated_at: t }))
}

/**
 * A deleted comment is a flag the schema keeps inside its issue (CommentData.deleted), not a
 * tombstone of its own: the spec prunes issues, not comments, and comments go with their issue.
 * So it is reported as field writes, not under `deleted` (nothing will prune it on its own).
 */
function deleteComment(e: OpEntity, args: Args): OpResult {
  return commentWrite(e, args, 'issues.deleteComment', (t) => ({ deleted: true, deleted_at: t }))
}

function close(e: OpEntity, args: Args): OpResult {
  const issue = openIssue(e, args, 'issues.close')
  e.write('issues', (ctx) => e.profile.records.remove(ctx, ctx.md.doc.getMap(ISSUES), issue.id, CLOSED))
  return { deleted: [[e.doc('issues').id, issue.id]] }
}

const issue = { issue: 'issue' } as const
const issueComment = { ...issue, comment: 'comment' } as const

export const issuesOps = checkedOps([
  defineOp({
    name: 'issues.create',
    concern: 'issues',
    args: { title: z.string(), priority: Priority.optional(), status: Status.optional() },
    creates: 'issue',
    label: 'title',
    summary: 'open an issue',
    run: create,
  }),
  defineOp({
    name: 'issues.update',
    concern: 'issues',
    args: { issue: Ref, fields: IssueFields },
    refs: issue,
    summary: "edit an issue's title, description, status, priority or assignee_id (LWW per field)",
    run: update,
  }),
  defineOp({
    name: 'issues.comment',
    concern: 'issues',
    args: { issue: Ref, content: z.string() },
    refs: issue,
    creates: 'comment',
    label: 'content',
    summary: 'comment on an open issue',
    run: comment,
  }),
  defineOp({
    name: 'issues.close',
    concern: 'issues',
    args: { issue: Ref },
    refs: issue,
    summary: 'close an issue (a tombstone until pruned, with its comments)',
    run: close,
  }),
  defineOp({
    name: 'issues.editComment',
    concern: 'issues',
    args: { issue: Ref, comment: Ref, content: z.string() },
    refs: issueComment,
    summary: "edit a comment's content (LWW)",
    run: editComment,
  }),
  defineOp({
    name: 'issues.deleteComment',
    concern: 'issues',
    args: { issue: Ref, comment: Ref },
    refs: issueComment,
    summary: 'delete a comment (it goes with its issue when that is pruned)',
    run: deleteComment,
  }),
])

export const issuesQueries = [
  defineQuery({
    name: 'issues.get',
    concern: 'issues',
    args: { issue: Ref },
    refs: issue,
    answer: 'object',
    summary: "an issue's fields with its comments (closed ones from the SQL archive once pruned)",
    run: (e, args) => issueArg(e, args, 'issues.get'),
  }),
]
