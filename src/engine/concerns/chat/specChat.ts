/**
 * Chat layout of the spec profile, as its schema draws it: top-level messages in `messages`,
 * replies nested in `threads[parent].replies` with a cached `reply_count` and `last_reply_at`
 * (plain LWW registers: two concurrent replies both write `reply_count = n + 1`), and reactions
 * as `reactions[emoji] = Array<member_id>` created on first use (two concurrent first reactions
 * with one emoji create two arrays; Yjs keeps one).
 */
import * as Y from 'yjs'
import type { MemberId } from '../../base/ids.ts'
import {
  DELETED,
  type FieldWrite,
  type Fields,
  type ReadCtx,
  type RecordStrategy,
  type WriteCtx,
} from '../../ports/records.ts'
import {
  byCreation,
  messageOf,
  MESSAGES,
  THREADS,
  type ChatLayout,
  type MessageRoot,
  type MessageView,
  type ThreadView,
} from './model.ts'
import type { AttachmentData } from '../../disks/attachments.ts'

const REPLIES = 'replies'

export class SpecChat implements ChatLayout {
  constructor(private readonly records: RecordStrategy) {}

  send(ctx: WriteCtx, id: string, fields: Fields, parentId: string | null): FieldWrite[] {
    const doc = ctx.md.doc
    if (parentId === null) {
      const writes = this.records.create(ctx, doc.getMap(MESSAGES), id, fields)
      ;(doc.getMap(MESSAGES).get(id) as Y.Map<unknown>).set('reactions', new Y.Map())
      return writes
    }
    const threads = doc.getMap<unknown>(THREADS)
    let thread = threads.get(parentId)
    if (!(thread instanceof Y.Map)) {
      thread = new Y.Map<unknown>()
      threads.set(parentId, thread)
      ;(thread as Y.Map<unknown>).set('parent_id', parentId)
      ;(thread as Y.Map<unknown>).set(REPLIES, new Y.Map())
    }
    const t = thread as Y.Map<unknown>
    const writes = this.records.create(ctx, t.get(REPLIES) as Y.Map<unknown>, id, fields)
    t.set('reply_count', (Number(t.get('reply_count')) || 0) + 1)
    t.set('last_reply_at', fields.created_at ?? 0)
    return writes
  }

  locate(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
    const messages = doc.getMap<unknown>(MESSAGES)
    if (messages.has(id)) return messages
    for (const thread of doc.getMap<unknown>(THREADS).values()) {
      const replies = thread instanceof Y.Map ? thread.get(REPLIES) : undefined
      if (replies instanceof Y.Map && replies.has(id)) return replies
    }
    return undefined
  }

  parentOf(rctx: ReadCtx, coll: Y.Map<unknown>): string | null {
    if (coll === rctx.md.doc.getMap<unknown>(MESSAGES)) return null
    const thread = coll._item?.parent
    return thread instanceof Y.Map ? String(thread.get('parent_id')) : null
  }

  react(ctx: WriteCtx, coll: Y.Map<unknown>, id: string, emoji: string): FieldWrite[] {
    const item = coll.get(id) as Y.Map<unknown>
    let reactions = item.get('reactions')
    if (!(reactions instanceof Y.Map)) {
      reactions = new Y.Map<unknown>()
      item.set('reactions', reactions)
    }
    const r = reactions as Y.Map<unknown>
    let list = r.get(emoji)
    if (!(list instanceof Y.Array)) {
      list = new Y.Array<MemberId>()
      r.set(emoji, list)
    }
    const members = list as Y.Array<MemberId>
    if (!members.toArray().includes(ctx.member)) members.push([ctx.member])
    return []
  }

  messages(rctx: ReadCtx): MessageView[] {
    const doc = rctx.md.doc
    const out = this.read(rctx, doc.getMap<unknown>(MESSAGES), null)
    for (const [parentId, thread] of doc.getMap<unknown>(THREADS).entries()) {
      const replies = thread instanceof Y.Map ? thread.get(REPLIES) : undefined
      if (replies instanceof Y.Map) out.push(...this.read(rctx, replies, parentId))
    }
    return out.sort(byCreation)
  }

  private read(rctx: ReadCtx, coll: Y.Map<unknown>, parentId: string | null): MessageView[] {
    const out: MessageView[] = []
    for (const id of coll.keys()) {
      const m = this.view(rctx, coll, id, parentId)
      if (m) out.push(m)
    }
    return out
  }

  private view(rctx: ReadCtx, coll: Y.Map<unknown>, id: string, parentId: string | null): MessageView | undefined {
    const v = this.records.read(rctx, coll, id, DELETED)
    if (!v) return undefined
    const reactions = (v.fields.reactions ?? {}) as Record<string, MemberId[]>
    return messageOf(v, reactions, (v.fields.attachments as unknown as AttachmentData[] | undefined) ?? [], parentId)
  }

  messageAt(rctx: ReadCtx, coll: Y.Map<unknown>, id: string): MessageView | undefined {
    return this.view(rctx, coll, id, this.parentOf(rctx, coll))
  }

  messageRoots(doc: Y.Doc): MessageRoot[] {
    const messages = doc.getMap<unknown>(MESSAGES)
    const threads = doc.getMap<unknown>(THREADS)
    const repliesOf = (key: string): Y.Map<unknown> | undefined => {
      const t = threads.get(key)
      const r = t instanceof Y.Map ? t.get(REPLIES) : undefined
      return r instanceof Y.Map ? r : undefined
    }
    return [
      { map: messages, messagesAt: (key) => (messages.has(key) ? [{ coll: messages, id: key }] : []) },
      {
        map: threads,
        messagesAt: (key) => {
          const r = repliesOf(key)
          return r ? [...r.keys()].map((id) => ({ coll: r, id })) : []
        },
      },
    ]
  }

  thread(rctx: ReadCtx, parentId: string): ThreadView | undefined {
    const t = rctx.md.doc.getMap<unknown>(THREADS).get(parentId)
    if (!(t instanceof Y.Map)) return undefined
    const replies = t.get(REPLIES)
    const list =
      replies instanceof Y.Map
        ? this.read(rctx, replies, parentId)
            .filter((m) => !m.deleted)
            .sort(byCreation)
        : []
    return {
      parent_id: parentId,
      replies: list,
      reply_count: Number(t.get('reply_count')) || 0,
      last_reply_at: Number(t.get('last_reply_at')) || 0,
    }
  }

  tombstoneCollections(doc: Y.Doc): Y.Map<unknown>[] {
    // The spec's prune_tombstones walks `messages` only; deleted replies are never pruned.
    return [doc.getMap<unknown>(MESSAGES)]
  }
}
