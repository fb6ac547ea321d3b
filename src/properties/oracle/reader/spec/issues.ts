/** The spec's issues schema: an issue is a record of `issues` with a `comments` Array of comment maps. */
import * as Y from 'yjs'
import { commentOf, issueOf, type CommentRead, type IssueRead, type ItemRecord } from '../views.ts'
import { specRecord, specRecords } from './records.ts'

function commentsOf(r: ItemRecord): CommentRead[] {
  const raw = r.fields.comments
  if (!Array.isArray(raw)) return []
  return raw.flatMap((c) =>
    c !== null && typeof c === 'object' && !Array.isArray(c) ? [commentOf(String(c.id ?? ''), c)] : [],
  )
}

export function specIssueRecord(doc: Y.Doc, id: string): ItemRecord | undefined {
  const m = doc.getMap<unknown>('issues').get(id)
  return m instanceof Y.Map ? specRecord(m, id, 'closed') : undefined
}

/** Every issue held (closed ones included), by id. */
export const specIssues = (doc: Y.Doc): IssueRead[] =>
  specRecords(doc.getMap<unknown>('issues'), 'closed').map((r) => issueOf(r, commentsOf(r)))
