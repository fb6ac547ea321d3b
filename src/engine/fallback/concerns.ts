/**
 * Which concerns have a fallback, and how it finds and reads their items: one entry per concern
 * (as the op registry has one per op). Chat moves live messages older than the cutoff; kanban
 * and issues move archived cards and closed issues, which are tombstone-equivalents in the spec,
 * so they move when the tombstone machinery prunes them (and on the receiving side, before a
 * peer's prune is applied). Their archived view is what the queries show (CardView, IssueView with
 * its comments). Core and canvas have a threshold and no action.
 */
import * as Y from 'yjs'
import type { Concern } from '../base/ids.ts'
import type { ChatLayout } from '../concerns/chat/model.ts'
import type { IssuesLayout } from '../concerns/issues/model.ts'
import {
  DELETED,
  type Json,
  type ReadCtx,
  type RecordStrategy,
  type RecordView,
  type TombstoneNames,
} from '../ports/records.ts'
import { ARCHIVED, CARDS, cardOf } from '../concerns/kanban/model.ts'
import { CLOSED, ISSUES, issueOf } from '../concerns/issues/model.ts'
import type { ArchiveKind } from '../sql/kinds.ts'
import { finiteOr } from '../base/jsonValue.ts'

/** The layouts the fallback finds and reads items through (a slice of the profile). */
export interface ItemLayouts {
  readonly records: RecordStrategy
  readonly chat: ChatLayout
  readonly issues: IssuesLayout
}

/** An item as the fallback sees it. */
export interface ItemView {
  /** Creation time in the profile's unit. */
  readonly createdAt: number
  /** A tombstone: deleted (messages), archived (cards), closed (issues). */
  readonly deleted: boolean
  /** The whole view, as reads return it (built on demand). */
  fields(): Readonly<Record<string, Json>>
  /** What goes into the archive's `fields`: the view and anything a later exact read needs. */
  archived(): Readonly<Record<string, Json>>
}

/** A root map of a document and the items one of its entries holds. */
export interface ItemRoot {
  readonly map: Y.Map<unknown>
  itemsAt(key: string): { readonly coll: Y.Map<unknown>; readonly id: string }[]
}

/** `age`: live items older than the cutoff move. `tombstone`: archived/closed items move when pruned. */
export type MoveRule = 'age' | 'tombstone'

export interface FallbackConcern {
  readonly concern: Concern
  readonly kind: ArchiveKind
  readonly rule: MoveRule
  roots(profile: ItemLayouts, doc: Y.Doc): ItemRoot[]
  view(profile: ItemLayouts, rctx: ReadCtx, coll: Y.Map<unknown>, id: string): ItemView | undefined
  /** Create-once collections whose removed entries may be reclaimed (see base/yjsStructs.ts). */
  reclaimable(profile: ItemLayouts, doc: Y.Doc): Y.Map<unknown>[]
}

const CHAT: FallbackConcern = {
  concern: 'chat',
  kind: 'message',
  rule: 'age',
  roots: (profile, doc) =>
    profile.chat.messageRoots(doc).map((r) => ({ map: r.map, itemsAt: (key) => r.messagesAt(key) })),
  view(profile, rctx, coll, id) {
    const m = profile.chat.messageAt(rctx, coll, id)
    if (!m) return undefined
    const fields = (): Record<string, Json> => m as unknown as Record<string, Json>
    // Archived: the MessageView plus the record's own fields (per-writer reaction flags and the
    // like), so what an archived message shows is what the CRDT showed, to the field.
    return {
      createdAt: m.created_at,
      deleted: m.deleted,
      fields,
      archived: () => ({
        ...fields(),
        record: recordDiff(fields(), profile.records.read(rctx, coll, id, DELETED)?.fields ?? {}),
      }),
    }
  },
  reclaimable: (_profile, doc) => [doc.getMap<unknown>('messages')],
}

/**
 * A record's fields stored against the view they sit beside: the keys whose value the view shows
 * as is (`same`), and the others (`diff`), so an archived message does not hold its content twice.
 */
function recordDiff(view: Readonly<Record<string, Json>>, record: Readonly<Record<string, Json>>): Json {
  const same: string[] = []
  const diff: Record<string, Json> = {}
  for (const [k, v] of Object.entries(record)) {
    if (k in view && JSON.stringify(view[k]) === JSON.stringify(v)) same.push(k)
    else diff[k] = v
  }
  return { same, diff }
}

/** The record fields an archived view holds (see `recordDiff`), or undefined when it holds none. */
export function recordOf(archived: Readonly<Record<string, Json>>): Record<string, Json> | undefined {
  const r = archived.record as { same?: unknown; diff?: unknown } | undefined
  if (!r || !Array.isArray(r.same) || typeof r.diff !== 'object' || r.diff === null) return undefined
  const out: Record<string, Json> = {}
  for (const k of r.same) if (typeof k === 'string') out[k] = archived[k]!
  return Object.assign(out, r.diff as Record<string, Json>)
}

/** A concern whose items are records of one root map, tombstoned under `names`, shown as `show` does. */
function recordConcern(
  concern: Concern,
  kind: ArchiveKind,
  root: string,
  names: TombstoneNames,
  show: (profile: ItemLayouts, v: RecordView) => object,
): FallbackConcern {
  return {
    concern,
    kind,
    rule: 'tombstone',
    roots(_profile, doc) {
      const map = doc.getMap<unknown>(root)
      return [{ map, itemsAt: (key) => (map.get(key) instanceof Y.Map ? [{ coll: map, id: key }] : []) }]
    },
    view(profile, rctx, coll, id) {
      const v = profile.records.read(rctx, coll, id, names)
      const fields = (): Record<string, Json> => show(profile, v!) as Record<string, Json>
      return v && { createdAt: finiteOr(v.fields.created_at, 0), deleted: v.deleted, fields, archived: fields }
    },
    reclaimable: (_profile, doc) => [doc.getMap<unknown>(root)],
  }
}

export const FALLBACK_CONCERNS: Readonly<Partial<Record<Concern, FallbackConcern>>> = {
  chat: CHAT,
  kanban: recordConcern('kanban', 'card', CARDS, ARCHIVED, (_profile, v) => cardOf(v)),
  issues: recordConcern('issues', 'issue', ISSUES, CLOSED, (profile, v) => issueOf(v, profile.issues.commentsOf(v))),
}

export const fallbackConcernOf = (concern: string): FallbackConcern | undefined => FALLBACK_CONCERNS[concern as Concern]
