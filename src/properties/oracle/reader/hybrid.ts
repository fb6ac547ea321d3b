/**
 * Reads across the CRDT and a replica's SQL archive, as the fallback documents them
 * (src/engine/fallback/README.md, "Reads"): the document's `metadata.fallback_mode` is `crdt`
 * until the first move, then `hybrid` (or `sql`). In `crdt` mode only the CRDT is read; in
 * `hybrid` both, an item the CRDT still holds shadowing its row; in `sql` the archive only. Items
 * come in chronological order (created_at, then id), each once. Reads page newest first before a
 * cursor; the oracle pages too, to hold the engine's pages to the same list.
 */
import type * as Y from 'yjs'

/** An item the CRDT shows live, or an archived row, with what orders it. */
export interface ReadableItem {
  readonly id: string
  readonly createdAt: number
  readonly source: 'crdt' | 'sql'
}

/** A row of a replica's archive (the oracle gets the rows as the database holds them). */
export interface ArchivedRow {
  readonly id: string
  readonly createdAt: number
  /** The item as it was archived: the view the CRDT showed (src/engine/sql/kinds.ts `fields`). */
  readonly fields: Readonly<Record<string, unknown>>
}

export type FallbackMode = 'crdt' | 'hybrid' | 'sql'

export function modeOf(doc: Y.Doc): FallbackMode {
  const m = doc.getMap<unknown>('metadata').get('fallback_mode')
  return m === 'hybrid' || m === 'sql' ? m : 'crdt'
}

const before = (a: ReadableItem, b: ReadableItem): number =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * Every item a replica can read: `live` (the CRDT's live items), `held` (every id the CRDT holds,
 * tombstones included: they shadow rows), `rows` (the archive's), merged by the document's mode.
 */
export function readableItems(
  mode: FallbackMode,
  live: readonly { id: string; createdAt: number }[],
  held: ReadonlySet<string>,
  rows: readonly ArchivedRow[],
): ReadableItem[] {
  const crdt = mode === 'sql' ? [] : live.map((i) => ({ ...i, source: 'crdt' as const }))
  const sql =
    mode === 'crdt'
      ? []
      : rows
          .filter((r) => mode === 'sql' || !held.has(r.id))
          .map((r) => ({ id: r.id, createdAt: r.createdAt, source: 'sql' as const }))
  return [...crdt, ...sql].sort(before)
}
