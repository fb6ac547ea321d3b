/**
 * The archive handoff's wire bodies (sync message types 4-6, see messages.ts). Rows of the SQL
 * archive are per replica and not in any Y.Doc, so members exchange them beside the documents:
 *
 * ```
 *   S ──archiveDigest(count, hash of ids)──▶ R      every anti-entropy round, member to member,
 *                                                   for each concern document S has rows of
 *   S ◀──archiveHave(ids R holds)────────── R       only when the digests differ
 *   S ──archiveRows(rows R lacks) × batches─▶ R     each row with its CRC-32
 * ```
 * The document a message belongs to (its frame's doc id) names the entity and the concern, so
 * the bodies carry neither. Decoding checks structure only; what the rows say is validated by
 * the receiver (fallback/handoffRows.ts).
 */
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'

/** One archived row on the wire: what a read returns of it, and the CRC-32 its archive keeps. */
export interface WireRow {
  readonly id: string
  readonly createdAt: number
  readonly deleted: boolean
  /** The row's `fields`, as the JSON text its CRC covers. */
  readonly fields: string
  readonly crc: number
}

export type ArchiveMessage =
  | { readonly type: 'archiveDigest'; readonly count: number; readonly hash: Uint8Array }
  | { readonly type: 'archiveHave'; readonly ids: readonly string[] }
  | { readonly type: 'archiveRows'; readonly rows: readonly WireRow[] }

export const MSG_ARCHIVE_DIGEST = 4
export const MSG_ARCHIVE_HAVE = 5
export const MSG_ARCHIVE_ROWS = 6

/** Writes the body of an archive message (after its type number). */
export function writeArchiveBody(e: encoding.Encoder, m: ArchiveMessage): void {
  switch (m.type) {
    case 'archiveDigest':
      encoding.writeVarUint(e, m.count)
      encoding.writeVarUint8Array(e, m.hash)
      return
    case 'archiveHave':
      encoding.writeVarUint(e, m.ids.length)
      for (const id of m.ids) encoding.writeVarString(e, id)
      return
    case 'archiveRows':
      encoding.writeVarUint(e, m.rows.length)
      for (const r of m.rows) {
        encoding.writeVarString(e, r.id)
        encoding.writeFloat64(e, r.createdAt)
        encoding.writeUint8(e, r.deleted ? 1 : 0)
        encoding.writeVarString(e, r.fields)
        encoding.writeUint32(e, r.crc)
      }
      return
  }
}

/** Reads the body of an archive message of `type`; throws a plain Error on bad structure. */
export function readArchiveBody(d: decoding.Decoder, type: number): ArchiveMessage {
  switch (type) {
    case MSG_ARCHIVE_DIGEST:
      return { type: 'archiveDigest', count: decoding.readVarUint(d), hash: decoding.readVarUint8Array(d) }
    case MSG_ARCHIVE_HAVE:
      return { type: 'archiveHave', ids: readList(d, () => decoding.readVarString(d)) }
    case MSG_ARCHIVE_ROWS:
      return { type: 'archiveRows', rows: readList(d, () => readRow(d)) }
    default:
      throw new Error(`unknown archive message type ${type}`)
  }
}

function readRow(d: decoding.Decoder): WireRow {
  const id = decoding.readVarString(d)
  const createdAt = decoding.readFloat64(d)
  const flag = decoding.readUint8(d)
  if (flag > 1) throw new Error(`row ${JSON.stringify(id)}: deleted flag ${flag} is not 0 or 1`)
  return { id, createdAt, deleted: flag === 1, fields: decoding.readVarString(d), crc: decoding.readUint32(d) }
}

/** A length-prefixed list; a length past the bytes left is refused before anything is allocated. */
/** A list on the wire: its count, then its items; more items than bytes left is malformed, not a huge allocation. */
export function readList<T>(d: decoding.Decoder, read: () => T): T[] {
  const n = decoding.readVarUint(d)
  if (n > d.arr.length - d.pos) throw new Error(`list of ${n} entries in ${d.arr.length - d.pos} bytes`)
  const out: T[] = []
  for (let i = 0; i < n; i++) out.push(read())
  return out
}
