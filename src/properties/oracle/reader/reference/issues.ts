/**
 * The reference issues layout (src/engine/concerns/issues/refIssues.ts documents it): an issue is a
 * record of `issues`; its comments are fields of that record, `comment:<id>:<field>`, and a comment
 * exists once its `id` field shows.
 */
import type * as Y from 'yjs'
import { commentOf, issueOf, type CommentRead, type CoreRead, type IssueRead, type ItemRecord } from '../views.ts'
import { readRecord, readRecords } from './records.ts'

const PREFIX = 'comment:'

export function commentsOf(r: ItemRecord): CommentRead[] {
  const byId = new Map<string, Record<string, unknown>>()
  for (const [key, value] of Object.entries(r.fields)) {
    if (!key.startsWith(PREFIX)) continue
    const cut = key.lastIndexOf(':')
    const id = key.slice(PREFIX.length, cut)
    byId.set(id, { ...(byId.get(id) ?? {}), [key.slice(cut + 1)]: value })
  }
  return [...byId].filter(([, f]) => f.id !== undefined).map(([id, f]) => commentOf(id, f))
}

export const refIssueRecord = (doc: Y.Doc, core: CoreRead, id: string): ItemRecord | undefined =>
  readRecord(doc, 'issues', core, doc.getMap<unknown>('issues'), id, 'closed')

/** Every issue held (closed ones included), by id. */
export const refIssues = (doc: Y.Doc, core: CoreRead): IssueRead[] =>
  readRecords(doc, 'issues', core, doc.getMap<unknown>('issues'), 'closed').map((r) => issueOf(r, commentsOf(r)))
