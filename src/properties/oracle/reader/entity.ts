/**
 * One entity on one replica, read by the profile's documented layout: the reader every check uses.
 * It is handed the replica's Y.Docs (by concern, undefined when the replica holds none) and never
 * calls the engine. Reads are computed once per reader; make a new reader after the documents change.
 */
import type * as Y from 'yjs'
import type { ProfileName } from '../../../engine/base/enums.ts'
import { readFiles } from './disks.ts'
import { commentsOf, refIssueRecord, refIssues } from './reference/issues.ts'
import { readCore } from './reference/core.ts'
import { refMessageRecord, refMessages } from './reference/chat.ts'
import { refBoard, refCardRecord, refColumnRecord } from './reference/kanban.ts'
import { refElementRecord, refElements } from './reference/canvas.ts'
import { readSpecCore } from './spec/records.ts'
import { specLocate, specMessageRecord, specMessages } from './spec/chat.ts'
import { specBoard, specCardRecord, specColumnRecord } from './spec/kanban.ts'
import { specIssueRecord, specIssues } from './spec/issues.ts'
import { specElementRecord, specElements } from './spec/canvas.ts'
import type { BoardRead, CoreRead, ElementRead, FileRead, IssueRead, ItemRecord, Json, MessageRead } from './views.ts'

/** The documents of one entity on one replica, by concern (`core`, `chat`, ..., `disk-shared`). */
export type DocsOf = (concern: string) => Y.Doc | undefined

const EMPTY_CORE: CoreRead = { active: [], roleOf: () => undefined, effective: () => false, removed: () => [] }

export interface EntityReader {
  readonly profile: ProfileName
  core(): CoreRead
  /** Messages and replies held (tombstones included), oldest first. */
  messages(): readonly MessageRead[]
  board(): BoardRead
  issues(): readonly IssueRead[]
  elements(): readonly ElementRead[]
  files(disk: string): readonly FileRead[]
  /**
   * The record of an item of `concern` (a message, card or column, issue or element; for issues a
   * comment too, its fields by their own names), tombstones included; undefined when not held.
   */
  record(concern: string, item: string): ItemRecord | undefined
  /** Whether the replica shows the item live (not a tombstone; a comment: live, in an open issue). */
  live(concern: string, item: string): boolean
}

/** The reader of one entity's documents under `profile`. */
export function entityReader(profile: ProfileName, docs: DocsOf): EntityReader {
  const memo = new Map<string, unknown>()
  const once = <T>(key: string, f: () => T): T => {
    if (!memo.has(key)) memo.set(key, f())
    return memo.get(key) as T
  }
  const ref = profile === 'reference'
  const core = (): CoreRead =>
    once('core', () => {
      const d = docs('core')
      return d ? (ref ? readCore(d) : readSpecCore(d)) : EMPTY_CORE
    })
  const on = <T>(concern: string, empty: T, f: (d: Y.Doc) => T): T =>
    once(concern, () => {
      const d = docs(concern)
      return d ? f(d) : empty
    })
  const reader: EntityReader = {
    profile,
    core,
    messages: () => on('chat', [], (d) => (ref ? refMessages(d, core()) : specMessages(d))),
    board: () => on('kanban', { columns: [], cards: [] }, (d) => (ref ? refBoard(d, core()) : specBoard(d))),
    issues: () => on('issues', [], (d) => (ref ? refIssues(d, core()) : specIssues(d))),
    elements: () => on('canvas', [], (d) => (ref ? refElements(d, core()) : specElements(d))),
    files: (disk) => on(`disk-${disk}`, [], readFiles),
    record(concern, item) {
      const d = docs(concern)
      if (!d) return undefined
      if (concern === 'chat') return ref ? refMessageRecord(d, core(), item) : specMessageRecord(d, item)
      if (concern === 'kanban')
        return ref
          ? (refCardRecord(d, core(), item) ?? refColumnRecord(d, core(), item))
          : (specCardRecord(d, item) ?? specColumnRecord(d, item))
      if (concern === 'canvas') return ref ? refElementRecord(d, core(), item) : specElementRecord(d, item)
      if (concern !== 'issues') return undefined
      const issue = ref ? refIssueRecord(d, core(), item) : specIssueRecord(d, item)
      return issue ?? commentRecord(reader, item)
    },
    live(concern, item) {
      if (concern !== 'issues') {
        const r = reader.record(concern, item)
        return r !== undefined && !r.deleted
      }
      return reader
        .issues()
        .some((i) => !i.closed && (i.id === item || i.comments.some((c) => c.id === item && !c.deleted)))
    },
  }
  return reader
}

/** A comment as a record of its own (its fields by their names), found in the issue that holds it. */
function commentRecord(r: EntityReader, id: string): ItemRecord | undefined {
  for (const issue of r.issues()) {
    const c = issue.comments.find((x) => x.id === id)
    if (!c) continue
    const prefix = `comment:${id}:`
    const fields: Record<string, Json> = {}
    const stamps: Record<string, number> = {}
    const writers: Record<string, string> = {}
    if (r.profile === 'reference') {
      for (const [k, v] of Object.entries(issue.record.fields))
        if (k.startsWith(prefix)) {
          const f = k.slice(prefix.length)
          fields[f] = v
          stamps[f] = issue.record.stamps[k] ?? 0
          writers[f] = issue.record.writers[k] ?? ''
        }
      // The reference writes a comment's deletion fields only when it is deleted; unwritten, they read as the
      // spec's comment object holds them from its creation (and as every view shows them): not deleted, at 0.
      fields.deleted ??= false
      fields.deleted_at ??= 0
    } else {
      const raw = (issue.record.fields.comments as Json[]).find(
        (x) => x !== null && typeof x === 'object' && !Array.isArray(x) && x.id === id,
      ) as Record<string, Json>
      for (const [f, v] of Object.entries(raw)) {
        fields[f] = v
        stamps[f] = typeof raw.updated_at === 'number' ? raw.updated_at : 0
        writers[f] = ''
      }
    }
    return { id, fields, stamps, writers, deleted: c.deleted, deletions: [] }
  }
  return undefined
}

export { commentsOf, specLocate }
