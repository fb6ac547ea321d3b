/**
 * The oracle's reader: what a replica's Yjs documents show, read with plain Yjs and the documented
 * format of each profile's layout (the spec's schema for `spec`, the reference's record layout
 * for `reference`), never with engine code. Checks judge what this reader shows, and compare the
 * engine's own reads against it: a disagreement is a finding. This folder imports only Yjs, lib0
 * and the shared value sets of the engine's base (an architecture test holds it to that).
 *
 * This file: the shapes the reader returns, and the few Yjs internals it reads (which struct holds
 * a map entry: who wrote it, and when in their stream).
 */
import * as Y from 'yjs'

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

/** A Yjs struct id: the writing client and its clock. */
export interface StructId {
  readonly client: number
  readonly clock: number
}

/** One item of a collection as a replica shows it (tombstones included). */
export interface ItemRecord {
  readonly id: string
  /** Field values the replica shows, by the spec's names (flat: `data.k`, `comment:<id>:<f>`). */
  readonly fields: Readonly<Record<string, Json>>
  /** The LWW stamp of the value each field shows. */
  readonly stamps: Readonly<Record<string, number>>
  /** Who wrote the value each field shows ('' where the layout cannot tell). */
  readonly writers: Readonly<Record<string, string>>
  /** A tombstone: deleted, archived or closed. */
  readonly deleted: boolean
  /** Struct ids of the deletion writes that make it one (empty when live). */
  readonly deletions: readonly StructId[]
}

/** Membership as a replica's core document shows it. */
export interface CoreRead {
  /** Active members, sorted. */
  readonly active: readonly string[]
  roleOf(member: string): string | undefined
  /** Whether a struct of a document of `concern` (its `_clients` registry in `doc`) takes effect. */
  effective(concern: string, doc: Y.Doc, id: StructId): boolean
  /** Removed members whose record the document still stores (member tombstones), with their removal writes. */
  removed(): readonly { readonly member: string; readonly deletions: readonly StructId[] }[]
}

export interface MessageRead {
  readonly id: string
  readonly author_id: string
  readonly content: string
  readonly created_at: number
  readonly deleted: boolean
  readonly parent_id: string | null
  readonly reactions: Readonly<Record<string, readonly string[]>>
}

export interface CardRead {
  readonly id: string
  readonly title: string
  readonly column_id: string
  readonly archived: boolean
  readonly created_at: number
  readonly record: ItemRecord
}

export interface ColumnRead {
  readonly id: string
  readonly title: string
  /** Live cards the column lists, in order (a listing twice is kept: the spec's flaw). */
  readonly card_order: readonly string[]
}

export interface BoardRead {
  /** Columns in board order. */
  readonly columns: readonly ColumnRead[]
  /** Every card held (archived ones included), by id. */
  readonly cards: readonly CardRead[]
}

export interface CommentRead {
  readonly id: string
  readonly author_id: string
  readonly content: string
  readonly created_at: number
  readonly deleted: boolean
}

export interface IssueRead {
  readonly id: string
  readonly closed: boolean
  readonly created_at: number
  readonly record: ItemRecord
  /** Comments, deleted ones included, by (created_at, id). */
  readonly comments: readonly CommentRead[]
}

export interface ElementRead {
  readonly id: string
  readonly deleted: boolean
  /** Flat fields: geometry by name, data keys as `data.k`. */
  readonly record: ItemRecord
}

export interface FileRead {
  readonly path: string
  readonly type: string
  /** The text of a public text file. */
  readonly text?: string
  /** The content address of a blob file, and whether the document holds the blob. */
  readonly blob?: string
  readonly blobHeld?: boolean
  /** The blob's bytes when it is not sealed (public binary files). */
  readonly bytes?: Uint8Array
  readonly sealed: boolean
}

/** Map entries with the struct that holds each (live entries only), in the map's order. */
export function entries(map: Y.Map<unknown>): { key: string; value: unknown; id: StructId }[] {
  const out: { key: string; value: unknown; id: StructId }[] = []
  for (const [key, item] of (map as unknown as { _map: Map<string, Y.Item> })._map) {
    if (item.deleted) continue
    const content = item.content.getContent()
    out.push({ key, value: content[item.length - 1], id: item.id })
  }
  return out
}

/** The struct holding `key` in `map`, or undefined when absent. */
export function entryStruct(map: Y.Map<unknown>, key: string): StructId | undefined {
  const item = (map as unknown as { _map: Map<string, Y.Item> })._map.get(key)
  return item === undefined || item.deleted ? undefined : item.id
}

/** `id` was integrated by a writer whose state vector (client key base 36 -> clock) was `sv`. */
export function inPast(id: StructId, sv: Readonly<Record<string, number>> | undefined): boolean {
  const clock = sv?.[id.client.toString(36)]
  return clock !== undefined && clock > id.clock
}

/** A Y.Map value as JSON (nested types by their own toJSON). */
export const jsonOf = (v: unknown): Json => (v instanceof Y.AbstractType ? (v.toJSON() as Json) : (v as Json))

/** Chronological order: creation time, then id. */
export const byCreation = <T extends { created_at: number; id: string }>(a: T, b: T): number =>
  a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

export const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** A card from its record (both profiles store the same CardData fields). */
export const cardOf = (r: ItemRecord): CardRead => ({
  id: r.id,
  title: String(r.fields.title ?? ''),
  column_id: String(r.fields.column_id ?? ''),
  archived: r.deleted,
  created_at: Number(r.fields.created_at ?? 0),
  record: r,
})

/** A comment from its fields. */
export const commentOf = (id: string, f: Readonly<Record<string, unknown>>): CommentRead => ({
  id,
  author_id: String(f.author_id ?? ''),
  content: String(f.content ?? ''),
  created_at: Number(f.created_at ?? 0),
  deleted: f.deleted === true,
})

/** An issue from its record and its comments. */
export const issueOf = (r: ItemRecord, comments: CommentRead[]): IssueRead => ({
  id: r.id,
  closed: r.deleted,
  created_at: Number(r.fields.created_at ?? 0),
  record: r,
  comments: comments.sort(byCreation),
})

/** A message from its record, with the reactions and thread the layout keeps its own way. */
export const messageOf = (
  r: ItemRecord,
  reactions: Readonly<Record<string, readonly string[]>>,
  parent: string | null,
): MessageRead => ({
  id: r.id,
  author_id: String(r.fields.author_id ?? ''),
  content: String(r.fields.content ?? ''),
  created_at: Number(r.fields.created_at ?? 0),
  deleted: r.deleted,
  parent_id: parent,
  reactions,
})
