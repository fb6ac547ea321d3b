/**
 * Unified reads across the CRDT and the SQL archive (spec, "Hybrid Mode" step 4, `get_messages`).
 *
 * The spec's hybrid read takes `limit / 2` newest from each side and merges them: that page is not
 * the newest `limit` items (25 archived messages from last year can displace 25 of today's) and
 * has no way to page on. Here both sides are read newest-first before a cursor, merged, and cut at
 * `limit`; a page ends with the cursor of its oldest item. An item present on both sides (a crash
 * between the SQL write and the CRDT removal) is read once, from the CRDT, which stays
 * authoritative while it holds the item.
 */
import { LabError } from '../base/errors.ts'
import type { ManagedDoc } from '../docs/documentManager.ts'
import type { FallbackAccess } from './fallbackProfile.ts'
import type { Cursor, SqlArchive } from '../sql/archive.ts'
import type { ArchivedItem } from '../sql/kinds.ts'
import type { FallbackConcern } from './concerns.ts'
import { before, type IndexedItem, type ItemIndex, type ReadItem } from './itemIndex.ts'
import { FALLBACK_MODE, METADATA } from './materializer.ts'

export const FALLBACK_MODES = ['crdt', 'hybrid', 'sql'] as const
/** The spec's `FallbackMode::{Crdt, Hybrid, Sql}`. */
export type FallbackMode = (typeof FALLBACK_MODES)[number]

export interface ReadPage {
  /** Oldest first. */
  readonly items: readonly ReadItem[]
  readonly mode: FallbackMode
  /** Pass as `before` for the next (older) page; null when there is nothing older. */
  readonly next: Cursor | null
}

export interface PageOptions {
  readonly limit: number
  readonly before?: Cursor
  /** Overrides the document's own mode. */
  readonly mode?: FallbackMode
}

/** What a read needs: the document, its concern, its index (refreshed) and the archive. */
export interface ReadSource {
  readonly e: FallbackAccess
  readonly md: ManagedDoc
  readonly concern: FallbackConcern
  readonly index: ItemIndex
  /** The archive, opened on first use (a read of a document in `crdt` mode never opens it). */
  archive(): SqlArchive
  /** A mutant's hook on every page (replica/hooks.ts); the engine runs with none. */
  readonly pageHook?: (page: ReadPage) => ReadPage
}

export const MAX_PAGE = 10_000
const END: Cursor = { createdAt: Number.MAX_SAFE_INTEGER, id: '' }

/** The document's mode as its metadata says (`crdt` until a materialization marked it). */
export function modeOf(md: ManagedDoc): FallbackMode {
  const mode = md.doc.getMap<unknown>(METADATA).get(FALLBACK_MODE)
  return mode === 'hybrid' || mode === 'sql' ? mode : 'crdt'
}

/** The newest `limit` live items before `before`, oldest first. */
export function readPage(src: ReadSource, opts: PageOptions): ReadPage {
  if (!Number.isSafeInteger(opts.limit) || opts.limit < 1 || opts.limit > MAX_PAGE) {
    throw new LabError(
      'INVALID_ARG',
      `limit must be a whole number from 1 to ${MAX_PAGE}, got ${JSON.stringify(opts.limit)}`,
      { path: 'limit' },
    )
  }
  const mode = opts.mode ?? modeOf(src.md)
  const cursor = opts.before ?? END
  const crdt = mode === 'sql' ? [] : crdtNewest(src, opts.limit, cursor)
  // A full page from the CRDT bounds what SQL can add: only rows newer than its oldest item.
  const floor = crdt.length === opts.limit ? crdt[crdt.length - 1]! : undefined
  const sql = mode === 'crdt' ? [] : sqlNewest(src, opts.limit, cursor, mode === 'hybrid', floor)
  const newest = merge(crdt, sql, (x, y) => before(y, x), opts.limit)
  const last = newest[newest.length - 1]
  const page: ReadPage = {
    items: newest.reverse(),
    mode,
    next: newest.length === opts.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  }
  return src.pageHook ? src.pageHook(page) : page
}

/** Every live item, oldest first (what `chat.list` shows and the oracle's noLoss reads). */
export function readAll(src: ReadSource, mode: FallbackMode = modeOf(src.md)): ReadItem[] {
  const crdt = mode === 'sql' ? [] : crdtAll(src)
  const rows =
    mode === 'crdt'
      ? []
      : src
          .archive()
          .all(src.concern.kind, src.e.entityId)
          .filter((r) => mode === 'sql' || !src.index.get(r.id))
  return merge(crdt, rows.map(fromRow), before)
}

/** An archived row as a read returns it: the view, without what only exact reads need (`record`). */
function fromRow(r: ArchivedItem): ReadItem {
  const { record: _record, ...fields } = r.fields
  return { id: r.id, createdAt: r.createdAt, source: 'sql', fields }
}

/**
 * Reads one index entry as a live item, or undefined (tombstone, or invisible to this replica).
 * The read is cached on the entry until the item changes (or membership does: the index is then
 * rebuilt), so reading a whole chat again after one new message reads one message.
 */
function viewer(src: ReadSource): (item: IndexedItem) => ReadItem | undefined {
  const rctx = { md: src.md, authority: src.e.view().authority }
  return (item) => {
    if (!item.live) return undefined
    if (item.read === undefined) {
      const view = src.concern.view(src.e.profile, rctx, item.coll, item.id)
      item.read =
        view && !view.deleted ? { id: item.id, createdAt: view.createdAt, source: 'crdt', fields: view.fields() } : null
    }
    return item.read ?? undefined
  }
}

function crdtAll(src: ReadSource): ReadItem[] {
  const see = viewer(src)
  return src.index.items.flatMap((item) => see(item) ?? [])
}

function crdtNewest(src: ReadSource, limit: number, cursor: Cursor): ReadItem[] {
  const see = viewer(src)
  const out: ReadItem[] = []
  const items = src.index.items
  for (let i = src.index.lowerBound(cursor) - 1; i >= 0 && out.length < limit; i--) {
    const read = see(items[i]!)
    if (read) out.push(read)
  }
  return out
}

/** Newest archived items before `cursor`; in hybrid mode items the CRDT still holds are skipped. */
function sqlNewest(src: ReadSource, limit: number, cursor: Cursor, shadow: boolean, floor?: Cursor): ReadItem[] {
  const out: ReadItem[] = []
  let at = cursor
  while (out.length < limit) {
    const want = limit - out.length
    const rows = src.archive().page(src.concern.kind, src.e.entityId, want, at, floor)
    for (const r of rows) if (!shadow || !src.index.get(r.id)) out.push(fromRow(r))
    if (rows.length < want) break
    const last = rows[rows.length - 1]!
    at = { createdAt: last.createdAt, id: last.id }
  }
  return out
}

/** Merges two lists, each ordered so that `first(x, y)` holds for x ahead of y, keeping `limit` items. */
function merge(
  a: readonly ReadItem[],
  b: readonly ReadItem[],
  first: (x: ReadItem, y: ReadItem) => boolean,
  limit = Number.POSITIVE_INFINITY,
): ReadItem[] {
  const out: ReadItem[] = []
  let i = 0
  let j = 0
  while (out.length < limit && (i < a.length || j < b.length)) {
    const x = a[i]
    const y = b[j]
    if (x && (!y || first(x, y))) {
      out.push(x)
      i++
    } else {
      out.push(y!)
      j++
    }
  }
  return out
}
