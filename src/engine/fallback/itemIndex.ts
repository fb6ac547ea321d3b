/**
 * Items of one document in chronological order (created_at, then id), kept up to date from what
 * each transaction changed. The fallback asks it for "live items older than the cutoff" (a
 * prefix), the unified reads page through it, and neither scans a 30,000-message document per
 * event: a refresh costs O(changed items · log n), a rebuild (first use, membership change) O(n).
 */
import type * as Y from 'yjs'
import type { ManagedDoc } from '../docs/documentManager.ts'
import type { ReadCtx, Json } from '../ports/records.ts'
import { ChangedItems } from '../docs/changedItems.ts'
import type { Cursor } from '../sql/archive.ts'
import type { ItemRoot, ItemView } from './concerns.ts'

/** One readable item and where it was read from. */
export interface ReadItem {
  readonly id: string
  readonly createdAt: number
  readonly source: 'crdt' | 'sql'
  /** The item's view (a MessageView for chat). */
  readonly fields: Readonly<Record<string, Json>>
}

export interface IndexedItem {
  readonly id: string
  readonly coll: Y.Map<unknown>
  readonly createdAt: number
  /** False for a tombstone (deleted, archived, closed). */
  live: boolean
  /** Cached `structsNeeded` of the item; dropped whenever the item changes. */
  need?: Map<number, number>
  /** Cached read of the item (reads.ts; null: not live); dropped whenever the item changes. */
  read?: ReadItem | null
}

/** What one refresh changed. */
export interface IndexChange {
  /** True when the index was rebuilt from scratch (nothing is known about what changed). */
  readonly rebuilt: boolean
  readonly changed: readonly IndexedItem[]
  readonly removed: readonly IndexedItem[]
  /** Root entries that changed and hold no item now (removed ones, known to the index or not). */
  readonly vanished: readonly { readonly map: Y.Map<unknown>; readonly key: string }[]
}

interface Tracked {
  readonly root: ItemRoot
  readonly changed: ChangedItems
  /** Item ids under each entry of the root (a spec thread holds several replies). */
  readonly under: Map<string, string[]>
}

/** Removals per refresh done by splicing before the rest are filtered out in one pass. */
const SPLICE_LIMIT = 16

export type ViewOf = (rctx: ReadCtx, coll: Y.Map<unknown>, id: string) => ItemView | undefined

/** Orders by (createdAt, id), the order of `byCreation` and of the SQL reads. */
export const before = (a: Cursor, b: Cursor): boolean =>
  a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id)

export class ItemIndex {
  private readonly byId = new Map<string, IndexedItem>()
  private sorted: IndexedItem[] = []
  /**
   * Removed items still in `sorted`: a batch (a materialization
   * of 30,000) is filtered out once, not spliced one by one.
   */
  private stale = 0
  private spliced = 0
  private readonly tracked: Tracked[]
  /** Bumps whenever an item is added, changed or removed. */
  version = 0

  constructor(
    md: ManagedDoc,
    roots: readonly ItemRoot[],
    private readonly viewOf: ViewOf,
  ) {
    this.tracked = roots.map((root) => ({ root, changed: new ChangedItems(md, () => root.map), under: new Map() }))
  }

  /** Forget everything (a membership change alters which writes count). */
  markAll(): void {
    for (const t of this.tracked) t.changed.markAll()
  }

  /** Applies what changed since the last refresh. */
  refresh(rctx: ReadCtx): IndexChange {
    this.spliced = 0
    const changed: IndexedItem[] = []
    const removed: IndexedItem[] = []
    const vanished: { map: Y.Map<unknown>; key: string }[] = []
    let rebuilt = false
    for (const t of this.tracked) {
      const keys = t.changed.take()
      if (keys === 'all') {
        rebuilt = true
        for (const ids of t.under.values()) for (const id of ids) this.remove(id)
        t.under.clear()
      }
      for (const key of keys === 'all' ? [...t.root.map.keys()] : keys) {
        if (this.refreshKey(rctx, t, key, changed, removed) === 0) vanished.push({ map: t.root.map, key })
      }
    }
    if (this.stale > 0) {
      this.sorted = this.sorted.filter((i) => this.byId.get(i.id) === i)
      this.stale = 0
    }
    if (rebuilt) removed.length = 0
    return { rebuilt, changed, removed, vanished }
  }

  get(id: string): IndexedItem | undefined {
    return this.byId.get(id)
  }

  get size(): number {
    return this.sorted.length
  }

  /** Items in chronological order (do not modify). */
  get items(): readonly IndexedItem[] {
    return this.sorted
  }

  /** Position of the first item not before `c`. */
  lowerBound(c: Cursor): number {
    let lo = 0
    let hi = this.sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (before(this.sorted[mid]!, c)) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Live items created before `bound`, oldest first. */
  liveBefore(bound: number): IndexedItem[] {
    const out: IndexedItem[] = []
    for (const item of this.sorted) {
      if (item.createdAt >= bound) break
      if (item.live) out.push(item)
    }
    return out
  }

  /** The oldest live item with createdAt in [from, to), if any. */
  firstLiveIn(from: number, to: number): IndexedItem | undefined {
    for (let i = this.lowerBound({ createdAt: from, id: '' }); i < this.sorted.length; i++) {
      const item = this.sorted[i]!
      if (item.createdAt >= to) return undefined
      if (item.live) return item
    }
    return undefined
  }

  /** Re-reads the items under one root entry; returns how many it holds now. */
  private refreshKey(rctx: ReadCtx, t: Tracked, key: string, changed: IndexedItem[], removed: IndexedItem[]): number {
    const now = t.root.itemsAt(key)
    const ids = new Set(now.map((x) => x.id))
    for (const id of t.under.get(key) ?? []) {
      if (ids.has(id)) continue
      const gone = this.remove(id)
      if (gone) removed.push(gone)
    }
    const kept: string[] = []
    for (const { coll, id } of now) {
      const view = this.viewOf(rctx, coll, id)
      if (view === undefined) {
        const gone = this.remove(id)
        if (gone) removed.push(gone)
        continue
      }
      kept.push(id)
      changed.push(this.upsert(coll, id, view))
    }
    if (kept.length > 0) t.under.set(key, kept)
    else t.under.delete(key)
    return now.length
  }

  private upsert(coll: Y.Map<unknown>, id: string, view: ItemView): IndexedItem {
    const old = this.byId.get(id)
    if (old && old.createdAt === view.createdAt && old.coll === coll) {
      old.live = !view.deleted
      delete old.need
      delete old.read
      this.version++
      return old
    }
    if (old) this.remove(id)
    const item: IndexedItem = { id, coll, createdAt: view.createdAt, live: !view.deleted }
    this.byId.set(id, item)
    this.sorted.splice(this.lowerBound(item), 0, item)
    this.version++
    return item
  }

  /** Forgets `id`; a few removals splice, more are left stale for one filter at the end of the refresh. */
  private remove(id: string): IndexedItem | undefined {
    const item = this.byId.get(id)
    if (!item) return undefined
    this.byId.delete(id)
    this.version++
    if (this.stale === 0 && this.spliced < SPLICE_LIMIT) {
      const i = this.lowerBound(item)
      if (this.sorted[i] === item) this.sorted.splice(i, 1)
      this.spliced++
    } else {
      this.stale++
    }
    return item
  }
}
