/** The archive's schema: the spec's tables and the lab's, versioned migrations, WAL, and the row API. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { SqlArchive, type ArchiveContext } from '../../../src/engine/sql/archive.ts'
import { HISTORY_TABLE, LATEST_VERSION, MIGRATIONS } from '../../../src/engine/sql/migrations.ts'
import type { ArchivedItem, ArchiveKind } from '../../../src/engine/sql/kinds.ts'
import { labErrorOf } from '../labErrorOf.ts'

const dirs: string[] = []
const tempFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'crdt-lab-sql-'))
  dirs.push(dir)
  return join(dir, 'archive.sqlite')
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const CONTEXT: ArchiveContext = {
  entity: { id: 'group:x', type: 'group', fourWords: 'x', name: 'X', createdAt: 1, createdBy: 'alice' },
  members: [
    { member: 'alice', role: 'owner', joinedAt: 1 },
    { member: 'bob', role: 'member', joinedAt: 2 },
  ],
}

const item = (
  kind: ArchiveKind,
  id: string,
  createdAt: number,
  fields: Record<string, string | number | boolean> = {},
): ArchivedItem => ({
  kind,
  id,
  entityId: 'group:x',
  docId: 'group:x:chat',
  createdAt,
  deleted: false,
  fields: { id, created_at: createdAt, ...fields },
  movedAt: 100,
  movedHow: 'materialized',
})

const tables = (db: Database.Database): string[] =>
  (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map(
    (r) => r.name,
  )

describe('schema and migrations', () => {
  it('creates the spec tables and the lab tables, in WAL mode with foreign keys, at the latest version', () => {
    const path = tempFile()
    const a = SqlArchive.open(path)
    const db = a.connection
    expect(tables(db)).toEqual([
      'archived_cards',
      'archived_messages',
      'closed_issues',
      'crdt_documents',
      'entities',
      'members',
      'schema_migrations',
    ])
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    expect(
      (db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number }[]).map(
        (r) => r.version,
      ),
    ).toEqual(MIGRATIONS.map((m) => m.version))
    const cols = (
      db.prepare(`SELECT name FROM pragma_table_info('archived_messages')`).all() as { name: string }[]
    ).map((r) => r.name)
    expect(cols.slice(0, 6)).toEqual(['id', 'entity_id', 'author_id', 'content', 'created_at', 'deleted'])
    a.close()
    const again = SqlArchive.open(path)
    expect(again.connection.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({
      n: MIGRATIONS.length,
    })
    again.close()
  })

  it('migrates a version-1 archive (the spec schema) forward, keeping its rows', () => {
    const path = tempFile()
    const old = new Database(path)
    old.exec(HISTORY_TABLE)
    old.exec(MIGRATIONS[0]!.sql)
    const v1 = SqlArchive.open(':memory:')
      .connection.prepare('SELECT sha256 FROM schema_migrations WHERE version = 1')
      .get() as { sha256: string }
    old.prepare('INSERT INTO schema_migrations VALUES (1, ?, ?)').run(MIGRATIONS[0]!.name, v1.sha256)
    old.pragma('user_version = 1')
    old.exec(
      `INSERT INTO entities VALUES ('group:x', 'group', 'x', 'X', 1, 'alice'); ` +
        `INSERT INTO archived_messages VALUES ('m1', 'group:x', 'alice', 'old', 5, 0)`,
    )
    old.close()
    const a = SqlArchive.open(path)
    expect(a.connection.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    expect(a.connection.prepare('SELECT id, content FROM archived_messages').all()).toEqual([
      { id: 'm1', content: 'old' },
    ])
    expect(a.all('message', 'group:x')[0]).toMatchObject({
      id: 'm1',
      docId: 'group:x:chat',
      fields: { content: 'old', author_id: 'alice', deleted: false },
    })
    // the spec's four_words was unique across types: group:x and channel:x could not both be archived
    a.upsert([{ ...item('message', 'm2', 6), entityId: 'channel:x', docId: 'channel:x:chat' }], {
      ...CONTEXT,
      entity: { ...CONTEXT.entity, id: 'channel:x', type: 'channel' },
    })
    expect(a.connection.prepare('SELECT count(*) AS n FROM entities').get()).toEqual({ n: 2 })
    a.close()
  })

  it('refuses an archive from a newer engine, one whose history was rewritten, and a foreign SQLite file', () => {
    const newer = tempFile()
    SqlArchive.open(newer).close()
    const db = new Database(newer)
    db.pragma('user_version = 99')
    db.close()
    expect(labErrorOf(() => SqlArchive.open(newer))).toMatchObject({
      code: 'SQL_CORRUPT',
      path: newer,
      message: expect.stringMatching(/version 99/),
    })

    const rewritten = tempFile()
    SqlArchive.open(rewritten).close()
    const db2 = new Database(rewritten)
    db2.exec(`UPDATE schema_migrations SET sha256 = 'x' WHERE version = 2`)
    db2.close()
    expect(labErrorOf(() => SqlArchive.open(rewritten))).toMatchObject({
      code: 'SQL_CORRUPT',
      message: expect.stringMatching(/migration 2/),
    })

    const foreign = tempFile()
    const db3 = new Database(foreign)
    db3.exec('CREATE TABLE notes (body TEXT)')
    db3.close()
    expect(labErrorOf(() => SqlArchive.open(foreign))).toMatchObject({
      code: 'SQL_CORRUPT',
      message: expect.stringMatching(/not a crdt-lab archive/),
    })
  })
})

describe('archive rows', () => {
  it('upserts items of every kind with their entity and members, idempotently', () => {
    const a = SqlArchive.open(':memory:')
    const rows = [
      item('message', 'm1', 10, { content: 'hi', author_id: 'alice' }),
      item('card', 'c1', 11, { title: 'card', archived: true }),
      item('issue', 'i1', 12, { title: 'bug', closed: true }),
    ]
    expect(a.upsert(rows, CONTEXT)).toBe(3)
    expect(
      a.upsert(
        rows.map((r) => ({ ...r, movedAt: 999, movedHow: 'received' as const })),
        CONTEXT,
      ),
    ).toBe(0)
    expect(a.all('message', 'group:x')).toEqual([rows[0]])
    expect(a.all('card', 'group:x')).toEqual([rows[1]])
    expect(a.all('issue', 'group:x')).toEqual([rows[2]])
    expect(a.connection.prepare('SELECT content, author_id FROM archived_messages').get()).toEqual({
      content: 'hi',
      author_id: 'alice',
    })
    expect(a.connection.prepare('SELECT four_words FROM members ORDER BY four_words').all()).toEqual([
      { four_words: 'alice' },
      { four_words: 'bob' },
    ])
    // a changed version replaces the row's content but keeps when and how it first moved
    expect(a.upsert([{ ...rows[0]!, fields: { ...rows[0]!.fields, content: 'edited' }, movedAt: 999 }], CONTEXT)).toBe(
      1,
    )
    expect(a.all('message', 'group:x')[0]).toMatchObject({ movedAt: 100, fields: { content: 'edited' } })
  })

  it('pages newest first by (created_at, id), skipping deleted rows', () => {
    const a = SqlArchive.open(':memory:')
    const rows = [
      item('message', 'b', 1),
      item('message', 'a', 1),
      item('message', 'c', 2),
      { ...item('message', 'd', 3), deleted: true },
      item('message', 'e', 4),
    ]
    a.upsert(rows, CONTEXT)
    expect(a.page('message', 'group:x', 2).map((r) => r.id)).toEqual(['e', 'c'])
    expect(a.page('message', 'group:x', 10, { createdAt: 2, id: 'c' }).map((r) => r.id)).toEqual(['b', 'a'])
    expect(a.all('message', 'group:x').map((r) => r.id)).toEqual(['a', 'b', 'c', 'e'])
    expect(a.count('message', 'group:x')).toBe(5)
    expect(a.has('message', 'd')).toBe(true)
    expect(a.has('message', 'zz')).toBe(false)
    const plan = a.connection
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM archived_messages WHERE entity_id = ? AND ` +
          `deleted = 0 AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC ` +
          `LIMIT 5`,
      )
      .all('group:x', 9, '') as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/archived_messages_order/)
  })
})
