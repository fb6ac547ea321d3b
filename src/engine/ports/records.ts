/**
 * Records: the items of a collection (members, messages, cards, issues, canvas elements) and how
 * a profile stores them in a Y.Map. Concerns (chat, kanban, ...) speak only this interface; the
 * profile decides the layout, the conflict rules and the tombstone/ack bookkeeping.
 */
import type * as Y from 'yjs'
import type { ManagedDoc } from '../docs/documentManager.ts'
import type { MemberId } from '../base/ids.ts'
import type { StructId } from '../base/yjsInternals.ts'

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
export type Fields = Record<string, Json>

/** Names of the tombstone flag and its time field in the spec's schema for one collection. */
export interface TombstoneNames {
  /** `deleted` (members, messages, elements, comments), `archived` (cards), `closed` (issues). */
  readonly flag: string
  readonly at: string
}

export const DELETED: TombstoneNames = { flag: 'deleted', at: 'deleted_at' }

/** A collection whose items become tombstones, with the spec's names for its flag. */
export interface TombstoneCollection {
  readonly coll: Y.Map<unknown>
  readonly names: TombstoneNames
}

/** Who writes, on which document, at what wall-clock time (the replica's own, possibly skewed, clock). */
export interface WriteCtx {
  readonly md: ManagedDoc
  readonly member: MemberId
  readonly now: number
}

/**
 * Whose writes count. The reference profile fences writes of removed members and of clients no
 * member registered; the spec profile lets everything count.
 */
export interface Authority {
  /** Does the struct `id` of document `md` take effect? */
  effective(md: ManagedDoc, id: StructId): boolean
  /**
   * Whether that can no longer change, whatever ops arrive later: `effective` (it counts for
   * good), `fenced` (it never will), undefined (a later op may change it). Absent: never known.
   * Compaction (records) deletes only what this settles.
   */
  final?(md: ManagedDoc, id: StructId): 'effective' | 'fenced' | undefined
}

/** Every write counts, for good (no membership fences anything). */
export const EVERYONE: Authority = { effective: () => true, final: () => 'effective' }

export interface ReadCtx {
  readonly md: ManagedDoc
  readonly authority: Authority
}

/** One field write as the oracle sees it: what was written, with which LWW timestamp, by whom. */
export interface FieldWrite {
  readonly field: string
  readonly value: Json
  /** The timestamp the profile orders concurrent writes by (Lamport stamp or wall-clock `updated_at`). */
  readonly stamp: number
  readonly replica: MemberId
}

export interface RecordView {
  readonly id: string
  /** Visible field values, with the spec's schema names (incl. the tombstone flag and its time). */
  readonly fields: Fields
  /** LWW timestamp of the value each field shows. */
  readonly stamps: Readonly<Record<string, number>>
  readonly deleted: boolean
  /** Struct ids of the deletion records this replica holds (empty when live). */
  readonly deletions: readonly StructId[]
  /** Members whose acknowledgement of the deletion this replica holds. */
  readonly acked: readonly MemberId[]
  /** Who wrote the value each field shows, where the profile can tell (reference; absent in spec). */
  readonly writers?: Readonly<Record<string, MemberId>>
  /** Members whose deletions make the item a tombstone, where the profile can tell (reference). */
  readonly deletedBy?: readonly MemberId[]
  /**
   * Keys of the item's entries no read can ever show again, whatever arrives later (fenced for
   * good, or beaten by a write that counts for good): compaction may delete them (reference).
   */
  readonly compactable?: readonly string[]
}

export interface RecordStrategy {
  /** Creates an item with its initial fields; throws ALREADY_EXISTS if the id is taken. */
  create(ctx: WriteCtx, coll: Y.Map<unknown>, id: string, fields: Fields): FieldWrite[]
  /** Writes fields of an existing item (per-field LWW). */
  update(ctx: WriteCtx, coll: Y.Map<unknown>, id: string, fields: Fields): FieldWrite[]
  /** Makes the item a tombstone (deleted / archived / closed). */
  remove(ctx: WriteCtx, coll: Y.Map<unknown>, id: string, names: TombstoneNames): void
  /** The item as this replica shows it, tombstones included; undefined when absent or pruned. */
  read(rctx: ReadCtx, coll: Y.Map<unknown>, id: string, names: TombstoneNames): RecordView | undefined
  /** Ids of every item stored in the collection (live, tombstones and fenced). */
  keys(coll: Y.Map<unknown>): string[]
  /**
   * Revives an item `ctx.member` deleted (an undo): a record that causally follows that member's
   * deletions this replica holds. Deletions by other members, seen or concurrent, still stand.
   */
  revive(ctx: WriteCtx, coll: Y.Map<unknown>, id: string, names: TombstoneNames): FieldWrite[]
  /** Removes a tombstone for good. */
  prune(ctx: WriteCtx, coll: Y.Map<unknown>, id: string): void
  /** Deletes entries of an item that a read found compactable (`RecordView.compactable`). */
  compact?(ctx: WriteCtx, coll: Y.Map<unknown>, id: string, keys: readonly string[]): void
}
