/**
 * What the archive holds: items of three kinds (chat messages, kanban cards, issues), one table
 * each. Every row keeps the item's whole view as JSON in `fields` (so a read from SQL shows what
 * the CRDT showed) plus the spec's typed columns for queries.
 */
import { crc32 } from 'node:zlib'
import type { DocId, EntityId } from '../base/ids.ts'
import type { Json } from '../ports/records.ts'

export const ARCHIVE_KINDS = ['message', 'card', 'issue'] as const
export type ArchiveKind = (typeof ARCHIVE_KINDS)[number]

/**
 * How an item reached this replica's archive: `materialized` (this replica moved it), `received`
 * (archived from its own copy before applying a peer's removal), `transferred` (a member's archive
 * handed the row over: a late joiner's history, or a row this archive had lost).
 */
export type MovedHow = 'materialized' | 'received' | 'transferred'
const MOVED_HOWS: readonly MovedHow[] = ['materialized', 'received', 'transferred']

/** One archived item. */
export interface ArchivedItem {
  readonly kind: ArchiveKind
  readonly id: string
  readonly entityId: EntityId
  readonly docId: DocId
  /** Creation time in the profile's unit (seconds in `spec`, ms in `reference`). */
  readonly createdAt: number
  readonly deleted: boolean
  /** The item as the CRDT showed it (a MessageView for messages, the record's fields otherwise). */
  readonly fields: Readonly<Record<string, Json>>
  /** The archiving replica's clock (ms) when the row was first written. */
  readonly movedAt: number
  readonly movedHow: MovedHow
}

type SqlValue = string | number | null

const text = (v: Json | undefined): string | null =>
  v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v)
const int = (v: Json | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : null)

/** A typed column filled from a field of the item's view. */
interface FieldColumn {
  readonly column: string
  readonly field: string
  readonly type: 'text' | 'int'
}

export interface KindTable {
  readonly table: string
  readonly columns: readonly FieldColumn[]
}

const col = (column: string, type: 'text' | 'int' = 'text', field = column): FieldColumn => ({ column, field, type })

export const KIND_TABLES: Readonly<Record<ArchiveKind, KindTable>> = {
  message: {
    table: 'archived_messages',
    columns: [col('author_id'), col('content'), col('parent_id'), col('updated_at', 'int'), col('deleted_at', 'int')],
  },
  card: {
    table: 'archived_cards',
    columns: [
      col('column_id'),
      col('title'),
      col('description'),
      col('assignee_id'),
      col('priority'),
      col('updated_at', 'int'),
      col('archived_at', 'int'),
    ],
  },
  issue: {
    table: 'closed_issues',
    columns: [
      col('title'),
      col('description'),
      col('status'),
      col('priority'),
      col('assignee_id'),
      col('reporter_id'),
      col('updated_at', 'int'),
      col('closed_at', 'int'),
    ],
  },
}

/** Columns every kind's table has, in insert order. */
export const COMMON_COLUMNS = [
  'id',
  'entity_id',
  'doc_id',
  'created_at',
  'deleted',
  'fields',
  'moved_at',
  'moved_how',
  'crc',
] as const

/** CRC-32 of what a read returns of a row (its id, time, flag and JSON). */
export const rowCrc = (id: string, createdAt: number, deleted: boolean, fields: string): number =>
  crc32(`${id}\u0000${createdAt}\u0000${deleted ? 1 : 0}\u0000${fields}`) >>> 0

/** Named parameters for an upsert of `item` into its kind's table. */
export function rowOf(item: ArchivedItem): Record<string, SqlValue> {
  const fields = JSON.stringify(item.fields)
  const row: Record<string, SqlValue> = {
    id: item.id,
    entity_id: item.entityId,
    doc_id: item.docId,
    created_at: item.createdAt,
    deleted: item.deleted ? 1 : 0,
    fields,
    moved_at: item.movedAt,
    moved_how: item.movedHow,
    crc: rowCrc(item.id, item.createdAt, item.deleted, fields),
  }
  for (const c of KIND_TABLES[item.kind].columns)
    row[c.column] = c.type === 'int' ? int(item.fields[c.field]) : text(item.fields[c.field])
  return row
}

/** A row as read back (the common columns). */
export interface StoredRow {
  readonly id: string
  readonly entity_id: string
  readonly doc_id: string
  readonly created_at: number
  readonly deleted: number
  readonly fields: string
  readonly moved_at: number
  readonly moved_how: string
  /** Null for rows written by the spec schema (before the lab's migration 2). */
  readonly crc: number | null
}

/**
 * The item a row holds. Throws (a plain Error; the archive names its file) when the row's CRC
 * does not match or its JSON does not parse: damage must not read as different content.
 */
export function itemOf(kind: ArchiveKind, r: StoredRow): ArchivedItem {
  if (r.crc !== null && rowCrc(r.id, r.created_at, r.deleted !== 0, r.fields) !== r.crc)
    throw new Error(`row ${JSON.stringify(r.id)} of ${KIND_TABLES[kind].table} fails its CRC-32`)
  return {
    kind,
    id: r.id,
    entityId: r.entity_id as EntityId,
    docId: r.doc_id as DocId,
    createdAt: r.created_at,
    deleted: r.deleted !== 0,
    fields: JSON.parse(r.fields) as Record<string, Json>,
    movedAt: r.moved_at,
    movedHow: MOVED_HOWS.find((h) => h === r.moved_how) ?? 'materialized',
  }
}
