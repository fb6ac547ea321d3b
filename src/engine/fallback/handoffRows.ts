/**
 * Archive rows as they travel in the handoff (handoff.ts): an archived item on the wire, and the
 * checks a received row must pass before it may enter this replica's archive. A received batch is
 * remote input like any update: one bad row rejects the whole batch, and nothing of it is written.
 */
import type { ManagedDoc } from '../docs/documentManager.ts'
import { LabError } from '../base/errors.ts'
import type { MemberId } from '../base/ids.ts'
import type { Json } from '../ports/records.ts'
import type { FallbackAccess } from './fallbackProfile.ts'
import { rowCrc, type ArchivedItem } from '../sql/kinds.ts'
import type { WireRow } from '../sync/archiveMessages.ts'
import type { FallbackConcern } from './concerns.ts'

/** Rows per archiveRows message (about 50 KB of chat rows). */
export const ROWS_PER_MESSAGE = 64

/** Item ids the engine makes (`msg…`, `card…`, `iss…`), with room for other layouts. */
const ITEM_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/

/** An archived item as it is sent: its read fields as the JSON text its CRC-32 covers. */
export function wireRowOf(item: ArchivedItem): WireRow {
  const fields = JSON.stringify(item.fields)
  return {
    id: item.id,
    createdAt: item.createdAt,
    deleted: item.deleted,
    fields,
    crc: rowCrc(item.id, item.createdAt, item.deleted, fields),
  }
}

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Received rows as archive items of `md`'s entity and concern, moved here now by transfer. The
 * first bad row (malformed id, an id twice, a time that is not a whole number, a CRC-32 that does
 * not match, fields that are not a JSON object or name another id or time) is LabError
 * CORRUPT_MESSAGE naming the row, and no item is returned.
 */
export function receivedItems(
  e: FallbackAccess,
  md: ManagedDoc,
  concern: FallbackConcern,
  rows: readonly WireRow[],
  from: MemberId,
): ArchivedItem[] {
  if (rows.length > ROWS_PER_MESSAGE)
    throw new LabError(
      'CORRUPT_MESSAGE',
      `archive rows from ${from} for ${md.id}: ${rows.length} rows in one message, at most ${ROWS_PER_MESSAGE}`,
      { path: md.id },
    )
  const seen = new Set<string>()
  return rows.map((r, i) => {
    const bad = (why: string): LabError =>
      new LabError(
        'CORRUPT_MESSAGE',
        `archive row ${i} (${JSON.stringify(r.id.slice(0, 80))}) from ${from} for ${md.id} ${why}; the batch was ` +
          `rejected`,
        { path: `${md.id}/archiveRows[${i}]` },
      )
    if (!ITEM_ID.test(r.id)) throw bad('has a malformed id')
    if (seen.has(r.id)) throw bad('repeats an id of its batch')
    seen.add(r.id)
    if (!Number.isSafeInteger(r.createdAt)) throw bad(`has a creation time that is not a whole number (${r.createdAt})`)
    if (rowCrc(r.id, r.createdAt, r.deleted, r.fields) !== r.crc) throw bad('fails its CRC-32')
    const fields = parseFields(r.fields)
    if (!fields) throw bad('has fields that are not a JSON object')
    if ('id' in fields && fields.id !== r.id) throw bad(`names another id in its fields (${JSON.stringify(fields.id)})`)
    if (typeof fields.created_at === 'number' && fields.created_at !== r.createdAt)
      throw bad(`names another creation time in its fields (${fields.created_at})`)
    return {
      kind: concern.kind,
      id: r.id,
      entityId: e.entityId,
      docId: md.id,
      createdAt: r.createdAt,
      deleted: r.deleted,
      fields,
      movedAt: e.now(),
      movedHow: 'transferred',
    }
  })
}

function parseFields(text: string): Record<string, Json> | undefined {
  try {
    const v: unknown = JSON.parse(text)
    return isObject(v) ? v : undefined
  } catch {
    return undefined
  }
}
