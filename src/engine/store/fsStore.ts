/**
 * File-system DocStore: the spec's `.yrs` + `.meta` persistence, with an append log beside the
 * snapshot so every transaction is durable without rewriting the whole state.
 *
 * ```
 *   <root>/<entityType>/<entityId>/<concern>.meta      JSON DocMeta: the current generation
 *   <root>/<entityType>/<entityId>/<concern>.<g>.yrs   snapshot of generation g (g >= 1)
 *   <root>/<entityType>/<entityId>/<concern>.<g>.log   updates appended since (logFrames.ts)
 * ```
 *
 * The meta is the commit point. A compaction writes generation g+1's snapshot and empty log,
 * then switches the meta, then deletes generation g; a crash before the switch leaves the meta on
 * the complete generation g, a crash after it leaves stale files the next compaction deletes.
 * Generation 0 is a document never compacted: a log and no snapshot.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { LabError } from '../base/errors.ts'
import {
  ENTITY_TYPES,
  parseDocId,
  parseEntityId,
  type DocId,
  type EntityId,
  type ParsedDocId,
  type ParsedEntityId,
} from '../base/ids.ts'
import type { Clock } from '../base/providers.ts'
import { metaFor, parseMeta, scanLog, storedDocFrom } from './docMeta.ts'
import {
  appendDurable,
  ensureDirs,
  fsyncDir,
  listDir,
  readIfExists,
  rmdirIfEmpty,
  sizeIfExists,
  storeIo,
  truncateDurable,
  unlinkIfExists,
  writeFileAtomic,
} from './durableFs.ts'
import { frameRecord } from './logFrames.ts'
import type { DocMeta, DocStore, StoredDoc } from './store.ts'

/** Paths of one document's files. */
interface DocFiles {
  readonly doc: ParsedDocId
  readonly dir: string
  readonly meta: string
  snapshot(generation: number): string
  log(generation: number): string
  /** Matches every file of this document's concern in `dir` (any generation, temporaries too). */
  readonly pattern: RegExp
}

function docFiles(root: string, doc: ParsedDocId): DocFiles {
  const dir = join(root, doc.type, doc.id)
  const base = join(dir, doc.concern)
  return {
    doc,
    dir,
    meta: `${base}.meta`,
    snapshot: (g) => `${base}.${g}.yrs`,
    log: (g) => `${base}.${g}.log`,
    pattern: new RegExp(`^${doc.concern}\\.(meta|\\d+\\.(yrs|log))(\\.tmp)?$`),
  }
}

const encodeMeta = (meta: DocMeta): Uint8Array => Buffer.from(`${JSON.stringify(meta, null, 2)}\n`, 'utf8')

/** Runs `parse`, or gives nothing when the name it reads is not a valid id (a stray file or folder). */
function ifValid<T>(parse: () => T): T[] {
  try {
    return [parse()]
  } catch (e) {
    if (e instanceof LabError) return []
    throw e
  }
}

export class FsStore implements DocStore {
  readonly kind = 'fs' as const
  readonly dir: string
  private temporary = false
  /**
   * Documents whose log tail this instance has checked or written itself. Before the first append
   * after opening (a restart may follow a torn write) the tail is checked and a torn record cut
   * off, so new records never land behind damage that would hide them.
   */
  private readonly checkedTails = new Set<DocId>()

  /** A store rooted at `root` (created on the first write). `clock` stamps `compactedAt`. */
  constructor(
    root: string,
    private readonly clock: Clock,
  ) {
    this.dir = resolve(root)
  }

  /** A store in a fresh, empty directory under the OS temp dir; `destroy()` deletes it. */
  static temp(clock: Clock, prefix = 'crdt-lab-store-'): FsStore {
    const root = storeIo(tmpdir(), 'create a temporary directory in', () => mkdtempSync(join(tmpdir(), prefix)))
    const store = new FsStore(root, clock)
    store.temporary = true
    return store
  }

  /** Deletes the root of a store made by `FsStore.temp` and everything in it. */
  destroy(): void {
    if (!this.temporary) {
      throw new LabError(
        'BAD_USAGE',
        'destroy() deletes only roots made by FsStore.temp(); this store was opened on an existing directory, ' +
          'which is left alone',
        { path: this.dir },
      )
    }
    storeIo(this.dir, 'delete the store directory', () => rmSync(this.dir, { recursive: true, force: true }))
  }

  load(docId: DocId): StoredDoc | null {
    const files = this.files(docId)
    const meta = this.readMeta(files)
    if (meta === null) return null
    const g = meta.generation
    const snapshot = g > 0 ? readIfExists(files.snapshot(g)) : null
    const doc = storedDocFrom(meta, snapshot, this.readLog(files, g), files.snapshot(g), files.log(g))
    if (doc.recovery.tornTail) this.checkedTails.delete(files.doc.docId)
    else this.checkedTails.add(files.doc.docId)
    return doc
  }

