/**
 * The spec's document schemas written with plain Yjs maps and arrays, exactly as the spec lays
 * them out (`MemberData`, `MessageData`, `CardData`, `IssueData`, each a nested `Y.Map` with its
 * `ack_vector` map). Each record is written in its own transaction under its author's clientID,
 * as if it had arrived from that member's replica; clientIDs are pinned, never random.
 */
import * as Y from 'yjs'
import {
  KANBAN_COLUMNS,
  type CardRecord,
  type IssueRecord,
  type MemberRecord,
  type MessageRecord,
  Workload,
} from '../workloads.ts'

/** A fresh document with a pinned clientID. */
export function newDoc(clientId: number): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = clientId
  return doc
}

/** Runs `fn` in one transaction authored by `clientId` (the member's pinned replica id). */
export function asClient(doc: Y.Doc, clientId: number, fn: () => void): void {
  const own = doc.clientID
  doc.clientID = clientId
  try {
    doc.transact(fn)
  } finally {
    doc.clientID = own
  }
}

/** Pinned clientID of a workload member: its position plus one (0 is not a valid clientID). */
export function clientOf(w: Workload, memberId: string): number {
  const i = w.members.findIndex((m) => m.id === memberId)
  return i < 0 ? 1 : i + 1
}

const map = (entries: Record<string, unknown>): Y.Map<unknown> => new Y.Map(Object.entries(entries))

// ---- core

export function memberData(m: MemberRecord): Y.Map<unknown> {
  return map({
    member_id: m.id,
    role: m.role,
    joined_at: m.joinedAt,
    deleted: false,
    deleted_at: 0,
    deleted_by: '',
    ack_vector: new Y.Map(),
  })
}

/** Writes the metadata map of the core document. */
export function writeMetadata(doc: Y.Doc, w: Workload): void {
  const e = w.entity
  const meta = doc.getMap('metadata')
  for (const [k, v] of Object.entries({
    entity_id: e.id,
    entity_type: e.type,
    name: e.name,
    description: e.description,
    four_words: e.fourWords,
    created_at: e.createdAt,
    created_by: e.owner,
    website_root: '',
  }))
    meta.set(k, v)
}

/** Adds a member: its `MemberData` and its `active_members` flag, in one transaction. */
export function addMember(doc: Y.Doc, m: MemberRecord, clientId: number): void {
  asClient(doc, clientId, () => {
    doc.getMap('members').set(m.id, memberData(m))
    doc.getMap('active_members').set(m.id, true)
  })
}

/** A core document holding the workload's entity and its first `members` members. */
export function coreDoc(w: Workload, members: number, clientId = 1): Y.Doc {
  const doc = newDoc(clientId)
  asClient(doc, 1, () => writeMetadata(doc, w))
  while (w.members.length < members) w.member()
  for (const m of w.members.slice(0, members)) addMember(doc, m, clientOf(w, w.entity.owner))
  return doc
}

// ---- chat

export function messageData(m: MessageRecord): Y.Map<unknown> {
  const reactions = new Y.Map<Y.Array<string>>()
  for (const r of m.reactions) reactions.set(r.emoji, Y.Array.from(r.members))
  const attachments = Y.Array.from(
    m.attachments.map((a) =>
      map({ id: a.id, filename: a.filename, file_path: a.filePath, mime_type: a.mimeType, size_bytes: a.sizeBytes }),
    ),
  )
  return map({
    id: m.id,
    author_id: m.author,
    content: m.content,
    created_at: m.createdAt,
    updated_at: m.createdAt,
    deleted: false,
    deleted_at: 0,
    ack_vector: new Y.Map(),
    reactions,
    attachments,
  })
}

/** Sends a message (a thread reply when it has `replyTo`), authored by its member. */
export function sendMessage(doc: Y.Doc, m: MessageRecord, clientId: number): void {
  asClient(doc, clientId, () => {
    if (m.replyTo === undefined) {
      doc.getMap('messages').set(m.id, messageData(m))
      return
    }
    const threads = doc.getMap<Y.Map<unknown>>('threads')
    let thread = threads.get(m.replyTo)
    if (thread === undefined) {
      thread = map({ parent_id: m.replyTo, replies: new Y.Map(), reply_count: 0, last_reply_at: 0 })
      threads.set(m.replyTo, thread)
    }
    ;(thread.get('replies') as Y.Map<unknown>).set(m.id, messageData(m))
    thread.set('reply_count', (thread.get('reply_count') as number) + 1)
    thread.set('last_reply_at', m.createdAt)
  })
}

