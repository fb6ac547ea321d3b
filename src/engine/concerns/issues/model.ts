/**
 * The issues document's model (the spec's IssueData and CommentData) and the layout interface
 * each profile implements for an issue's comments. Issue fields themselves are records of the
 * profile's record strategy in both profiles (per-field LWW in the reference).
 */
import type { MemberId } from '../../base/ids.ts'
import type { FieldWrite, Fields, RecordView, TombstoneNames, WriteCtx } from '../../ports/records.ts'
import { finiteOr } from '../../base/jsonValue.ts'

export const ISSUES = 'issues'
export const CLOSED: TombstoneNames = { flag: 'closed', at: 'closed_at' }

/** Fields with a time field of their own in the schema ("fine-grained LWW timestamps per field"). */
export const FIELD_TIMES: Readonly<Record<string, string>> = {
  status: 'status_updated_at',
  priority: 'priority_updated_at',
  assignee_id: 'assignee_updated_at',
}

/** The spec's CommentData as a replica shows it. */
export interface CommentView {
  readonly id: string
  readonly author_id: MemberId
  readonly content: string
  readonly created_at: number
  readonly updated_at: number
  readonly deleted: boolean
  readonly deleted_at: number
}

/** The spec's IssueData as a replica shows it (the `issues.get` answer). */
export interface IssueView {
  readonly id: string
  readonly title: string
  readonly description: string
  readonly status: string
  readonly priority: string
  readonly assignee_id: string
  readonly reporter_id: MemberId
  readonly created_at: number
  readonly updated_at: number
  readonly status_updated_at: number
  readonly priority_updated_at: number
  readonly assignee_updated_at: number
  readonly closed: boolean
  readonly closed_at: number
  /** Members whose acknowledgement of the closing this replica holds. */
  readonly ack_vector: readonly MemberId[]
  /** Every comment, deleted ones included, by (created_at, id). */
  readonly comments: readonly CommentView[]
}

/** Where and how a profile keeps an issue's comments. Callers validate ids first. */
export interface IssuesLayout {
  /** Creates an issue record with its fields (and whatever its comments need). */
  create(ctx: WriteCtx, id: string, fields: Fields): FieldWrite[]
  /** Adds a comment (its fields include `id`); the writes name the comment's own fields. */
  addComment(ctx: WriteCtx, issue: string, comment: Fields): FieldWrite[]
  /** Writes fields of a comment (an edit, or `deleted`/`deleted_at`, which nothing ever resets). */
  updateComment(ctx: WriteCtx, issue: string, comment: string, fields: Fields): FieldWrite[]
  /** The comments of an issue's record view. */
  commentsOf(v: RecordView): CommentView[]
}

/** A comment from its stored fields. */
export function commentOf(id: string, f: Readonly<Record<string, unknown>>): CommentView {
  const created = finiteOr(f.created_at, 0)
  return {
    id,
    author_id: String(f.author_id ?? ''),
    content: String(f.content ?? ''),
    created_at: created,
    updated_at: finiteOr(f.updated_at, created),
    deleted: f.deleted === true,
    deleted_at: finiteOr(f.deleted_at, 0),
  }
}

export const byCreation = (a: CommentView, b: CommentView): number =>
  a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Turns an issue's record view into an IssueView. */
export function issueOf(v: RecordView, comments: CommentView[]): IssueView {
  const f = v.fields
  const created = finiteOr(f.created_at, 0)
  const time = (k: string): number => finiteOr(f[k], created)
  return {
    id: v.id,
    title: String(f.title ?? ''),
    description: String(f.description ?? ''),
    status: String(f.status ?? ''),
    priority: String(f.priority ?? ''),
    assignee_id: String(f.assignee_id ?? ''),
    reporter_id: String(f.reporter_id ?? ''),
    created_at: created,
    updated_at: time('updated_at'),
    status_updated_at: time('status_updated_at'),
    priority_updated_at: time('priority_updated_at'),
    assignee_updated_at: time('assignee_updated_at'),
    closed: v.deleted,
    closed_at: finiteOr(f.closed_at, 0),
    ack_vector: v.acked,
    comments: [...comments].sort(byCreation),
  }
}
