/**
 * Framing of a document's append-only update log. Each appended Yjs update is one record:
 *
 * ```
 *   0        4        8                 8 + length
 *   +--------+--------+-----------------+
 *   | length | crc32  | payload ...     |
 *   +--------+--------+-----------------+
 *   u32 little-endian: payload byte length (> 0)
 *   u32 little-endian: CRC-32 (IEEE 802.3, as zlib/gzip/PNG) of the payload only
 * ```
 *
 * Little-endian because every machine we run on is, and Yjs leaves the choice to us (it uses
 * var-ints). A crash can tear only the last record (appends never rewrite earlier bytes), so a
 * reader stops at the first short or mismatching record and reports the rest as a dropped tail.
 *
 * Empty payloads are refused on write and treated as damage on read: a file system may extend a
 * file with zeros after a crash, and `[0][0]` would otherwise read as a valid empty record
 * (the CRC of nothing is 0). A Yjs update is never empty.
 */
import { crc32 } from 'node:zlib'
import { LabError } from '../base/errors.ts'

/** Bytes of the `[length][crc32]` header in front of every payload. */
export const FRAME_HEADER_BYTES = 8
/** Largest payload a u32 length can describe. */
export const MAX_FRAME_PAYLOAD = 0xffff_ffff

/** What a scan of a log found: the whole records, and how much of the tail it had to drop. */
export interface LogScan {
  /** Payloads of the whole, checksummed records, oldest first (views into the scanned bytes). */
  readonly records: Uint8Array[]
  /** Length of the good prefix: where the next record belongs once a torn tail is cut off. */
  readonly goodBytes: number
  /** Bytes after the good prefix (a torn or corrupted record and anything after it). */
  readonly droppedBytes: number
  /** True when `droppedBytes > 0`. */
  readonly torn: boolean
}

/** CRC-32 (IEEE) of `bytes`; node:zlib's native one (present since Node 20.15, checked in tests). */
export const crc32Of = (bytes: Uint8Array): number => crc32(bytes) >>> 0

/** Frames one payload as a log record. Refuses empty payloads (see the module comment). */
export function frameRecord(payload: Uint8Array): Uint8Array {
  if (payload.length === 0) {
    throw new LabError('INVALID_ARG', 'cannot append an empty update: a Yjs v1 update is at least 2 bytes long')
  }
  if (payload.length > MAX_FRAME_PAYLOAD) {
    throw new LabError(
      'UPDATE_TOO_LARGE',
      `update of ${payload.length} bytes does not fit a log record (at most ${MAX_FRAME_PAYLOAD})`,
    )
  }
  const record = new Uint8Array(FRAME_HEADER_BYTES + payload.length)
  const view = new DataView(record.buffer)
  view.setUint32(0, payload.length, true)
  view.setUint32(4, crc32Of(payload), true)
  record.set(payload, FRAME_HEADER_BYTES)
  return record
}

/**
 * Reads records until the first one that is short, empty or fails its checksum. Never throws on
 * damage: damage can only be a torn tail, and the caller reports it.
 */
export function readFrames(log: Uint8Array): LogScan {
  const view = new DataView(log.buffer, log.byteOffset, log.byteLength)
  const records: Uint8Array[] = []
  let at = 0
  while (at + FRAME_HEADER_BYTES <= log.length) {
    const length = view.getUint32(at, true)
    const end = at + FRAME_HEADER_BYTES + length
    if (length === 0 || end > log.length) break
    const payload = log.subarray(at + FRAME_HEADER_BYTES, end)
    if (crc32Of(payload) !== view.getUint32(at + 4, true)) break
    records.push(payload)
    at = end
  }
  const droppedBytes = log.length - at
  return { records, goodBytes: at, droppedBytes, torn: droppedBytes > 0 }
}

/** Concatenates byte chunks into one fresh buffer. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}
