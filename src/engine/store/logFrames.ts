/**
 * Framing of a document's append-only update log. Each appended Yjs update is one record:
 *
 * ```
 *   0        4        8        12                12 + length
 *   +--------+--------+--------+-----------------+
 *   | length | crc32  | hcrc   | payload ...     |
 *   +--------+--------+--------+-----------------+
 *   u32 little-endian: payload byte length (> 0)
 *   u32 little-endian: CRC-32 (IEEE 802.3, as zlib/gzip/PNG) of the payload
 *   u32 little-endian: CRC-32 of the 8 bytes before it (length and payload CRC)
 * ```
 *
 * Little-endian because every machine we run on is, and Yjs leaves the choice to us (it uses
 * var-ints). The header's own checksum tells a damaged length from a record the file ends in the
 * middle of: without it, one flipped bit in a length makes a record in the middle of the log look
 * like a torn last record, and everything after it would be dropped (and cut by the next append).
 *
 * A crash can tear only the last record (appends never rewrite earlier bytes). So the reader
 * calls the first bad record a torn tail only when no whole record follows it: a header or a
 * payload the file ends inside, or a damaged record (payload or header checksum) with nothing
 * whole after it (zeros a crash left, garbage). A damaged record with whole records after it is
 * damage before the end of the log (`LogScan.damage`), which the stores refuse to load
 * (CORRUPT_STORE) rather than drop records that are still whole.
 *
 * Empty payloads are refused on write and treated as damage on read: a file system may extend a
 * file with zeros after a crash. A Yjs update is never empty.
 */
import { crc32 } from 'node:zlib'
import { LabError } from '../base/errors.ts'

/** Bytes of the `[length][crc32][header crc32]` header in front of every payload. */
export const FRAME_HEADER_BYTES = 12
/** Largest payload a u32 length can describe. */
export const MAX_FRAME_PAYLOAD = 0xffff_ffff

/** Where a log is damaged before its end, and how. */
export interface LogDamage {
  /** Byte offset of the first damaged record. */
  readonly offset: number
  /** What is wrong there, in words. */
  readonly what: string
  /** Offset of the next whole record after the damage (records that would have been lost). */
  readonly nextWhole: number
}

/** What a scan of a log found: the whole records, and how much of the tail it had to drop. */
export interface LogScan {
  /** Payloads of the whole, checksummed records before any damage, oldest first (views into the scanned bytes). */
  readonly records: Uint8Array[]
  /** Length of the good prefix: where the next record belongs once a torn tail is cut off. */
  readonly goodBytes: number
  /** Bytes after the good prefix (a torn last record, or damage and everything after it). */
  readonly droppedBytes: number
  /** True when the log ends in a torn record: `droppedBytes > 0` and no `damage`. */
  readonly torn: boolean
  /** Set when the log is damaged before its last record: whole records follow the damage. */
  readonly damage?: LogDamage
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
  view.setUint32(8, crc32Of(record.subarray(0, 8)), true)
  record.set(payload, FRAME_HEADER_BYTES)
  return record
}

/** How the record at `at` reads: whole (with its end), or what is wrong with it. */
type Frame =
  | { readonly kind: 'whole'; readonly end: number }
  | { readonly kind: 'short-header' }
  | { readonly kind: 'bad-header' }
  | { readonly kind: 'short-payload' }
  | { readonly kind: 'bad-payload'; readonly end: number }

function frameAt(log: Uint8Array, view: DataView, at: number): Frame {
  if (at + FRAME_HEADER_BYTES > log.length) return { kind: 'short-header' }
  const length = view.getUint32(at, true)
  if (length === 0 || crc32Of(log.subarray(at, at + 8)) !== view.getUint32(at + 8, true)) return { kind: 'bad-header' }
  const end = at + FRAME_HEADER_BYTES + length
  if (end > log.length) return { kind: 'short-payload' }
  const payload = log.subarray(at + FRAME_HEADER_BYTES, end)
  return crc32Of(payload) === view.getUint32(at + 4, true) ? { kind: 'whole', end } : { kind: 'bad-payload', end }
}

/** The first offset after `from` where a whole record starts, or -1 (a linear pass over header checksums). */
function nextWholeRecord(log: Uint8Array, view: DataView, from: number): number {
  for (let at = from; at + FRAME_HEADER_BYTES <= log.length; at++)
    if (frameAt(log, view, at).kind === 'whole') return at
  return -1
}

/**
 * Reads records until the first one that is not whole, and says whether that is a torn last
 * record (dropped) or damage before the end (`damage`, with the records after it left unread).
 * Never throws: the stores decide what damage means.
 */
export function readFrames(log: Uint8Array): LogScan {
  const view = new DataView(log.buffer, log.byteOffset, log.byteLength)
  const records: Uint8Array[] = []
  let at = 0
  let frame: Frame = frameAt(log, view, at)
  while (frame.kind === 'whole') {
    records.push(log.subarray(at + FRAME_HEADER_BYTES, frame.end))
    at = frame.end
    frame = frameAt(log, view, at)
  }
  const droppedBytes = log.length - at
  const scan = { records, goodBytes: at, droppedBytes }
  if (droppedBytes === 0) return { ...scan, torn: false }
  // Damage before the end is damage with a whole record after it. A header the file ends in the
  // middle of, or a whole header whose payload it ends in, is a torn write: nothing is looked for
  // in what was half written. After a damaged payload under an intact header, the next record
  // starts where that header says; after a damaged header, anywhere.
  let damage: LogDamage | undefined
  if (frame.kind === 'bad-payload' || frame.kind === 'bad-header') {
    const next = nextWholeRecord(log, view, frame.kind === 'bad-payload' ? frame.end : at + 1)
    const what = frame.kind === 'bad-payload' ? 'a record fails its checksum' : 'a record header fails its checksum'
    if (next >= 0) damage = { offset: at, what: `${what} and whole records follow it`, nextWhole: next }
  }
  return damage ? { ...scan, torn: false, damage } : { ...scan, torn: true }
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
