/**
 * Where a replica keeps the signed updates of its documents: beside its DocStore, as the SQL
 * archive is (sql/storeArchive.ts), so they survive a crash exactly as the store does. A
 * filesystem store keeps one append-only file of framed records per document under `signed/`
 * (the document id's `:` written as `.`); an in-memory store keeps the records for as long as the
 * store object lives. A torn last record is dropped on load, like the document log's.
 *
 * Compaction of a document never touches these records: the document's snapshot is a merged
 * state no signature covers, the records are the originals, so every one stays verifiable.
 */
import { join } from 'node:path'
import type { DocId } from '../base/ids.ts'
import { appendDurable, ensureDirs, readIfExists, truncateDurable } from '../store/durableFs.ts'
import { frameRecord, readFrames } from '../store/logFrames.ts'
import type { DocStore } from '../store/store.ts'

/** The signed records of a store's documents. */
export interface EntryStore {
  /** Every whole record of the document, oldest first. */
  load(docId: DocId): Uint8Array[]
  /** Durably appends one record. */
  append(docId: DocId, record: Uint8Array): void
}

const opened = new WeakMap<DocStore, EntryStore>()

/** The entry store beside `store` (one per store object). */
export function entryStoreOf(store: DocStore): EntryStore {
  let s = opened.get(store)
  if (!s) opened.set(store, (s = store.dir === null ? new MemoryEntries() : new FileEntries(store.dir)))
  return s
}

class MemoryEntries implements EntryStore {
  private readonly docs = new Map<DocId, Uint8Array[]>()
  load(docId: DocId): Uint8Array[] {
    return (this.docs.get(docId) ?? []).map((r) => r.slice())
  }
  append(docId: DocId, record: Uint8Array): void {
    const list = this.docs.get(docId) ?? []
    list.push(record.slice())
    this.docs.set(docId, list)
  }
}

class FileEntries implements EntryStore {
  constructor(private readonly root: string) {}
  private path(docId: DocId): string {
    return join(this.root, 'signed', `${docId.replaceAll(':', '.')}.log`)
  }
  load(docId: DocId): Uint8Array[] {
    const path = this.path(docId)
    const bytes = readIfExists(path)
    if (bytes === null) return []
    const scan = readFrames(bytes)
    // A torn record is cut off before anything is appended after it.
    if (scan.torn) truncateDurable(path, scan.goodBytes)
    return scan.records.map((r) => r.slice())
  }
  append(docId: DocId, record: Uint8Array): void {
    ensureDirs(this.root, 'signed')
    appendDurable(this.path(docId), frameRecord(record))
  }
}
