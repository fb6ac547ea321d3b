/**
 * The oracle watching every document a replica opens, transaction by transaction, through the
 * document's own Yjs events (never the engine's): which items are live or tombstones, when a
 * replica removes a tombstone (a prune: its record gone by a local transaction) or a live item (a
 * move to SQL), when an item it was without shows live again, when the document's encoded size
 * passes its threshold (measured with `Y.encodeStateAsUpdate`), and the updates it integrated
 * (so the last good state of a document whose last write was torn can be rebuilt).
 */
import * as Y from 'yjs'
import type { ProfileName } from '../../engine/base/enums.ts'
import { ORIGIN_LOAD } from '../../engine/docs/origins.ts'
import { entityReader, type DocsOf, type EntityReader } from './reader/entity.ts'
import type { StructId } from './reader/views.ts'

/** Roots whose entries are items that become tombstones and get pruned, per document concern. */
const WATCHED: Readonly<Record<string, string>> = {
  chat: 'messages',
  kanban: 'cards',
  issues: 'issues',
  canvas: 'elements',
  core: 'members',
}

/** The spec's size thresholds (its "SQL Fallback Strategy" table), where a scenario sets none. */
export const SPEC_THRESHOLDS: Readonly<Record<string, number>> = {
  core: 1 << 20,
  chat: 10 << 20,
  kanban: 5 << 20,
  issues: 10 << 20,
  canvas: 5 << 20,
}

type State = 'live' | 'dead' | 'hidden'
interface Status {
  readonly state: State
  readonly deletions: readonly StructId[]
}

interface Watched {
  readonly peer: string
  readonly docId: string
  readonly entity: string
  readonly concern: string
  readonly doc: Y.Doc
  readonly status: Map<string, Status>
  /** Updates integrated since the document was opened; `loads` of them came from the store. */
  readonly updates: Uint8Array[]
  loads: number
  estimate: number
  crossed: boolean
}

/** What the watch reports, as it happens. */
export interface WatchListener {
  /** `peer` removed a tombstone by a local transaction (deletions: what made it one). */
  prune(peer: string, docId: string, item: string, deletions: readonly StructId[]): void
  tombstone(peer: string, docId: string, item: string): void
  /** `peer` removed a live item (`local`: by its own transaction, i.e. it moved the item). */
  move(peer: string, docId: string, item: string, local: boolean): void
  reappeared(peer: string, docId: string, item: string): void
  threshold(peer: string, docId: string, bytes: number, threshold: number): void
  /** Every update a document integrates, with its transaction's origin. */
  update(peer: string, docId: string, update: Uint8Array, origin: unknown): void
}

const concernOf = (docId: string): string => docId.slice(docId.lastIndexOf(':') + 1)
const entityOf = (docId: string): string => docId.slice(0, docId.lastIndexOf(':'))

export class DocWatch {
  private readonly open = new Map<string, Map<string, Watched>>()
  /** Items some replica pruned, per document; and per replica, those it was seen without since. */
  private readonly pruned = new Map<string, Set<string>>()
  private readonly gone = new Map<string, Set<string>>()

  constructor(
    private readonly profile: ProfileName,
    private readonly thresholds: Readonly<Record<string, number>>,
    private readonly listener: WatchListener,
  ) {}

  /** A replica opened `doc`: watch it from its first (load) transaction on. */
  attach(peer: string, docId: string, doc: Y.Doc): void {
    const w: Watched = {
      peer,
      docId,
      entity: entityOf(docId),
      concern: concernOf(docId),
      doc,
      status: new Map(),
      updates: [],
      loads: 0,
      estimate: 0,
      crossed: false,
    }
    const docs = this.open.get(peer) ?? this.open.set(peer, new Map()).get(peer)!
    docs.set(docId, w)
    doc.on('update', (update: Uint8Array, origin: unknown) => this.updated(w, update, origin))
    doc.on('afterTransaction', (tr: Y.Transaction) => this.changed(w, tr))
  }

  /**
   * The replica of `peer` is gone (a crash): its documents are no longer watched. What it had open
   * stays readable through the result, to rebuild a torn document's last good state.
   */
  drop(peer: string): { docs: ReadonlyMap<string, Y.Doc>; lastGood: (docId: string) => Y.Doc | undefined } {
    const docs = this.open.get(peer) ?? new Map<string, Watched>()
    this.open.delete(peer)
    return {
      docs: new Map([...docs].map(([id, w]) => [id, w.doc])),
      lastGood: (docId) => lastGoodOf(docs.get(docId)),
    }
  }

  /** The documents `peer`'s replica has open for `entity` (never loads one). */
  docsOf(peer: string, entity: string): DocsOf {
    const docs = this.open.get(peer)
    return (concern) => docs?.get(`${entity}:${concern}`)?.doc
  }

  /** A reader of what `peer`'s replica holds of `entity` now. */
  reader(peer: string, entity: string): EntityReader {
    return entityReader(this.profile, this.docsOf(peer, entity))
  }

  /**
   * What of the watch is neither read back from documents nor from the stores (for explore's
   * fingerprint): the items each replica has seen pruned. (The updates kept for a torn write's last
   * good state follow the store's own last write, which the replica's state already covers.)
   */
  state(): { gone: ReadonlyMap<string, ReadonlySet<string>> } {
    return { gone: this.gone }
  }

