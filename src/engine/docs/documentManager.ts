/**
 * Document manager: lazy load, cache, persistence, clientID pinning.
 *
 * Every transaction's v1 update is appended to the store as it happens, so "saved" means
 * "integrated": a crash loses nothing but structs Yjs still holds as pending and, with a torn
 * write, the last record. Every `compactEvery` appends the document is compacted into a new
 * snapshot generation.
 *
 * A remote update is applied all-or-nothing: its updates are buffered while Yjs integrates, and
 * if Yjs throws half-way the document is rebuilt from the store (which never saw the half) and
 * given back what Yjs held pending, so its state vector, content and pending structs are as before.
 */
import * as Y from 'yjs'
import type { ClientIdSource } from '../base/providers.ts'
import type { DocStore, StoredDoc } from '../store/store.ts'
import { parseDocId, parseEntityId, type DocId, type EntityId, type ParsedDocId } from '../base/ids.ts'
import { ORIGIN_LOAD, ORIGIN_REMOTE, isOutgoing } from './origins.ts'

/** One loaded document and the engine's bookkeeping beside it. */
export class ManagedDoc {
  /** Bumps on every transaction and on rebuild: derived views cache against it. */
  version = 0
  /** Bumps when the Y.Doc object is replaced (rebuild after a failed apply). */
  incarnation = 0
  /** Whether the last remote update applied changed the document (a repeated one changes nothing). */
  lastRemoteChanged = false
  /** Extension state kept by profile plugins (Lamport clock, client registry, undo manager). */
  readonly ext = new Map<string, unknown>()
  constructor(
    readonly id: DocId,
    readonly parsed: ParsedDocId,
    public doc: Y.Doc,
  ) {}
}

/** Called on every new Y.Doc before anything is loaded into it (so it sees the load too). */
export type DocPlugin = (md: ManagedDoc) => void

export interface DocumentManagerOptions {
  readonly store: DocStore
  readonly clientIds: ClientIdSource
  readonly plugins?: readonly DocPlugin[]
  /** Called after every transaction that changed the document (after it was persisted). */
  readonly onUpdate?: (md: ManagedDoc, update: Uint8Array, origin: unknown) => void
  /** Appends between compactions (default 256). */
  readonly compactEvery?: number
  /** Whether an update is appended to the store (`remote`: integrated from a peer); default every one. */
  readonly saves?: (md: ManagedDoc, remote: boolean) => boolean
  /** What a document loads in place of what its store holds (a mutant's seam; the engine runs with none). */
  readonly loads?: (docId: DocId, stored: StoredDoc) => StoredDoc
  /** After a document was loaded from the store: work its store may have lost (a torn rebuild) is redone here. */
  readonly loaded?: (md: ManagedDoc) => void
}

export class DocumentManager {
  private readonly docs = new Map<DocId, ManagedDoc>()
  private readonly plugins: DocPlugin[]
  private buffer: Uint8Array[] | null = null
  private readonly appends = new Map<DocId, number>()

  constructor(private readonly options: DocumentManagerOptions) {
    this.plugins = [...(options.plugins ?? [])]
  }

  /** The document, loaded from the store on first use (or created empty). */
  get(docId: DocId): ManagedDoc {
    const cached = this.docs.get(docId)
    if (cached) return cached
    const parsed = parseDocId(docId)
    const md = new ManagedDoc(parsed.docId, parsed, this.open(parsed.docId, this.options.clientIds.next(parsed.docId)))
    this.docs.set(parsed.docId, md)
    this.attach(md)
    this.load(md)
    return md
  }

  /** True when the document is loaded or exists in the store. */
  has(docId: DocId): boolean {
    return this.docs.has(docId) || this.options.store.list(parseDocId(docId).entityId).includes(docId)
  }

  /** Loaded documents, in load order. */
  loaded(): ManagedDoc[] {
    return [...this.docs.values()]
  }

  /** Document ids of an entity held in memory or in the store, sorted. */
  list(entityId: EntityId): DocId[] {
    const e = parseEntityId(entityId).entityId
    const ids = new Set<DocId>(this.options.store.list(e))
    for (const id of this.docs.keys()) if (this.docs.get(id)!.parsed.entityId === e) ids.add(id)
    return [...ids].sort()
  }

  /** Entities with at least one document, sorted. */
  entities(): EntityId[] {
    const ids = new Set<EntityId>(this.options.store.list().map((d) => parseDocId(d).entityId))
    for (const md of this.docs.values()) ids.add(md.parsed.entityId)
    return [...ids].sort()
  }

