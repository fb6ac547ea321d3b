/**
 * The `.meta` record both stores keep per document: building it for a generation, reading it back
 * from JSON, and checking that a loaded snapshot is the one it vouches for. Both stores load
 * through `storedDocFrom`, so they repair and refuse exactly the same damage.
 */
import { createHash } from 'node:crypto'
import { LabError } from '../base/errors.ts'
import type { ParsedDocId } from '../base/ids.ts'
import { readFrames, type LogScan } from './logFrames.ts'
import type { DocMeta, StoredDoc } from './store.ts'

/** SHA-256 of `bytes`, lower-case hex. */
export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

/**
 * Meta of one generation. Generation 0 is the document before its first compaction: it has a
 * log but no snapshot (recorded as 0 bytes, the SHA-256 of nothing), and its `compactedAt` is
 * the time the document was created.
 */
export function metaFor(
  doc: ParsedDocId,
  generation: number,
  snapshot: Uint8Array | null,
  compactedAt: number,
): DocMeta {
  const bytes = snapshot ?? new Uint8Array(0)
  return {
    version: 1,
    docId: doc.docId,
    entityId: doc.entityId,
    concern: doc.concern,
    generation,
    snapshotBytes: bytes.length,
    snapshotSha256: sha256Hex(bytes),
    compactedAt,
  }
}

const corrupt = (where: string, message: string, details?: Record<string, unknown>): LabError =>
  new LabError('CORRUPT_STORE', message, { path: where, details })

const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0

/** Each field of a DocMeta, what it must be, and a test for it. */
function fieldRules(doc: ParsedDocId): [keyof DocMeta, string, (v: unknown) => boolean][] {
  return [
    ['version', 'must be 1', (v) => v === 1],
    ['docId', `must be ${JSON.stringify(doc.docId)}`, (v) => v === doc.docId],
    ['entityId', `must be ${JSON.stringify(doc.entityId)}`, (v) => v === doc.entityId],
    ['concern', `must be ${JSON.stringify(doc.concern)}`, (v) => v === doc.concern],
    ['generation', 'must be a non-negative integer', isCount],
    ['snapshotBytes', 'must be a non-negative integer', isCount],
    ['snapshotSha256', 'must be 64 lower-case hex digits', (v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v)],
    ['compactedAt', 'must be a finite number', (v) => typeof v === 'number' && Number.isFinite(v)],
  ]
}

/**
 * Parses a `.meta` file's text for `doc`. Anything but a complete, matching DocMeta raises
 * CORRUPT_STORE naming `where` and every field that is wrong.
 */
export function parseMeta(text: string, doc: ParsedDocId, where: string): DocMeta {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    throw corrupt(
      where,
      `document meta is not valid JSON (${(e as Error).message}); restore the file, or remove the document's files ` +
        `to resync it from peers`,
    )
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw corrupt(where, 'document meta must be a JSON object')
  }
  const record = raw as Record<string, unknown>
  const problems = fieldRules(doc)
    .filter(([key, , ok]) => !ok(record[key]))
    .map(([key, rule]) => `${key} is ${JSON.stringify(record[key]) ?? 'missing'} but ${rule}`)
  if (record['generation'] === 0 && record['snapshotBytes'] !== 0)
    problems.push('generation 0 has no snapshot, so snapshotBytes must be 0')
  if (problems.length > 0) throw corrupt(where, `document meta is invalid: ${problems.join('; ')}`)
  // Rebuild rather than cast, so unknown fields never travel further.
  const m = record as unknown as DocMeta
  return {
    version: 1,
    docId: doc.docId,
    entityId: doc.entityId,
    concern: doc.concern,
    generation: m.generation,
    snapshotBytes: m.snapshotBytes,
    snapshotSha256: m.snapshotSha256,
    compactedAt: m.compactedAt,
  }
}

/** Throws CORRUPT_STORE naming `where` unless `snapshot` has the length and SHA-256 the meta records. */
export function verifySnapshot(meta: DocMeta, snapshot: Uint8Array, where: string): void {
  const details = { docId: meta.docId, generation: meta.generation }
  if (snapshot.length !== meta.snapshotBytes) {
    throw corrupt(
      where,
      `snapshot of generation ${meta.generation} is ${snapshot.length} bytes but its meta records ` +
        `${meta.snapshotBytes} (a torn or truncated write)`,
      details,
    )
  }
  const actual = sha256Hex(snapshot)
  if (actual !== meta.snapshotSha256) {
    throw corrupt(
      where,
      `snapshot of generation ${meta.generation} has SHA-256 ${actual} but its meta records ${meta.snapshotSha256} ` +
        `(the file was damaged or altered)`,
      details,
    )
  }
}

/**
 * Scans a log and refuses one damaged before its end: CORRUPT_STORE naming `where`, the offset
 * and the next whole record (loading the records before the damage would drop the whole ones
 * after it, and the next append would cut them). A torn last record is left to the caller.
 */
export function scanLog(log: Uint8Array, where: string): LogScan {
  const scan = readFrames(log)
  const d = scan.damage
  if (d) {
    throw corrupt(
      where,
      `log is damaged at byte ${d.offset} of ${log.length}: ${d.what} (the next whole record starts at byte ` +
        `${d.nextWhole}); nothing was dropped or cut. Restore the file, or remove the document's files to resync ` +
        `it from peers`,
      { offset: d.offset, nextWhole: d.nextWhole, bytes: log.length },
    )
  }
  return scan
}

/**
 * Assembles what `load` returns: the verified snapshot (none for generation 0) and the whole
 * records of the log, with a torn tail dropped and reported; a log damaged before its end is
 * CORRUPT_STORE naming `logWhere`.
 */
export function storedDocFrom(
  meta: DocMeta,
  snapshot: Uint8Array | null,
  log: Uint8Array,
  snapshotWhere: string,
  logWhere: string,
): StoredDoc {
  if (meta.generation > 0) {
    if (snapshot === null)
      throw corrupt(
        snapshotWhere,
        `snapshot of generation ${meta.generation} is missing although the meta points at it`,
      )
    verifySnapshot(meta, snapshot, snapshotWhere)
  }
  const scan = scanLog(log, logWhere)
  return {
    meta,
    snapshot: meta.generation > 0 ? snapshot : null,
    updates: scan.records,
    recovery: { tornTail: scan.torn, droppedBytes: scan.droppedBytes },
  }
}
