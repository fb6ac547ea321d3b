/**
 * Versioned schema of a replica's SQL archive. Migration 1 is the spec's "SQL Schema" as written;
 * later ones are the lab's, each with the reason it exists. `PRAGMA user_version` holds the
 * version reached, and `schema_migrations` the history (with a digest of each migration's SQL, so
 * a database migrated by different SQL is reported instead of being trusted).
 *
 * Rules: never edit a migration that has shipped; add one. Each runs in one transaction with
 * foreign keys off (SQLite's table-rebuild procedure needs that) and ends with a foreign key check.
 */

export interface Migration {
  readonly version: number
  readonly name: string
  readonly sql: string
}

/** The spec's schema, verbatim but for SQLite spelling (BOOLEAN is an INTEGER affinity there). */
const SPEC_SCHEMA = `
CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    entity_type TEXT NOT NULL,
    four_words TEXT NOT NULL UNIQUE,
    name TEXT,
    created_at INTEGER,
    created_by TEXT
);
CREATE TABLE crdt_documents (
    doc_id TEXT PRIMARY KEY,
    entity_id TEXT NOT NULL,
    concern TEXT NOT NULL,
    state_blob BLOB NOT NULL,
    last_updated INTEGER,
    FOREIGN KEY (entity_id) REFERENCES entities(id)
);
CREATE TABLE members (
    entity_id TEXT NOT NULL,
    four_words TEXT NOT NULL,
    role TEXT,
    joined_at INTEGER,
    PRIMARY KEY (entity_id, four_words),
    FOREIGN KEY (entity_id) REFERENCES entities(id)
);
CREATE TABLE archived_messages (
    id TEXT PRIMARY KEY,
    entity_id TEXT NOT NULL,
    author_id TEXT,
    content TEXT,
    created_at INTEGER,
    deleted BOOLEAN,
    FOREIGN KEY (entity_id) REFERENCES entities(id)
);
`

/**
 * The spec makes `four_words` unique across entity types, so `group:x` and `channel:x` could not
 * both be archived; SQLite cannot drop a constraint, so the table is rebuilt without it.
 * Archived messages gain what a lossless read needs (thread parent, edit and deletion times, the
 * whole view as JSON), where the row came from, and a CRC-32 of the row (SQLite has no page
 * checksums: a flipped byte inside a row passes its integrity check, so each row carries its own;
 * rows from the spec schema get their JSON from their columns and no CRC). Reads page by
 * (created_at, id).
 */
const LAB_MESSAGES = `
CREATE TABLE entities_v2 (
    id TEXT PRIMARY KEY,
    entity_type TEXT NOT NULL,
    four_words TEXT NOT NULL,
    name TEXT,
    created_at INTEGER,
    created_by TEXT,
    UNIQUE (entity_type, four_words)
);
INSERT INTO entities_v2 SELECT id, entity_type, four_words, name, created_at, created_by FROM entities;
DROP TABLE entities;
ALTER TABLE entities_v2 RENAME TO entities;
ALTER TABLE archived_messages ADD COLUMN doc_id TEXT;
ALTER TABLE archived_messages ADD COLUMN parent_id TEXT;
ALTER TABLE archived_messages ADD COLUMN updated_at INTEGER;
ALTER TABLE archived_messages ADD COLUMN deleted_at INTEGER;
ALTER TABLE archived_messages ADD COLUMN fields TEXT NOT NULL DEFAULT '{}';
ALTER TABLE archived_messages ADD COLUMN moved_at INTEGER;
ALTER TABLE archived_messages ADD COLUMN moved_how TEXT;
ALTER TABLE archived_messages ADD COLUMN crc INTEGER;
UPDATE archived_messages SET doc_id = entity_id || ':chat', fields = json_object(
    'id', id, 'author_id', author_id, 'content', content, 'created_at', created_at,
    'deleted', json(CASE WHEN deleted THEN 'true' ELSE 'false' END));
CREATE INDEX archived_messages_order ON archived_messages (entity_id, created_at, id);
`

/** The tables the spec implies for "archived cards" and "closed issues" (its CardData, IssueData). */
const CARDS_AND_ISSUES = `
CREATE TABLE archived_cards (
    id TEXT PRIMARY KEY,
    entity_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    column_id TEXT,
    title TEXT,
    description TEXT,
    assignee_id TEXT,
    priority TEXT,
    created_at INTEGER,
    updated_at INTEGER,
    archived_at INTEGER,
    deleted BOOLEAN,
    fields TEXT NOT NULL DEFAULT '{}',
    moved_at INTEGER,
    moved_how TEXT,
    crc INTEGER,
    FOREIGN KEY (entity_id) REFERENCES entities(id)
);
CREATE INDEX archived_cards_order ON archived_cards (entity_id, created_at, id);
CREATE TABLE closed_issues (
    id TEXT PRIMARY KEY,
    entity_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    title TEXT,
    description TEXT,
    status TEXT,
    priority TEXT,
    assignee_id TEXT,
    reporter_id TEXT,
    created_at INTEGER,
    updated_at INTEGER,
    closed_at INTEGER,
    deleted BOOLEAN,
    fields TEXT NOT NULL DEFAULT '{}',
    moved_at INTEGER,
    moved_how TEXT,
    crc INTEGER,
    FOREIGN KEY (entity_id) REFERENCES entities(id)
);
CREATE INDEX closed_issues_order ON closed_issues (entity_id, created_at, id);
`

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'spec schema: entities, crdt_documents, members, archived_messages', sql: SPEC_SCHEMA },
  { version: 2, name: 'entity ids unique per type; lossless archived messages', sql: LAB_MESSAGES },
  { version: 3, name: 'archived cards and closed issues', sql: CARDS_AND_ISSUES },
]

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version

/** Bookkeeping table, created before migration 1. */
export const HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL
);
`
