/**
 * The chat document's model (the spec's MessageData, ThreadData, AttachmentData) and the layout
 * interface each profile implements.
 */
import type * as Y from 'yjs'
import type { MemberId } from '../../base/ids.ts'
import type { FieldWrite, Fields, ReadCtx, RecordView, WriteCtx } from '../../ports/records.ts'
import type { AttachmentData } from '../../disks/attachments.ts'
import { finiteOr } from '../../base/jsonValue.ts'

export interface MessageView {
  readonly id: string
  readonly author_id: MemberId
  readonly content: string
  readonly created_at: number
  readonly updated_at: number
  readonly deleted: boolean
  readonly deleted_at: number
  readonly reactions: Readonly<Record<string, readonly MemberId[]>>
  readonly attachments: readonly AttachmentData[]
  /** The message this one replies to (null for a top-level message). */
  readonly parent_id: string | null
}

export interface ThreadView {
  readonly parent_id: string
  readonly replies: readonly MessageView[]
  readonly reply_count: number
  readonly last_reply_at: number
}

/** Where and how a profile keeps messages, replies and reactions. */
export interface ChatLayout {
  /** Writes a new message (or a reply when `parentId` is set). */
  send(ctx: WriteCtx, id: string, fields: Fields, parentId: string | null): FieldWrite[]
  /** The collection that holds message `id` (top-level or reply), if this replica has it. */
  locate(doc: Y.Doc, id: string): Y.Map<unknown> | undefined
  /** The message a reply belongs to, or null for a top-level message. */
  parentOf(rctx: ReadCtx, coll: Y.Map<unknown>, id: string): string | null
  /** Adds `ctx.member`'s reaction `emoji` to the message. */
  react(ctx: WriteCtx, coll: Y.Map<unknown>, id: string, emoji: string): FieldWrite[]
  /** Every message and reply this replica stores (tombstones included). */
  messages(rctx: ReadCtx): MessageView[]
  thread(rctx: ReadCtx, parentId: string): ThreadView | undefined
  /** Collections whose tombstones the pruning machinery handles. */
  tombstoneCollections(doc: Y.Doc): Y.Map<unknown>[]
  /** One message or reply of `coll` (tombstones included), as `messages` would show it. */
  messageAt(rctx: ReadCtx, coll: Y.Map<unknown>, id: string): MessageView | undefined
  /** Roots whose entries hold messages, and the messages under one changed entry (for incremental indexes). */
  messageRoots(doc: Y.Doc): MessageRoot[]
}

/** A root map of the chat document and the messages one of its entries holds. */
export interface MessageRoot {
  readonly map: Y.Map<unknown>
  /** Messages (collection and id) under the entry `key`; empty when it holds none. */
  messagesAt(key: string): { readonly coll: Y.Map<unknown>; readonly id: string }[]
}

export const MESSAGES = 'messages'
export const THREADS = 'threads'

/** Chronological order: creation time, then id (ids break ties the same way on every replica). */
export const byCreation = (a: MessageView, b: MessageView): number =>
  a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Turns a record view into a MessageView; `reactions` and `attachments` come from the layout. */
export function messageOf(
  v: RecordView,
  reactions: Record<string, MemberId[]>,
  attachments: AttachmentData[],
  parentId: string | null,
): MessageView {
  const f = v.fields
  return {
    id: v.id,
    author_id: String(f.author_id ?? ''),
    content: String(f.content ?? ''),
    created_at: finiteOr(f.created_at, 0),
    updated_at: finiteOr(f.updated_at, finiteOr(f.created_at, 0)),
    deleted: v.deleted,
    deleted_at: finiteOr(f.deleted_at, 0),
    reactions,
    attachments,
    parent_id: parentId,
  }
}
