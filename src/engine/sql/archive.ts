/**
 * A replica's SQL archive: where items the fallback moves out of the CRDT live, and what the
 * unified reads page through. Synchronous (better-sqlite3), prepared statements only, every write
 * one transaction. Rows are keyed by item id and written as upserts that keep the first
 * `moved_at`/`moved_how`, so archiving an item twice (a retried materialization, a removal
 * delivered twice) changes nothing.
 */
import { createHash } from 'node:crypto'
import type { Statement } from 'better-sqlite3'
import { LabError } from '../base/errors.ts'
import type { EntityId } from '../base/ids.ts'
import {
  COMMON_COLUMNS,
  itemOf,
  KIND_TABLES,
  rowOf,
  type ArchiveKind,
  type ArchivedItem,
  type StoredRow,
} from './kinds.ts'
import { openDb, type Db } from './openDb.ts'

/** The entity and members rows written beside archived items (the spec's `entities` and `members`). */
export interface ArchiveContext {
  readonly entity: {
    readonly id: EntityId
    readonly type: string
    readonly fourWords: string
    readonly name: string | null
    readonly createdAt: number | null
    readonly createdBy: string | null
  }
  readonly members: readonly { readonly member: string; readonly role: string; readonly joinedAt: number }[]
}

/** A position in chronological order: items strictly before it are older. */
export interface Cursor {
  readonly createdAt: number
  readonly id: string
}

/** What an archive holds of one entity and kind, in a few bytes: anti-entropy compares these. */
export interface ArchiveDigest {
  /** Rows (deleted ones included). */
  readonly count: number
  /** SHA-256 of the sorted ids, first 16 bytes. */
  readonly hash: Uint8Array
}

interface KindStatements {
  readonly upsert: Statement
  readonly insertNew: Statement
  readonly ids: Statement
  readonly remove: Statement
  readonly page: Statement
  readonly all: Statement
  readonly has: Statement
  readonly get: Statement
  readonly count: Statement
}

const END: Cursor = { createdAt: Number.MAX_SAFE_INTEGER, id: '' }
const START: Cursor = { createdAt: Number.MIN_SAFE_INTEGER, id: '' }

export class SqlArchive {
  private readonly kinds = new Map<ArchiveKind, KindStatements>()
  /** `all` per kind and entity, until the next write that changes a row (reads of a whole chat repeat). */
  private readonly allCache = new Map<string, readonly ArchivedItem[]>()
  /** `digest` per kind and entity, until the next write that adds or changes a row. */
  private readonly digestCache = new Map<string, ArchiveDigest>()
  private readonly entityUpsert: Statement
  private readonly memberUpsert: Statement

  private constructor(
    readonly path: string,
    private readonly db: Db,
  ) {
    this.entityUpsert = db.prepare(
      `INSERT INTO entities (id, entity_type, four_words, name, created_at, created_by) ` +
        `VALUES (@id, @type, @fourWords, @name, @createdAt, @createdBy)
       ON CONFLICT (id) DO NOTHING`,
    )
    this.memberUpsert = db.prepare(
      `INSERT INTO members (entity_id, four_words, role, joined_at) VALUES (@entity, @member, @role, @joinedAt)
       ON CONFLICT (entity_id, four_words) DO UPDATE SET role = excluded.role, joined_at = excluded.joined_at`,
    )
  }

  /** Opens the archive at `path` (`:memory:` for an in-memory one). Throws SQL_CORRUPT / STORE_IO naming the file. */
  static open(path: string): SqlArchive {
    return new SqlArchive(path, openDb(path))
  }

  /** Writes `items` (and their entity and members rows) in one transaction. Returns rows inserted or changed. */
  upsert(items: readonly ArchivedItem[], context: ArchiveContext): number {
    if (items.length === 0) return 0
    return this.db.transaction(() => {
      this.context(context)
      let changed = 0
      for (const item of items) changed += this.statements(item.kind).upsert.run(rowOf(item)).changes
      if (changed > 0) this.changed()
      return changed
    })()
  }

  /**
   * Writes the items whose ids it does not hold yet, in one transaction, and leaves every row it
   * holds as it is (rows handed over by peers: a union keyed by id). Returns the rows inserted.
   */
  insertMissing(items: readonly ArchivedItem[], context: ArchiveContext): number {
    if (items.length === 0) return 0
    return this.db.transaction(() => {
      this.context(context)
      let inserted = 0
      for (const item of items) inserted += this.statements(item.kind).insertNew.run(rowOf(item)).changes
      if (inserted > 0) this.changed()
      return inserted
    })()
  }

  /**
   * Deletes rows of the entity, in one transaction. Only for rows of items that never left the
   * CRDT (a move interrupted between its archive write and its removal): an archived item's row
   * is never deleted. Returns the rows deleted.
   */
  removeUnmoved(kind: ArchiveKind, entityId: EntityId, ids: readonly string[]): number {
    if (ids.length === 0) return 0
    return this.db.transaction(() => {
      let n = 0
      for (const id of ids) n += this.statements(kind).remove.run(entityId, id).changes
      if (n > 0) this.changed()
      return n
    })()
  }

