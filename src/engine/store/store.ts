/**
 * Storage port. The engine persists every Yjs transaction as an appended update and now and then
 * compacts a document into a new snapshot generation. Two stores implement it: the filesystem
 * store (the spec's `.yrs` + `.meta` files) and the in-memory store the simulator uses (a disk that
 * survives a crash of the replica, with an option to tear the last write).
 *
 * All calls are synchronous: the simulator is single-threaded and deterministic, and
 * better-sqlite3 (the SQL fallback) is synchronous too.
 */
import type { DocConcern, DocId, EntityId } from '../base/ids.ts'

/** JSON content of a `.meta` file (and its in-memory twin). */
export interface DocMeta {
  readonly version: 1
  readonly docId: DocId
  readonly entityId: EntityId
  readonly concern: DocConcern
  /** Snapshot generation; a compaction writes generation + 1 and then switches the meta to it. */
  readonly generation: number
  /** Byte length and SHA-256 (hex) of the generation's `.yrs` snapshot: a torn or flipped file is detected on load. */
  readonly snapshotBytes: number
  readonly snapshotSha256: string
  /** Store clock (ms) of the last compaction, from the injected clock. */
  readonly compactedAt: number
}

/** What `load` found, including what it had to repair. */
export interface StoredDoc {
  readonly meta: DocMeta
  /** Full state as a Yjs v1 update, or null when the document was never compacted. */
  readonly snapshot: Uint8Array | null
  /** Yjs v1 updates appended since the snapshot, oldest first (only whole, checksummed records). */
  readonly updates: readonly Uint8Array[]
  readonly recovery: LoadRecovery
}

export interface LoadRecovery {
  /** The log ended in a torn or corrupted record, which was dropped (the last good state is kept). */
  readonly tornTail: boolean
  /** Bytes of the log that were dropped. */
  readonly droppedBytes: number
}

export interface DocStore {
  readonly kind: 'memory' | 'fs'
  /**
   * Loads a document, or returns null when it was never written. A snapshot whose bytes do not
   * match its meta checksum raises LabError CORRUPT_STORE naming the file: never a half-loaded doc.
   */
  load(docId: DocId): StoredDoc | null
  /** Durably appends one v1 update to the document's log (creating the document if needed). */
  append(docId: DocId, update: Uint8Array): void
  /** Durably writes `state` as the next snapshot generation and starts an empty log. Atomic. */
  compact(docId: DocId, state: Uint8Array): void
  /** Documents held, optionally only those of one entity, sorted. */
  list(entityId?: EntityId): DocId[]
  /** Bytes the document occupies in the store (snapshot + log). */
  sizeOf(docId: DocId): number
  /** Removes a document and everything it wrote (used by compaction epochs). */
  remove(docId: DocId): void
  /** A directory this store owns, for files beside the documents (the SQL archive); null in memory. */
  readonly dir: string | null
}