/**
 * A chat document of `messages` messages from the workload's members (one in ten a thread reply
 * unless `replies` is false).
 */
export function chatDoc(w: Workload, messages: number, clientId = 1, replies = true): Y.Doc {
  const doc = newDoc(clientId)
  for (let i = 0; i < messages; i++) {
    const m = w.message(replies)
    sendMessage(doc, m, clientOf(w, m.author))
  }
  return doc
}

// ---- kanban

export function cardData(c: CardRecord, columnId: string): Y.Map<unknown> {
  return map({
    id: c.id,
    title: c.title,
    description: c.description,
    column_id: columnId,
    assignee_id: c.assignee,
    priority: c.priority,
    created_at: c.createdAt,
    updated_at: c.createdAt,
    archived: false,
    archived_at: 0,
    ack_vector: new Y.Map(),
  })
}

/** Writes the spec's four columns (`ColumnData` with an empty `card_order`). */
export function writeColumns(doc: Y.Doc): void {
  doc
    .getArray('columns')
    .push(KANBAN_COLUMNS.map((title, order) => map({ id: `col-${order}`, title, order, card_order: new Y.Array() })))
}

/** Adds a card to the cards map and appends its id to its column's `card_order`. */
export function addCard(doc: Y.Doc, c: CardRecord, clientId: number): void {
  asClient(doc, clientId, () => {
    const columns = doc.getArray<Y.Map<unknown>>('columns')
    const index = Math.max(0, KANBAN_COLUMNS.indexOf(c.column as (typeof KANBAN_COLUMNS)[number]))
    const column = columns.get(index)
    doc.getMap('cards').set(c.id, cardData(c, column.get('id') as string))
    ;(column.get('card_order') as Y.Array<string>).push([c.id])
  })
}

/** A kanban document of `cards` cards over the four columns. */
export function kanbanDoc(w: Workload, cards: number, clientId = 1): Y.Doc {
  const doc = newDoc(clientId)
  asClient(doc, 1, () => writeColumns(doc))
  for (let i = 0; i < cards; i++) {
    const c = w.card(KANBAN_COLUMNS)
    addCard(doc, c, clientOf(w, c.assignee))
  }
  return doc
}

// ---- issues

export function issueData(i: IssueRecord): Y.Map<unknown> {
  const comments = Y.Array.from(
    i.comments.map((c) =>
      map({
        id: c.id,
        author_id: c.author,
        content: c.content,
        created_at: c.createdAt,
        updated_at: c.createdAt,
        deleted: false,
        deleted_at: 0,
      }),
    ),
  )
  const t = i.createdAt
  return map({
    id: i.id,
    title: i.title,
    description: i.description,
    status: i.status,
    priority: i.priority,
    assignee_id: i.assignee,
    reporter_id: i.reporter,
    created_at: t,
    updated_at: t,
    status_updated_at: t,
    priority_updated_at: t,
    assignee_updated_at: t,
    closed: false,
    closed_at: 0,
    ack_vector: new Y.Map(),
    comments,
  })
}

export function addIssue(doc: Y.Doc, i: IssueRecord, clientId: number): void {
  asClient(doc, clientId, () => doc.getMap('issues').set(i.id, issueData(i)))
}

/** An issues document of `issues` issues with their inline comments. */
export function issuesDoc(w: Workload, issues: number, clientId = 1): Y.Doc {
  const doc = newDoc(clientId)
  for (let n = 0; n < issues; n++) {
    const i = w.issue()
    addIssue(doc, i, clientOf(w, i.reporter))
  }
  return doc
}

/** The documents of the memory table, by the spec's concern name. */
export const DOC_BUILDERS = { core: coreDoc, chat: chatDoc, kanban: kanbanDoc, issues: issuesDoc } as const
export type DocKind = keyof typeof DOC_BUILDERS

/** The encoded (V1) state of a document. */
export const encoded = (doc: Y.Doc): Uint8Array => Y.encodeStateAsUpdate(doc)