  /** Ids of the entity's rows (deleted ones included), sorted. */
  ids(kind: ArchiveKind, entityId: EntityId): string[] {
    return (this.statements(kind).ids.all(entityId) as { id: string }[]).map((r) => r.id)
  }

  /** Count and hash of the entity's ids (cached until the next write). */
  digest(kind: ArchiveKind, entityId: EntityId): ArchiveDigest {
    const key = `${kind} ${entityId}`
    let d = this.digestCache.get(key)
    if (!d) {
      const ids = this.ids(kind, entityId)
      d = { count: ids.length, hash: createHash('sha256').update(ids.join('\u0000')).digest().subarray(0, 16) }
      this.digestCache.set(key, d)
    }
    return d
  }

  /** Up to `limit` live items strictly between `after` and `before`, newest first. */
  page(
    kind: ArchiveKind,
    entityId: EntityId,
    limit: number,
    before: Cursor = END,
    after: Cursor = START,
  ): ArchivedItem[] {
    const rows = this.statements(kind).page.all(
      entityId,
      before.createdAt,
      before.id,
      after.createdAt,
      after.id,
      limit,
    ) as StoredRow[]
    return this.items(kind, rows)
  }

  /** Every live item of the entity, oldest first (do not modify the list). */
  all(kind: ArchiveKind, entityId: EntityId): readonly ArchivedItem[] {
    const key = `${kind} ${entityId}`
    let items = this.allCache.get(key)
    if (!items) {
      items = this.items(kind, this.statements(kind).all.all(entityId) as StoredRow[])
      this.allCache.set(key, items)
    }
    return items
  }

  has(kind: ArchiveKind, id: string): boolean {
    return this.statements(kind).has.get(id) !== undefined
  }

  /** One item of the entity by id (deleted ones included), if archived here. */
  get(kind: ArchiveKind, entityId: EntityId, id: string): ArchivedItem | undefined {
    const row = this.statements(kind).get.get(entityId, id) as StoredRow | undefined
    return row && this.items(kind, [row])[0]
  }

  /** Rows of the entity, deleted ones included. */
  count(kind: ArchiveKind, entityId: EntityId): number {
    return (this.statements(kind).count.get(entityId) as { n: number }).n
  }

  /** The underlying connection (tests and benchmarks inspect it; engine code goes through the methods). */
  get connection(): Db {
    return this.db
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  /** The entity and members rows (inside a write's transaction). */
  private context(context: ArchiveContext): void {
    const e = context.entity
    this.entityUpsert.run({
      id: e.id,
      type: e.type,
      fourWords: e.fourWords,
      name: e.name,
      createdAt: e.createdAt,
      createdBy: e.createdBy,
    })
    for (const m of context.members)
      this.memberUpsert.run({ entity: e.id, member: m.member, role: m.role, joinedAt: m.joinedAt })
  }

  private changed(): void {
    this.allCache.clear()
    this.digestCache.clear()
  }

  /** Rows as items; a damaged row is SQL_CORRUPT naming the file and the row. */
  private items(kind: ArchiveKind, rows: readonly StoredRow[]): ArchivedItem[] {
    try {
      return rows.map((r) => itemOf(kind, r))
    } catch (e) {
      throw new LabError(
        'SQL_CORRUPT',
        `SQL archive is damaged: ${(e as Error).message}; restore the file from a backup`,
        { path: this.path, cause: e },
      )
    }
  }

  private statements(kind: ArchiveKind): KindStatements {
    const hit = this.kinds.get(kind)
    if (hit) return hit
    const { table, columns } = KIND_TABLES[kind]
    const names = [...COMMON_COLUMNS, ...columns.map((c) => c.column)]
    const content = names.filter((n) => n !== 'id' && n !== 'moved_at' && n !== 'moved_how')
    const select = `SELECT ${COMMON_COLUMNS.join(', ')} FROM ${table}`
    const s: KindStatements = {
      // Only a row whose content differs is rewritten; the first move's time and way are kept.
      upsert: this.db.prepare(
        `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})
         ON CONFLICT (id) DO UPDATE SET ${content.map((n) => `${n} = excluded.${n}`).join(', ')}
         WHERE ${table}.fields IS NOT excluded.fields OR ${table}.deleted IS NOT excluded.deleted`,
      ),
      insertNew: this.db.prepare(
        `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')}) ON CONFLICT ` +
          `(id) DO NOTHING`,
      ),
      ids: this.db.prepare(`SELECT id FROM ${table} WHERE entity_id = ? ORDER BY id`),
      remove: this.db.prepare(`DELETE FROM ${table} WHERE entity_id = ? AND id = ?`),
      page: this.db.prepare(
        `${select} WHERE entity_id = ? AND deleted = 0 AND (created_at, id) < (?, ?) AND (created_at, id) > (?, ?) ` +
          `ORDER BY created_at DESC, id DESC LIMIT ?`,
      ),
      all: this.db.prepare(`${select} WHERE entity_id = ? AND deleted = 0 ORDER BY created_at, id`),
      has: this.db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`),
      get: this.db.prepare(`${select} WHERE entity_id = ? AND id = ?`),
      count: this.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE entity_id = ?`),
    }
    this.kinds.set(kind, s)
    return s
  }
}
