/** Chat ops (the spec's send_message, edit_message, delete_message, reactions) and the chat.list query. */
import type * as Y from 'yjs'
import { z } from 'zod'
import { LabError } from '../base/errors.ts'
import { DELETED, type Fields, type FieldWrite, type Json } from '../ports/records.ts'
import { bad, num, onlyKeys, str, type Args } from '../concerns/args.ts'
import { attachmentPath, guessMime, writeAttachment } from '../disks/index.ts'
import type { MessageView } from '../concerns/chat/model.ts'
import type { OpEntity } from './types.ts'
import { defineOp, defineQuery } from './define.ts'
import { Attachment, Ref } from './argSchemas.ts'
import { allMessages } from '../fallback/api.ts'
import { writeRecords, type OpResult, type WriteRecord } from '../ports/effects.ts'
import type { AttachmentData } from '../disks/attachments.ts'

const MAX_ATTACHMENTS = 16

/**
 * A live message this replica shows, with the collection that holds it. Archived messages are
 * read-only (the archive is per replica), and so are messages this replica froze for archiving
 * unless `frozenOk` (a reply writes nothing into its parent).
 */
function liveMessage(
  e: OpEntity,
  id: string,
  op: string,
  arg = 'message',
  frozenOk = false,
): { coll: Y.Map<unknown>; parent: string | null } {
  const rctx = e.read('chat')
  const coll = e.profile.chat.locate(rctx.md.doc, id)
  const view = coll ? e.profile.records.read(rctx, coll, id, DELETED) : undefined
  if (!coll || !view || view.deleted) {
    if (e.fallback.openedArchive()?.has('message', id))
      throw new LabError(
        'ARCHIVED',
        `${op}: message ${JSON.stringify(id)} of ${e.entityId} is archived in SQL and read-only`,
        { path: `args.${arg}` },
      )
    throw new LabError('NOT_FOUND', `${op}: no live message ${JSON.stringify(id)} in ${e.entityId}`, {
      path: `args.${arg}`,
    })
  }
  if (!frozenOk && Number(view.fields.created_at) < e.profile.fallback.frozenBefore(rctx.md, e.member)) {
    throw new LabError(
      'ARCHIVED',
      `${op}: message ${JSON.stringify(id)} of ${e.entityId} is older than the archive cutoff and frozen while it ` +
        `moves to SQL`,
      { path: `args.${arg}` },
    )
  }
  return { coll, parent: e.profile.chat.parentOf(rctx, coll, id) }
}

interface AttachmentArg {
  readonly filename: string
  readonly content?: string
  readonly mimeType?: string
  readonly sizeBytes?: number
}

/** Validates `attachments` (filename, content?, mimeType?, sizeBytes?) before anything is written. */
function attachmentArgs(args: Args): AttachmentArg[] {
  const raw = args.attachments
  if (raw === undefined) return []
  if (!Array.isArray(raw) || raw.length > MAX_ATTACHMENTS)
    throw bad('chat.send', 'attachments', `must be a list of at most ${MAX_ATTACHMENTS} attachments`)
  return raw.map((a, i) => {
    const o = (a ?? {}) as Args
    const where = `chat.send attachments[${i}]`
    onlyKeys(o, 'chat.send', Object.keys(Attachment.shape), { noun: 'attachment field', at: `args.attachments[${i}]` })
    const filename = str(o, 'filename', where, { max: 200 })
    if (/[/\\\0]/.test(filename))
      throw bad('chat.send', `attachments[${i}].filename`, `${JSON.stringify(filename)} must not contain / \\ or NUL`)
    const content =
      o.content === undefined ? undefined : str(o, 'content', where, { allowEmpty: true, max: 8 * 1024 * 1024 })
    const mimeType = o.mimeType === undefined ? undefined : str(o, 'mimeType', where, { max: 100 })
    const sizeBytes = o.sizeBytes === undefined ? undefined : num(o, 'sizeBytes', where, { min: 0, integer: true })
    return {
      filename,
      ...(content !== undefined ? { content } : {}),
      ...(mimeType ? { mimeType } : {}),
      ...(sizeBytes !== undefined ? { sizeBytes } : {}),
    }
  })
}

/**
 * Stores attachments that carry content on the entity's shared disk (the spec's attachments
 * bridge) and returns the spec's AttachmentData; one without content is a reference only.
 */
function storeAttachments(e: OpEntity, list: AttachmentArg[]): AttachmentData[] {
  return list.map((a) => {
    const id = e.ids.next('a')
    if (a.content !== undefined) {
      const input = { id, filename: a.filename, content: a.content, ...(a.mimeType ? { mime: a.mimeType } : {}) }
      return e.writeDisk('shared', (ctx) => writeAttachment(ctx, input))
    }
    return {
      id,
      filename: a.filename,
      file_path: attachmentPath(id, a.filename),
      mime_type: a.mimeType ?? guessMime(a.filename, false),
      size_bytes: a.sizeBytes ?? 0,
    }
  })
}