  /** The open document of `peer`, if any. */
  doc(peer: string, docId: string): Y.Doc | undefined {
    return this.open.get(peer)?.get(docId)?.doc
  }

  /**
   * The state a store keeps of `docId` if its last write (this replica's last update) is torn:
   * every update integrated since the document was opened but the last. Undefined when the
   * document wrote nothing since it was opened (its last write is older than this watch).
   */
  lastGood(peer: string, docId: string): Y.Doc | undefined {
    return lastGoodOf(this.open.get(peer)?.get(docId))
  }

  private updated(w: Watched, update: Uint8Array, origin: unknown): void {
    if (!this.current(w)) return
    this.listener.update(w.peer, w.docId, update, origin)
    w.updates.push(update)
    if (origin === ORIGIN_LOAD && w.updates.length === w.loads + 1) w.loads++
    const threshold = this.thresholds[w.concern]
    if (w.crossed || threshold === undefined) return
    w.estimate += update.byteLength
    // Near the threshold, measure exactly (the estimate only grows; removals shrink the document).
    if (w.estimate < threshold - Math.max(256, threshold / 64)) return
    w.estimate = Y.encodeStateAsUpdate(w.doc).byteLength
    if (w.estimate > threshold) {
      w.crossed = true
      this.listener.threshold(w.peer, w.docId, w.estimate, threshold)
    }
  }

  private changed(w: Watched, tr: Y.Transaction): void {
    const root = WATCHED[w.concern]
    if (root === undefined || !this.current(w)) return
    const coll = w.doc.getMap<unknown>(root)
    const keys = new Set<string>()
    for (const [type, changedKeys] of tr.changed) {
      if ((type as unknown) === coll) for (const k of changedKeys) if (k !== null) keys.add(k)
      const parent = type._item?.parent
      if ((parent as unknown) === coll && type._item?.parentSub) keys.add(type._item.parentSub)
    }
    if (keys.size === 0) return
    const reader = entityReader(this.profile, this.docsOf(w.peer, w.entity))
    if (w.concern === 'core') this.coreChanged(w, reader, tr.local)
    else
      for (const k of keys) this.itemChanged(w, k, coll.has(k) ? statusOf(reader, w.concern, k) : undefined, tr.local)
  }

  /** Only the document object the replica has open now (a rebuilt one replaces it). */
  private current(w: Watched): boolean {
    return this.open.get(w.peer)?.get(w.docId) === w
  }

  private coreChanged(w: Watched, reader: EntityReader, local: boolean): void {
    const now = memberStatuses(reader)
    for (const m of new Set([...w.status.keys(), ...now.keys()])) this.itemChanged(w, m, now.get(m), local)
  }

  private itemChanged(w: Watched, item: string, now: Status | undefined, local: boolean): void {
    const was = w.status.get(item)
    if (now === undefined) {
      w.status.delete(item)
      if (was === undefined) return
      if (was.state === 'dead' && local) this.prunedOn(w, item, was.deletions)
      else if (was.state === 'live') this.listener.move(w.peer, w.docId, item, local)
      if (this.pruned.get(w.docId)?.has(item)) this.goneOf(w.peer, w.docId).add(item)
      return
    }
    w.status.set(item, now)
    if (now.state === 'dead' && was?.state !== 'dead') this.listener.tombstone(w.peer, w.docId, item)
    const gone = this.goneOf(w.peer, w.docId)
    // A member added again after its record was pruned is a new membership, not a pruned item returning.
    if (now.state === 'live' && gone.has(item) && w.concern !== 'core') {
      gone.delete(item)
      this.listener.reappeared(w.peer, w.docId, item)
    }
  }

  private prunedOn(w: Watched, item: string, deletions: readonly StructId[]): void {
    const set = this.pruned.get(w.docId) ?? this.pruned.set(w.docId, new Set()).get(w.docId)!
    set.add(item)
    // Every replica that holds its tombstone now has seen it go: showing it live later is a reappearance
    // (a replica that never held the item, receiving it late, is judged by the prune's quorum instead).
    for (const [peer, docs] of this.open)
      if (docs.get(w.docId)?.status.get(item)?.state === 'dead') this.goneOf(peer, w.docId).add(item)
    this.listener.prune(w.peer, w.docId, item, deletions)
  }

  private goneOf(peer: string, docId: string): Set<string> {
    const k = `${peer}\u0000${docId}`
    return this.gone.get(k) ?? this.gone.set(k, new Set()).get(k)!
  }
}

function lastGoodOf(w: Watched | undefined): Y.Doc | undefined {
  if (!w || w.updates.length <= w.loads) return undefined
  const doc = new Y.Doc()
  for (const u of w.updates.slice(0, -1)) Y.applyUpdate(doc, u)
  return doc
}

/** An item's status as the reader shows it (a key the collection holds). */
function statusOf(reader: EntityReader, concern: string, item: string): Status {
  const r = reader.record(concern, item)
  if (!r) return { state: 'hidden', deletions: [] }
  return { state: r.deleted ? 'dead' : 'live', deletions: r.deletions }
}

/** Members the core document stores: live when active, a tombstone while removed and still stored. */
function memberStatuses(reader: EntityReader): Map<string, Status> {
  const out = new Map<string, Status>()
  const core = reader.core()
  for (const m of core.active) out.set(m, { state: 'live', deletions: [] })
  for (const t of core.removed()) out.set(t.member, { state: 'dead', deletions: t.deletions })
  return out
}
