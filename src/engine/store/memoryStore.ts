/**
 * In-memory DocStore for the simulator. It plays the replica's disk: the simulator keeps it when a
 * replica crashes and builds the new replica on it, so everything `append`/`compact` returned from
 * survives. `tearLastWrite` plays a crash in the middle of the last write.
 *
 * Each document holds its meta, its generation's snapshot and its log as framed records (one
 * per append, the same bytes the file store writes), and loads through the same reader, so a
 * torn record here is dropped exactly as it would be on disk.
 */
import type { Clock } from '../base/providers.ts'
import { parseDocId, parseEntityId, type DocId, type EntityId, type ParsedDocId } from '../base/ids.ts'
import { metaFor, storedDocFrom } from './docMeta.ts'
import { concatBytes, FRAME_HEADER_BYTES, frameRecord } from './logFrames.ts'
import type { DocMeta, DocStore, StoredDoc } from './store.ts'

/** How a torn write is damaged: cut in half, or overwritten with other bytes. */
export type TearMode = 'truncate' | 'garbage'

/** What `tearLastWrite` damaged. */
export interface TornWrite {
  readonly docId: DocId
  readonly kind: 'append' | 'compact'
  readonly mode: TearMode
}

interface MemoryDoc {
  readonly meta: DocMeta
  readonly snapshot: Uint8Array | null
  /** Framed records, one per append; only the last can be torn. */
  readonly log: Uint8Array[]
  /**
   * The last record was torn. The next append drops it first, as recovery on a real disk cuts a
   * torn tail before writing after it; otherwise every later record would be unreadable too.
   */
  tornTail: boolean
}

/** The last write, kept until the next one so it can still be torn. */
type LastWrite =
  | { readonly kind: 'append'; readonly docId: DocId }
  | { readonly kind: 'compact'; readonly docId: DocId; readonly previous: MemoryDoc | undefined }

export class MemoryStore implements DocStore {
  readonly kind = 'memory' as const
  readonly dir = null
  private readonly docs = new Map<DocId, MemoryDoc>()
  private lastWrite: LastWrite | null = null
  private writeCount = 0

  /** `clock` stamps `compactedAt` (and the creation time of generation 0). */
  constructor(private readonly clock: Clock) {}

  load(docId: DocId): StoredDoc | null {
    const id = parseDocId(docId).docId
    const doc = this.docs.get(id)
    if (doc === undefined) return null
    // Copies: the caller must not be able to change the "disk" through what it loaded.
    const snapshot = doc.snapshot === null ? null : doc.snapshot.slice()
    const where = `memory:${id}#generation-${doc.meta.generation}`
    return storedDocFrom(doc.meta, snapshot, concatBytes(doc.log), where, `${where}.log`)
  }

  append(docId: DocId, update: Uint8Array): void {
    const parsed = parseDocId(docId)
    const record = frameRecord(update)
    const doc = this.docs.get(parsed.docId) ?? this.create(parsed)
    if (doc.tornTail) {
      doc.log.pop()
      doc.tornTail = false
    }
    doc.log.push(record)
    this.wrote({ kind: 'append', docId: parsed.docId })
  }

  compact(docId: DocId, state: Uint8Array): void {
    const parsed = parseDocId(docId)
    const previous = this.docs.get(parsed.docId)
    const snapshot = state.slice()
    const generation = (previous?.meta.generation ?? 0) + 1
    this.docs.set(parsed.docId, {
      meta: metaFor(parsed, generation, snapshot, this.clock.now()),
      snapshot,
      log: [],
      tornTail: false,
    })
    this.wrote({ kind: 'compact', docId: parsed.docId, previous })
  }

  list(entityId?: EntityId): DocId[] {
    const only = entityId === undefined ? undefined : parseEntityId(entityId).entityId
    return [...this.docs.values()]
      .filter((d) => only === undefined || d.meta.entityId === only)
      .map((d) => d.meta.docId)
      .sort()
  }

  sizeOf(docId: DocId): number {
    const doc = this.docs.get(parseDocId(docId).docId)
    return doc === undefined ? 0 : (doc.snapshot?.length ?? 0) + doc.log.reduce((n, r) => n + r.length, 0)
  }

  /** Removes the document. A removal cannot be torn, so it also forgets the last write. */
  remove(docId: DocId): void {
    const id = parseDocId(docId).docId
    if (!this.docs.delete(id)) return
    this.lastWrite = null
  }

  /**
   * Damages the most recent append or compaction in the whole store, as a crash during it would.
   * A torn append loses its record (`load` drops it as a torn tail); a torn compaction never
   * switched the meta, so the previous generation and its log stay the loaded state (a document
   * first created by that compaction disappears; `mode` makes no difference there, as the damaged
   * snapshot is never referenced). Returns what was torn, or null when there is
   * no write left to tear: tearing twice in a row changes nothing the second time.
   */
  tearLastWrite(mode: TearMode = 'truncate'): TornWrite | null {
    const last = this.lastWrite
    if (last === null) return null
    this.lastWrite = null
    if (last.kind === 'compact') {
      if (last.previous === undefined) this.docs.delete(last.docId)
      else this.docs.set(last.docId, last.previous)
    } else {
      this.tearLastRecord(this.docs.get(last.docId)!, mode)
    }
    return { docId: last.docId, kind: last.kind, mode }
  }

  /** Appends and compactions made (torn ones included). */
  writes(): number {
    return this.writeCount
  }

  /** Bytes held by all documents (snapshots and framed logs). */
  bytes(): number {
    let total = 0
    for (const id of this.docs.keys()) total += this.sizeOf(id)
    return total
  }

  private create(parsed: ParsedDocId): MemoryDoc {
    const doc: MemoryDoc = {
      meta: metaFor(parsed, 0, null, this.clock.now()),
      snapshot: null,
      log: [],
      tornTail: false,
    }
    this.docs.set(parsed.docId, doc)
    return doc
  }

  private wrote(write: LastWrite): void {
    this.lastWrite = write
    this.writeCount++
  }

  private tearLastRecord(doc: MemoryDoc, mode: TearMode): void {
    const record = doc.log[doc.log.length - 1]!
    if (mode === 'truncate') {
      doc.log[doc.log.length - 1] = record.slice(0, Math.floor(record.length / 2))
    } else {
      // Inverting every payload byte changes its CRC-32 by crc(ff..ff) ^ crc(00..00), which is
      // non-zero for every length up to 16 MiB (checked exhaustively), and payloads are never
      // empty: the record reliably fails its checksum while its length still reads as whole.
      const damaged = record.slice()
      for (let i = FRAME_HEADER_BYTES; i < damaged.length; i++) damaged[i] = damaged[i]! ^ 0xff
      doc.log[doc.log.length - 1] = damaged
    }
    doc.tornTail = true
  }
}
