/**
 * The reference chat layout (src/engine/concerns/chat/refChat.ts documents it): every message and
 * reply is a record of the one `messages` collection, a reply naming its thread's first message in
 * `parent_id`; a reaction is the LWW flag field `reaction:<emoji>:<member>`.
 */
import type * as Y from 'yjs'
import { byCreation, messageOf, type CoreRead, type ItemRecord, type MessageRead } from '../views.ts'
import { readRecord, readRecords } from './records.ts'

const REACTION = 'reaction:'

export const messagesOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>('messages')

/** A message record (tombstones included) by id, or undefined. */
export const refMessageRecord = (doc: Y.Doc, core: CoreRead, id: string): ItemRecord | undefined =>
  readRecord(doc, 'chat', core, messagesOf(doc), id, 'deleted')

/** A message from its record: reactions are its `reaction:<emoji>:<member>` flags. */
export function refMessageOf(r: ItemRecord): MessageRead {
  const reactions: Record<string, string[]> = {}
  for (const [field, value] of Object.entries(r.fields)) {
    if (!field.startsWith(REACTION) || value !== true) continue
    const rest = field.slice(REACTION.length)
    const cut = rest.lastIndexOf(':')
    ;(reactions[rest.slice(0, cut)] ??= []).push(rest.slice(cut + 1))
  }
  for (const list of Object.values(reactions)) list.sort()
  return messageOf(r, reactions, typeof r.fields.parent_id === 'string' ? r.fields.parent_id : null)
}

/** Every message and reply the replica stores (tombstones included), oldest first. */
export const refMessages = (doc: Y.Doc, core: CoreRead): MessageRead[] =>
  readRecords(doc, 'chat', core, messagesOf(doc), 'deleted').map(refMessageOf).sort(byCreation)