  /**
   * Applies a remote v1 update all-or-nothing. Throws what Yjs threw after restoring the
   * document from the store; the caller wraps it in a typed error. Returns whether anything
   * changed (a duplicate delivery changes nothing).
   */
  applyRemote(md: ManagedDoc, update: Uint8Array, origin: unknown = ORIGIN_REMOTE): boolean {
    this.buffer = []
    // What Yjs holds pending is only in memory: a rebuild from the store would lose it.
    const pending = { structs: md.doc.store.pendingStructs?.update, ds: md.doc.store.pendingDs }
    try {
      Y.applyUpdate(md.doc, update, origin)
    } catch (e) {
      this.buffer = null
      this.rebuild(md)
      for (const u of [pending.structs, pending.ds]) if (u) Y.applyUpdateV2(md.doc, u, ORIGIN_LOAD)
      throw e
    }
    const buffered = this.buffer
    this.buffer = null
    if (this.saves(md, true)) for (const u of buffered) this.persist(md, u)
    md.lastRemoteChanged = buffered.length > 0
    return md.lastRemoteChanged
  }

  /** Gives the document a fresh clientID (after a restart, or when its membership epoch changes). */
  rotateClient(md: ManagedDoc): void {
    md.doc.clientID = this.options.clientIds.next(md.id)
  }

  /**
   * Replaces a document's whole state with `state` (one rebuilt from elsewhere: a log of signed
   * updates), durably as a new snapshot generation, and reloads it under a fresh clientID.
   */
  replaceState(md: ManagedDoc, state: Uint8Array): void {
    this.options.store.compact(md.id, state)
    this.appends.set(md.id, 0)
    this.rebuild(md)
  }

  /** Reloads every loaded document from the store: what is only in memory is lost, as in a restart. */
  reloadAll(): void {
    for (const md of this.docs.values()) this.rebuild(md)
  }

  /** Compacts every loaded document now (e.g. before a clean shutdown or a measurement). */
  compactAll(): void {
    for (const md of this.docs.values()) this.compact(md)
  }

  private open(docId: DocId, clientID: number): Y.Doc {
    const doc = new Y.Doc({ guid: docId, gc: true })
    doc.clientID = clientID
    return doc
  }

  private attach(md: ManagedDoc): void {
    for (const plugin of this.plugins) plugin(md)
    md.doc.on('afterTransaction', () => {
      md.version++
    })
  }

  private load(md: ManagedDoc): void {
    const held = this.options.store.load(md.id)
    const stored = held !== null && this.options.loads ? this.options.loads(md.id, held) : held
    if (stored !== null) {
      Y.transact(
        md.doc,
        () => {
          if (stored.snapshot) Y.applyUpdate(md.doc, stored.snapshot, ORIGIN_LOAD)
          for (const u of stored.updates) Y.applyUpdate(md.doc, u, ORIGIN_LOAD)
        },
        ORIGIN_LOAD,
      )
    }
    md.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === ORIGIN_LOAD) return
      if (this.buffer !== null && !isOutgoing(origin)) {
        this.buffer.push(update)
        return
      }
      if (this.saves(md, !isOutgoing(origin))) this.persist(md, update)
      this.options.onUpdate?.(md, update, origin)
    })
    this.options.loaded?.(md)
  }

  private saves(md: ManagedDoc, remote: boolean): boolean {
    return this.options.saves?.(md, remote) ?? true
  }

  private persist(md: ManagedDoc, update: Uint8Array): void {
    this.options.store.append(md.id, update)
    const n = (this.appends.get(md.id) ?? 0) + 1
    this.appends.set(md.id, n)
    if (n >= (this.options.compactEvery ?? 256)) this.compact(md)
  }

  /**
   * Writes the document's state as a new snapshot generation
   * now (after a materialization shrank it); returns its bytes.
   */
  compact(md: ManagedDoc): number {
    const state = Y.encodeStateAsUpdate(md.doc)
    this.options.store.compact(md.id, state)
    this.appends.set(md.id, 0)
    return state.byteLength
  }

  /**
   * Replaces the Y.Doc with one rebuilt from the store, under a fresh clientID as after a restart:
   * a kept one would meet its own structs in the load, and Yjs would swap in a random clientID.
   */
  private rebuild(md: ManagedDoc): void {
    md.doc.destroy()
    md.doc = this.open(md.id, this.options.clientIds.next(md.id))
    md.incarnation++
    md.ext.clear()
    this.attach(md)
    this.load(md)
    md.version++
  }
}
