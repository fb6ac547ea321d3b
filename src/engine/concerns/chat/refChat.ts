/**
 * Chat layout of the reference profile. Replies are messages with a `parent_id` in the one
 * `messages` collection (the spec's nested `threads[parent].replies` map would be created by two
 * concurrent first replies at once, and Yjs would keep one of them); a thread's `reply_count` and
 * `last_reply_at` are derived from its replies rather than kept as counters that concurrent
 * replies overwrite. A reaction is a per-(emoji, member) LWW flag.
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
  type ChatLayout,
  type MessageRoot,
  type MessageView,
  type ThreadView,
} from './model.ts'
import type { AttachmentData } from '../../disks/attachments.ts'

const REACTION = 'reaction:'

export class ReferenceChat implements ChatLayout {
  constructor(private readonly records: RecordStrategy) {}

  send(ctx: WriteCtx, id: string, fields: Fields, parentId: string | null): FieldWrite[] {
    return this.records.create(
      ctx,
      ctx.md.doc.getMap(MESSAGES),
      id,
      parentId ? { ...fields, parent_id: parentId } : fields,
    )
  }

  locate(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
    const coll = doc.getMap<unknown>(MESSAGES)
    return coll.has(id) ? coll : undefined
  }

  parentOf(rctx: ReadCtx, coll: Y.Map<unknown>, id: string): string | null {
    const parent = this.records.read(rctx, coll, id, DELETED)?.fields.parent_id
    return typeof parent === 'string' ? parent : null
  }

  react(ctx: WriteCtx, coll: Y.Map<unknown>, id: string, emoji: string): FieldWrite[] {
    return this.records.update(ctx, coll, id, { [`${REACTION}${emoji}:${ctx.member}`]: true })
  }

  messages(rctx: ReadCtx): MessageView[] {
    const coll = rctx.md.doc.getMap<unknown>(MESSAGES)
    const out: MessageView[] = []
    for (const id of coll.keys()) {
      const m = this.messageAt(rctx, coll, id)
      if (m) out.push(m)
    }
    return out.sort(byCreation)
  }

  messageAt(rctx: ReadCtx, coll: Y.Map<unknown>, id: string): MessageView | undefined {
    const v = this.records.read(rctx, coll, id, DELETED)
    if (!v) return undefined
    const reactions: Record<string, MemberId[]> = {}
    for (const [field, value] of Object.entries(v.fields)) {
      if (!field.startsWith(REACTION) || value !== true) continue
      const rest = field.slice(REACTION.length)
      const cut = rest.lastIndexOf(':')
      const emoji = rest.slice(0, cut)
      ;(reactions[emoji] ??= []).push(rest.slice(cut + 1))
    }
    for (const list of Object.values(reactions)) list.sort()
    const parent = typeof v.fields.parent_id === 'string' ? v.fields.parent_id : null
    return messageOf(v, reactions, (v.fields.attachments as unknown as AttachmentData[] | undefined) ?? [], parent)
  }

  messageRoots(doc: Y.Doc): MessageRoot[] {
    const coll = doc.getMap<unknown>(MESSAGES)
    return [{ map: coll, messagesAt: (key) => (coll.has(key) ? [{ coll, id: key }] : []) }]
  }

  thread(rctx: ReadCtx, parentId: string): ThreadView | undefined {
    const replies = this.messages(rctx).filter((m) => m.parent_id === parentId && !m.deleted)
    if (replies.length === 0) return undefined
    return {
      parent_id: parentId,
      replies,
      reply_count: replies.length,
      last_reply_at: Math.max(...replies.map((r) => r.created_at)),
    }
  }

  tombstoneCollections(doc: Y.Doc): Y.Map<unknown>[] {
    return [doc.getMap<unknown>(MESSAGES)]
  }
}
