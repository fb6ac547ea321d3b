/**
 * The run's journal: an append-only list of what happened, in virtual time. As in Maelstrom's
 * network journal, statistics, timelines and message-flow pictures are computed from it
 * afterwards, and its trace hash pins a run: same seed, same scenario, same hash.
 *
 * The trace hash is SHA-256 over the records' canonical lines (`canonicalJson({t, type, data})`
 * followed by a newline), i.e. over the record lines of the JSONL trace file. It is updated as
 * records are appended (fed to SHA-256 in batches), never recomputed. Records carry virtual
 * time only: wall-clock values belong in the trace header's `meta`, which is not hashed.
 */
import { createHash, type Hash } from 'node:crypto'
import { LabError } from '../engine/base/errors.ts'
import { canonicalJson, type JsonObject, type JsonValue } from './canonicalJson.ts'

/** Record types the lab writes today; the union stays open for later kinds. */
export const RECORD_TYPES = [
  'send',
  'deliver',
  'drop',
  'duplicate',
  'corrupt',
  'reject',
  'op',
  'fault',
  'tombstone',
  'ack',
  'prune',
  'crash',
  'restart',
] as const
export type KnownRecordType = (typeof RECORD_TYPES)[number]
// `string & {}` keeps editor completion for the known names while accepting new ones.
export type RecordType = KnownRecordType | (string & {})

export interface JournalRecord {
  /** Virtual time in ms. */
  readonly t: number
  readonly type: RecordType
  /** Plain JSON; the journal keeps the object as given, so do not mutate it afterwards. */
  readonly data: JsonObject
}

export interface JournalOptions {
  /**
   * Keep the records in memory (default true). A sweep that needs only the hash and the
   * counts can turn it off; `records` and `toJSONL` are then unavailable.
   */
  readonly retain?: boolean
}

/** Header line of a JSONL trace. `meta` (scenario, seed, profile, wall time...) is not hashed. */
export interface TraceHeader {
  readonly trace: 1
  readonly records: number
  readonly traceHash: string
  readonly meta: JsonObject
}

/** Append-only record of a run with its incremental trace hash. */
export class Journal {
  private readonly hash: Hash = createHash('sha256')
  /** Canonical lines not yet fed to the hash: one native call per ~64 KiB, not per record. */
  private pending = ''
  private readonly kept: JournalRecord[] | null
  private readonly counts = new Map<string, number>()
  private total = 0

  constructor(options: JournalOptions = {}) {
    this.kept = options.retain === false ? null : []
  }

  /** Appends a record and folds it into the trace hash. */
  append(t: number, type: RecordType, data: JsonObject = {}): void {
    const record: JournalRecord = { t, type, data }
    // canonicalJson(record), written out: its keys in canonical order are data, t, type.
    this.pending += `{"data":${canonicalJson(data)},"t":${canonicalJson(t)},"type":${canonicalJson(type)}}\n`
    if (this.pending.length >= 65536) this.flush()
    this.kept?.push(record)
    this.counts.set(type, (this.counts.get(type) ?? 0) + 1)
    this.total++
  }

  /** Records appended so far (also counted when not retained). */
  get length(): number {
    return this.total
  }

  /** The records, oldest first. */
  get records(): readonly JournalRecord[] {
    return this.retained('records')
  }

  /** Hex SHA-256 of every record so far; cheap to call at any point. */
  traceHash(): string {
    this.flush()
    return this.hash.copy().digest('hex')
  }

  /** How many records of `type`. */
  count(type: RecordType): number {
    return this.counts.get(type) ?? 0
  }

  /** Records per type, in order of each type's first appearance. */
  countsByType(): Record<string, number> {
    return Object.fromEntries(this.counts)
  }

  /** Records of `type` per value of `data[field]`, e.g. `countBy('drop', 'reason')`. */
  countBy(type: RecordType, field: string): Record<string, number> {
    const out: Record<string, number> = {}
    for (const r of this.retained('countBy')) {
      if (r.type !== type) continue
      const key = String(r.data[field] ?? '')
      out[key] = (out[key] ?? 0) + 1
    }
    return out
  }

  /** The trace file: a header line, then one canonical line per record. */
  toJSONL(meta: JsonObject = {}): string {
    const header: TraceHeader = { trace: 1, records: this.total, traceHash: this.traceHash(), meta }
    const lines = [canonicalJson(header)]
    for (const r of this.retained('toJSONL')) lines.push(canonicalJson(r))
    return `${lines.join('\n')}\n`
  }

  /**
   * Reads a trace written by `toJSONL`, re-hashing its records. A malformed file raises
   * INVALID_ARG naming `source` and the line; records that do not hash to the header's
   * `traceHash` (an edited or truncated file) raise TRACE_MISMATCH.
   */
  static fromJSONL(text: string, source = 'trace'): { journal: Journal; header: TraceHeader } {
    const lines = text.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1)
    const header = parseHeader(lines[0], source)
    const journal = new Journal()
    for (let i = 1; i < lines.length; i++) {
      const r = parseRecord(lines[i]!, `${source}:${i + 1}`)
      journal.append(r.t, r.type, r.data)
    }
    if (journal.length !== header.records || journal.traceHash() !== header.traceHash) {
      throw new LabError(
        'TRACE_MISMATCH',
        `${journal.length} records hash to ${journal.traceHash()}, but the header ` +
          `promises ${header.records} records hashing to ${header.traceHash} (edited ` +
          `or truncated?)`,
        { path: source },
      )
    }
    return { journal, header }
  }

  private flush(): void {
    if (this.pending === '') return
    this.hash.update(this.pending)
    this.pending = ''
  }

  private retained(what: string): readonly JournalRecord[] {
    if (this.kept === null) throw new LabError('INTERNAL', `journal.${what} needs a journal that retains its records`)
    return this.kept
  }
}

const isObject = (v: unknown): v is Record<string, JsonValue> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function parseLine(line: string | undefined, path: string): Record<string, JsonValue> {
  let value: unknown
  try {
    value = JSON.parse(line ?? '')
  } catch (e) {
    throw new LabError('INVALID_ARG', `not a JSON line: ${e instanceof Error ? e.message : String(e)}`, { path })
  }
  if (!isObject(value)) throw new LabError('INVALID_ARG', 'expected a JSON object', { path })
  return value
}

function parseHeader(line: string | undefined, source: string): TraceHeader {
  const h = parseLine(line, `${source}:1`)
  if (h.trace !== 1 || typeof h.records !== 'number' || typeof h.traceHash !== 'string' || !isObject(h.meta)) {
    throw new LabError('INVALID_ARG', 'expected a trace header {"trace":1,"records":N,"traceHash":"…","meta":{…}}', {
      path: `${source}:1`,
    })
  }
  return { trace: 1, records: h.records, traceHash: h.traceHash, meta: h.meta }
}

function parseRecord(line: string, path: string): JournalRecord {
  const r = parseLine(line, path)
  if (typeof r.t !== 'number' || typeof r.type !== 'string' || !isObject(r.data)) {
    throw new LabError('INVALID_ARG', 'expected a record {"t":ms,"type":"…","data":{…}}', { path })
  }
  return { t: r.t, type: r.type, data: r.data }
}