const records = (e: OpEntity, item: string, writes: FieldWrite[]): WriteRecord[] =>
  writeRecords(e.doc('chat').id, item, writes)

function send(e: OpEntity, args: Args): OpResult {
  e.requireMember()
  const content = str(args, 'content', 'chat.send', { allowEmpty: true })
  const parent = args.replyTo === undefined ? null : str(args, 'replyTo', 'chat.send')
  if (parent !== null && liveMessage(e, parent, 'chat.send', 'replyTo', true).parent !== null) {
    throw bad(
      'chat.send',
      'replyTo',
      `${JSON.stringify(parent)} is itself a reply; reply to the thread's first message`,
    )
  }
  const attachments = storeAttachments(e, attachmentArgs(args))
  const id = e.ids.next('m')
  const fields: Fields = { id, author_id: e.member, content, created_at: e.profile.time(e.now()) }
  if (attachments.length > 0) fields.attachments = attachments as unknown as Json
  const writes = e.write('chat', (ctx) => e.profile.chat.send(ctx, id, fields, parent))
  return { createdId: id, writes: records(e, id, writes) }
}

function edit(e: OpEntity, args: Args): OpResult {
  e.requireMember()
  const id = str(args, 'message', 'chat.edit')
  const content = str(args, 'content', 'chat.edit', { allowEmpty: true })
  const { coll } = liveMessage(e, id, 'chat.edit')
  const writes = e.write('chat', (ctx) => e.profile.records.update(ctx, coll, id, { content }))
  return { writes: records(e, id, writes) }
}

function remove(e: OpEntity, args: Args): OpResult {
  e.requireMember()
  const id = str(args, 'message', 'chat.delete')
  const { coll } = liveMessage(e, id, 'chat.delete')
  e.write('chat', (ctx) => e.profile.records.remove(ctx, coll, id, DELETED))
  return { deleted: [[e.doc('chat').id, id]] }
}

function react(e: OpEntity, args: Args): OpResult {
  e.requireMember()
  const id = str(args, 'message', 'chat.react')
  const emoji = str(args, 'emoji', 'chat.react', { max: 32 })
  if (/[:~]/.test(emoji)) throw bad('chat.react', 'emoji', `${JSON.stringify(emoji)} must not contain ':' or '~'`)
  const { coll } = liveMessage(e, id, 'chat.react')
  const writes = e.write('chat', (ctx) => e.profile.chat.react(ctx, coll, id, emoji))
  return { writes: records(e, id, writes) }
}

const message = { message: 'message' } as const

export const chatOps = [
  defineOp({
    name: 'chat.send',
    concern: 'chat',
    args: { content: z.string(), attachments: z.array(Attachment).optional(), replyTo: Ref.optional() },
    refs: { replyTo: 'message' },
    creates: 'message',
    label: 'content',
    summary: 'send a message, or a reply in a thread',
    run: send,
  }),
  defineOp({
    name: 'chat.edit',
    concern: 'chat',
    args: { message: Ref, content: z.string() },
    refs: message,
    summary: "edit a message's content (LWW)",
    run: edit,
  }),
  defineOp({
    name: 'chat.delete',
    concern: 'chat',
    args: { message: Ref },
    refs: message,
    summary: 'delete a message (a tombstone until pruned)',
    run: remove,
  }),
  defineOp({
    name: 'chat.react',
    concern: 'chat',
    args: { message: Ref, emoji: z.string().min(1) },
    refs: message,
    summary: 'react to a message with an emoji',
    run: react,
  }),
]

const LIVE = 'chat.live'

/**
 * Live messages across the CRDT and the SQL archive, oldest first (cached per version of the chat
 * and core documents: fencing follows core, and the archive changes only with the chat document).
 */
export function liveMessages(e: OpEntity): MessageView[] {
  const rctx = e.read('chat')
  const key = `${rctx.md.version}/${e.doc('core').version}`
  const hit = rctx.md.ext.get(LIVE) as { key: string; value: MessageView[] } | undefined
  if (hit?.key === key) return hit.value
  const value = allMessages(e)
  rctx.md.ext.set(LIVE, { key, value })
  return value
}

export const chatQueries = [
  defineQuery({
    name: 'chat.list',
    concern: 'chat',
    args: {},
    answer: 'list',
    summary: 'contents of live messages, oldest first, across CRDT and SQL',
    run: (e) => liveMessages(e).map((m) => m.content),
  }),
]