  append(docId: DocId, update: Uint8Array): void {
    const files = this.files(docId)
    const record = frameRecord(update)
    const meta = this.readMeta(files) ?? this.create(files)
    const log = files.log(meta.generation)
    if (!this.checkedTails.has(files.doc.docId)) {
      // Only a torn last record is cut; a log damaged before its end is refused, never cut.
      const scan = scanLog(this.readLog(files, meta.generation), log)
      if (scan.torn) truncateDurable(log, scan.goodBytes)
      this.checkedTails.add(files.doc.docId)
    }
    appendDurable(log, record)
  }

  compact(docId: DocId, state: Uint8Array): void {
    const files = this.files(docId)
    const next = (this.readMeta(files)?.generation ?? 0) + 1
    ensureDirs(this.dir, files.doc.type, files.doc.id)
    writeFileAtomic(files.snapshot(next), state)
    writeFileAtomic(files.log(next), new Uint8Array(0))
    writeFileAtomic(files.meta, encodeMeta(metaFor(files.doc, next, state, this.clock.now())))
    this.checkedTails.add(files.doc.docId)
    this.deleteFilesBut(files, next)
  }

  list(entityId?: EntityId): DocId[] {
    const entities = entityId === undefined ? this.entities() : [parseEntityId(entityId)]
    return entities
      .flatMap((e) =>
        listDir(join(this.dir, e.type, e.id)).flatMap((name) => {
          const concern = /^([a-z]+(?:-[a-z]+)*)\.meta$/.exec(name)?.[1]
          return concern === undefined ? [] : ifValid(() => parseDocId(`${e.entityId}:${concern}`).docId)
        }),
      )
      .sort()
  }

  sizeOf(docId: DocId): number {
    const files = this.files(docId)
    const meta = this.readMeta(files)
    if (meta === null) return 0
    const g = meta.generation
    return (g > 0 ? sizeIfExists(files.snapshot(g)) : 0) + sizeIfExists(files.log(g))
  }

  /** Deletes the meta first (the document is gone at that instant), then every file it wrote. */
  remove(docId: DocId): void {
    const files = this.files(docId)
    this.checkedTails.delete(files.doc.docId)
    if (unlinkIfExists(files.meta)) fsyncDir(files.dir)
    this.deleteFilesBut(files, null)
    rmdirIfEmpty(files.dir)
    rmdirIfEmpty(dirname(files.dir))
  }

  /** Validates the id before any path is built from it. */
  private files(docId: DocId): DocFiles {
    return docFiles(this.dir, parseDocId(docId))
  }

  private readMeta(files: DocFiles): DocMeta | null {
    const bytes = readIfExists(files.meta)
    return bytes === null ? null : parseMeta(Buffer.from(bytes).toString('utf8'), files.doc, files.meta)
  }

  private readLog(files: DocFiles, generation: number): Uint8Array {
    const log = readIfExists(files.log(generation))
    if (log === null) {
      throw new LabError(
        'CORRUPT_STORE',
        `log of generation ${generation} is missing although the meta points at it; restore it, or remove the ` +
          `document's files to resync it from peers`,
        { path: files.log(generation) },
      )
    }
    return log
  }

  /** Creates generation 0: its empty log first, then the meta that names it. */
  private create(files: DocFiles): DocMeta {
    ensureDirs(this.dir, files.doc.type, files.doc.id)
    writeFileAtomic(files.log(0), new Uint8Array(0))
    const meta = metaFor(files.doc, 0, null, this.clock.now())
    writeFileAtomic(files.meta, encodeMeta(meta))
    this.checkedTails.add(files.doc.docId)
    return meta
  }

  /** Deletes this document's files but the meta and generation `keep` (all of them for null). */
  private deleteFilesBut(files: DocFiles, keep: number | null): void {
    const kept = keep === null ? [] : [files.snapshot(keep), files.log(keep)]
    let deleted = false
    for (const name of listDir(files.dir)) {
      const path = join(files.dir, name)
      if (!files.pattern.test(name) || path === files.meta || kept.includes(path)) continue
      deleted = unlinkIfExists(path) || deleted
    }
    if (deleted) fsyncDir(files.dir)
  }

  /** Entities that have a folder under the root; stray names are skipped. */
  private entities(): ParsedEntityId[] {
    return ENTITY_TYPES.flatMap((type) =>
      listDir(join(this.dir, type)).flatMap((id) => ifValid(() => parseEntityId(`${type}:${id}`))),
    )
  }
}
