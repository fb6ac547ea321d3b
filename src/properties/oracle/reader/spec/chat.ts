/**
 * The spec's chat schema: top-level messages in `messages`; replies in `threads[parent].replies`;
 * reactions as `reactions[emoji] = Array<member_id>` inside the message.
 */
import * as Y from 'yjs'
import { byCreation, messageOf, type ItemRecord, type MessageRead } from '../views.ts'
import { specRecord } from './records.ts'

/** The collection holding message `id` (top-level or a reply), and its thread's parent. */
export function specLocate(doc: Y.Doc, id: string): { coll: Y.Map<unknown>; parent: string | null } | undefined {
  const messages = doc.getMap<unknown>('messages')
  if (messages.get(id) instanceof Y.Map) return { coll: messages, parent: null }
  for (const [parent, thread] of doc.getMap<unknown>('threads').entries()) {
    const replies = thread instanceof Y.Map ? thread.get('replies') : undefined
    if (replies instanceof Y.Map && replies.get(id) instanceof Y.Map) return { coll: replies, parent }
  }
  return undefined
}

export function specMessageRecord(doc: Y.Doc, id: string): ItemRecord | undefined {
  const at = specLocate(doc, id)
  return at && specRecord(at.coll.get(id) as Y.Map<unknown>, id, 'deleted')
}

/** A message from its record: reactions are its `reactions` map of member lists. */
function specMessageOf(r: ItemRecord, parent: string | null): MessageRead {
  const raw = r.fields.reactions
  const reactions: Record<string, string[]> = {}
  if (raw && typeof raw === 'object' && !Array.isArray(raw))
    for (const [emoji, list] of Object.entries(raw)) if (Array.isArray(list)) reactions[emoji] = list.map(String)
  return messageOf(r, reactions, parent)
}

/** Every message and reply the replica stores (tombstones included), oldest first. */
export function specMessages(doc: Y.Doc): MessageRead[] {
  const out: MessageRead[] = []
  const read = (coll: Y.Map<unknown>, parent: string | null) => {
    for (const [id, m] of coll.entries())
      if (m instanceof Y.Map) out.push(specMessageOf(specRecord(m, id, 'deleted'), parent))
  }
  read(doc.getMap<unknown>('messages'), null)
  for (const [parent, thread] of doc.getMap<unknown>('threads').entries()) {
    const replies = thread instanceof Y.Map ? thread.get('replies') : undefined
    if (replies instanceof Y.Map) read(replies, parent)
  }
  return out.sort(byCreation)
}
