/**
 * The SQL fallback as ops, queries, tests and the oracle use it: reads across CRDT and SQL,
 * what the fallback may still move, the document's status, and a direct materialization.
 *
 * For the oracle: `readableItems` is "every item this replica can read, from CRDT and SQL, in
 * order" (noLoss: each live item exactly once, in order, on every peer); `movableItems` is "items
 * the fallback may still move" with the structs each is made of, so the oracle can tell which are
 * held by every active member (sizeThreshold: at quiescence, none of those remain in a document
 * past its threshold); `fallbackStatus` gives the exact encoded size against the threshold, and
 * `retainedRemovedEntries` the growth moved items left behind.
 */
import { LabError } from '../base/errors.ts'
import type { Concern, DocId } from '../base/ids.ts'
import type { MessageView } from '../concerns/chat/model.ts'
import type { FallbackEntity } from './keeper.ts'
import type { Cursor } from '../sql/archive.ts'
import type { Json } from '../ports/records.ts'
import { svToJSON } from '../base/yjsInternals.ts'
import { removedKeys } from '../base/yjsStructs.ts'
import { FALLBACK_THRESHOLD_AT, METADATA } from './materializer.ts'
import { needOf } from './policy.ts'
import { recordOf } from './concerns.ts'
import {
  modeOf,
  readAll,
  readPage,
  type FallbackMode,
  type PageOptions,
  type ReadPage,
  type ReadSource,
} from './reads.ts'
import type { ReadItem } from './itemIndex.ts'

/** Anything that hands out entity access (a Replica). */
export interface EntityHolder {
  entity(entityId: string): FallbackEntity
}

/** An item the fallback's rule selects now (stable or not). */
export interface MovableItem {
  readonly id: string
  readonly createdAt: number
  /**
   * End clock per client (clientKey -> clock) of the item's
   * structs: a replica holds it when its state vector covers this.
   */
  readonly need: Readonly<Record<string, number>>
}

export interface FallbackStatus {
  readonly docId: DocId
  /** Exact encoded size now (`Y.encodeStateAsUpdate`). */
  readonly bytes: number
  readonly threshold: number
  readonly over: boolean
  readonly mode: FallbackMode
  /** `fallback_threshold_at` of the document's metadata (profile time unit), or null. */
  readonly thresholdAt: number | null
  /** Rows of the entity in this replica's archive for the concern (deleted ones included). */
  readonly archived: number
}

/** A page of messages (the spec's `get_messages`), oldest first. */
export interface MessagePage {
  readonly messages: readonly MessageView[]
  readonly mode: FallbackMode
  readonly next: Cursor | null
}

function sourceOf(e: FallbackEntity, concern: Concern): ReadSource {
  const md = e.doc(concern)
  const src = e.fallback.source(e, md)
  if (!src)
    throw new LabError('INVALID_ARG', `${concern} has no SQL fallback; expected chat, kanban or issues`, {
      path: md.id,
    })
  return src
}

/** Every live item of the concern this replica can read, oldest first, each once. */
export function readableItems(r: EntityHolder, entityId: string, concern: Concern = 'chat'): ReadItem[] {
  return readAll(sourceOf(r.entity(entityId), concern))
}

/** An item of the concern as it was archived here (the view its query showed), or undefined. */
export function archivedView(
  e: FallbackEntity,
  concern: Concern,
  id: string,
): Readonly<Record<string, Json>> | undefined {
  const kind = sourceOf(e, concern).concern.kind
  // An archive nobody opened holds nothing (a store on disk opens its archive at start).
  return e.fallback.openedArchive()?.get(kind, e.entityId, id)?.fields
}

/** The record fields of an archived item (what `records.read` showed when it moved), or undefined. */
export function archivedRecord(
  e: FallbackEntity,
  concern: Concern,
  id: string,
): Readonly<Record<string, Json>> | undefined {
  const view = archivedView(e, concern, id)
  return view && (recordOf(view) ?? view)
}

/** A page of live items (see reads.ts). */
export function readItems(e: FallbackEntity, concern: Concern, opts: PageOptions): ReadPage {
  return readPage(sourceOf(e, concern), opts)
}

/** Live messages across CRDT and SQL, oldest first (what `chat.list` shows). */
export const allMessages = (e: FallbackEntity): MessageView[] =>
  readAll(sourceOf(e, 'chat')).map((i) => i.fields as unknown as MessageView)

/** The spec's `get_messages(entity_id, limit)`, with paging: the newest `limit` before `before`. */
export function getMessages(e: FallbackEntity, opts: PageOptions): MessagePage {
  const page = readItems(e, 'chat', opts)
  return { messages: page.items.map((i) => i.fields as unknown as MessageView), mode: page.mode, next: page.next }
}

/** Items the fallback's rule selects in the CRDT now: live and older than the cutoff (chat), or archived/closed. */
export function movableItems(r: EntityHolder, entityId: string, concern: Concern = 'chat'): MovableItem[] {
  const e = r.entity(entityId)
  const src = sourceOf(e, concern)
  const picked =
    src.concern.rule === 'age' ? src.index.liveBefore(e.fallback.cutoff(e)) : src.index.items.filter((i) => !i.live)
  return picked.map((i) => ({ id: i.id, createdAt: i.createdAt, need: svToJSON(needOf(i)) }))
}

/**
 * Items of the entity created before this may move once stable (profile time unit): this
 * replica's cutoff (now minus the archive age), frozen in whole granules by the reference.
 */
export function moveBound(r: EntityHolder, entityId: string): number {
  const e = r.entity(entityId)
  return e.fallback.moveBound(e)
}

export function fallbackStatus(r: EntityHolder, entityId: string, concern: Concern = 'chat'): FallbackStatus {
  const e = r.entity(entityId)
  const src = sourceOf(e, concern)
  const st = e.fallback.state(src.md)!
  const bytes = st.gauge.measure()
  const at = src.md.doc.getMap<unknown>(METADATA).get(FALLBACK_THRESHOLD_AT)
  return {
    docId: src.md.id,
    bytes,
    threshold: st.gauge.threshold,
    over: bytes > st.gauge.threshold,
    mode: modeOf(src.md),
    thresholdAt: typeof at === 'number' ? at : null,
    archived: src.archive().count(src.concern.kind, e.entityId),
  }
}

/**
 * Removed entries the concern's create-once collections still keep as Items (~28 bytes each): 0
 * once a reference replica has reclaimed them, every removed entry ever under the spec profile.
 * The oracle's "moved items leave no growth behind" is this being 0 at quiescence.
 */
export function retainedRemovedEntries(r: EntityHolder, entityId: string, concern: Concern = 'chat'): number {
  const e = r.entity(entityId)
  const src = sourceOf(e, concern)
  return src.concern.reclaimable(e.profile, src.md.doc).reduce((n, map) => n + removedKeys(map).length, 0)
}

/**
 * Moves the given live items (default: every one the rule selects) now, bypassing the profile's
 * policy. For tests, benchmarks and operators who know the items are stable. Returns the ids moved.
 */
export function materializeNow(
  r: EntityHolder,
  entityId: string,
  concern: Concern = 'chat',
  ids?: readonly string[],
): string[] {
  const e = r.entity(entityId)
  const src = sourceOf(e, concern)
  const wanted = ids ?? movableItems(r, entityId, concern).map((i) => i.id)
  const items = wanted.flatMap((id) => src.index.get(id) ?? [])
  return e.fallback.move(e, src.md, e.fallback.state(src.md)!, items)
}
