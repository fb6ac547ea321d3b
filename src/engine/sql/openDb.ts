/**
 * Opening a replica's SQLite archive: WAL journal, full sync, foreign keys, an integrity check
 * and the migrations, with every failure turned into a typed error that names the file. A corrupt
 * or foreign file must never open as an empty archive: the replica would then read "no archived
 * messages" where there were thousands.
 */
import { createHash } from 'node:crypto'
import Database from 'better-sqlite3'
import { LabError } from '../base/errors.ts'
import { HISTORY_TABLE, LATEST_VERSION, MIGRATIONS } from './migrations.ts'

export type Db = Database.Database

/** SQLite result codes that mean the bytes are not a sound database (as opposed to an I/O failure). */
const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_FORMAT'])

export const MEMORY = ':memory:'

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex')

/** Opens (creating if absent) and migrates the archive at `path` (`:memory:` for none on disk). */
export function openDb(path: string): Db {
  let db: Db | undefined
  try {
    db = new Database(path)
    configure(db, path)
    checkIntegrity(db, path)
    migrate(db, path)
    return db
  } catch (e) {
    db?.close()
    throw classify(e, path)
  }
}

function configure(db: Db, path: string): void {
  if (path !== MEMORY) {
    const mode = db.pragma('journal_mode = WAL', { simple: true })
    if (mode !== 'wal')
      throw new LabError('STORE_IO', `SQL archive could not switch to WAL (journal mode is ${String(mode)})`, { path })
  }
  // FULL: a committed archive row survives a power cut, as the store's fsynced appends do.
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
}

function checkIntegrity(db: Db, path: string): void {
  const result = db.pragma('quick_check', { simple: true })
  if (result !== 'ok')
    throw new LabError(
      'SQL_CORRUPT',
      `SQL archive failed its integrity check: ${String(result)}; restore the file from a backup or remove it ` +
        `(archived items are then lost on this replica)`,
      { path },
    )
  const version = Number(db.pragma('user_version', { simple: true }))
  if (version > LATEST_VERSION) {
    throw new LabError(
      'SQL_CORRUPT',
      `SQL archive has schema version ${version}, newer than this engine's ${LATEST_VERSION}; open it with a newer ` +
        `crdt-lab`,
      { path },
    )
  }
  if (version === 0) {
    const tables = db
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> 'schema_migrations'`)
      .all() as { name: string }[]
    if (tables.length > 0) {
      throw new LabError(
        'SQL_CORRUPT',
        `file is an SQLite database but not a crdt-lab archive (it has tables ` +
          `${tables.map((t) => t.name).join(', ')} and no schema version)`,
        { path },
      )
    }
  }
}

/** Applies every migration past `user_version`; verifies the digests of those already applied. */
function migrate(db: Db, path: string): void {
  db.exec(HISTORY_TABLE)
  const applied = new Map(
    (db.prepare('SELECT version, sha256 FROM schema_migrations').all() as { version: number; sha256: string }[]).map(
      (r) => [r.version, r.sha256],
    ),
  )
  const current = Number(db.pragma('user_version', { simple: true }))
  for (const m of MIGRATIONS) {
    if (m.version <= current) {
      if (applied.get(m.version) !== sha256(m.sql)) {
        throw new LabError(
          'SQL_CORRUPT',
          `SQL archive records migration ${m.version} (${m.name}) with other SQL than this engine's; the schema ` +
            `cannot be trusted`,
          { path },
        )
      }
      continue
    }
    runMigration(db, m.version, m.name, m.sql, path)
  }
}

function runMigration(db: Db, version: number, name: string, sql: string, path: string): void {
  db.pragma('foreign_keys = OFF')
  try {
    db.transaction(() => {
      db.exec(sql)
      const broken = db.pragma('foreign_key_check') as unknown[]
      if (broken.length > 0)
        throw new LabError(
          'SQL_CORRUPT',
          `migration ${version} (${name}) left ${broken.length} rows with broken foreign keys`,
          { path },
        )
      db.prepare('INSERT INTO schema_migrations (version, name, sha256) VALUES (?, ?, ?)').run(
        version,
        name,
        sha256(sql),
      )
      db.pragma(`user_version = ${version}`)
    })()
  } finally {
    db.pragma('foreign_keys = ON')
  }
}

/** Typed error for whatever opening threw. */
function classify(e: unknown, path: string): LabError {
  if (e instanceof LabError) return e
  const code = (e as { code?: unknown }).code
  const message = (e as Error).message
  if (typeof code === 'string' && CORRUPT_CODES.has(code)) {
    return new LabError(
      'SQL_CORRUPT',
      `SQL archive is corrupt or not an SQLite database (${code}: ${message}); restore it from a backup or remove ` +
        `it (archived items are then lost on this replica)`,
      { path, cause: e },
    )
  }
  return new LabError(
    'STORE_IO',
    `cannot open the SQL archive (${typeof code === 'string' ? code : 'error'}: ${message})`,
    { path, cause: e },
  )
}
