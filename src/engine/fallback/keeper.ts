/**
 * The SQL fallback of one replica, event-driven like the tombstone machinery: after every change
 * of a document (local or remote, persisted), `pass` measures it against its threshold, keeps the
 * item index current, lets the profile's policy attest, and moves what the policy allows. Before
 * a remote update is applied, `beforeRemote` archives this replica's copies of the items it
 * removes; before a tombstone is pruned, `beforePrune` archives archived cards and closed issues.
 *
 * State is kept per Y.Doc (a document rebuilt after a failed apply starts afresh) and costs
 * O(changed items) per event; a rebuild of an index (first use, membership change) costs O(n).
 */
import * as Y from 'yjs'
import type { ManagedDoc } from '../docs/documentManager.ts'
import { type DocId, type EntityId, type MemberId } from '../base/ids.ts'
import type { EntityAccess } from '../context/entityAccess.ts'
import type { FallbackAccess, FallbackProfile } from './fallbackProfile.ts'
import type { EngineEvent } from '../base/events.ts'
import type { SqlArchive } from '../sql/archive.ts'
import { archiveOf, closeArchive, openedArchiveOf } from '../sql/storeArchive.ts'
import { entryItem, itemsDeletedBy, reclaimRemovedEntries, removedKeys } from '../base/yjsStructs.ts'
import { resolveFallbackConfig, type FallbackConfig, type ResolvedFallbackConfig } from './config.ts'
import { type IndexChange, type IndexedItem } from './itemIndex.ts'
import { archiveContext, archivedItems, markHybrid, removeItems } from './materializer.ts'
import { readAttestations } from './attestations.ts'
import type { PolicyInput } from './policy.ts'
import { modeOf, type ReadSource } from './reads.ts'
import { Failpoint } from './failpoints.ts'
import { newDocState, type DocState } from './docState.ts'
import { decodedUpdate } from '../sync/validateUpdate.ts'
import { ArchiveRereads } from './archiveReread.ts'
import type { FallbackHost } from './host.ts'

/** The archive age is frozen in this many steps (90 days: about 11 days a step). */
const GRANULES = 8

/** Reclaiming this many entries at once is worth writing a new snapshot for. */
const COMPACT_AFTER_RECLAIMING = 256

/** Entity access with this keeper behind it: what the fallback's API and the handoff take. */
export type FallbackEntity = EntityAccess<FallbackProfile, FallbackKeeper>

export class FallbackKeeper {
  readonly config: ResolvedFallbackConfig
  readonly failpoint: Failpoint
  private readonly states = new WeakMap<Y.Doc, DocState>()
  /** When archived rows are read again from the signed log (reference; archiveReread.ts). */
  readonly rereads: ArchiveRereads

  constructor(
    private readonly host: FallbackHost,
    config: FallbackConfig = {},
  ) {
    this.config = resolveFallbackConfig(config)
    this.rereads = new ArchiveRereads(host, () => this.openedArchive())
    this.failpoint = new Failpoint(config.crashAfter)
  }

  /** The replica's SQL archive (opened on first use; see storeArchive.ts). */
  get archive(): SqlArchive {
    return archiveOf(this.host.store)
  }

  /** The archive if it is open (an in-memory one never opened is empty): for questions that must not open one. */
  openedArchive(): SqlArchive | undefined {
    return openedArchiveOf(this.host.store)
  }

  /** Documents of the entity this replica holds. */
  heldDocs(entityId: EntityId): DocId[] {
    return this.host.docs.list(entityId)
  }

  /** Reports a fallback event (handoff.ts reports its transfers here). */
  emit(event: EngineEvent): void {
    this.host.events.emit(event)
  }

  /**
   * Closes a file archive (a clean shutdown checkpoints its WAL; the next replica on the store
   * opens it again). An in-memory archive stays open: it is the memory store's disk.
   */
  close(): void {
    if (this.host.store.dir !== null) closeArchive(this.host.store)
  }

  /** Items created before this are old (profile time unit). */
  cutoff(e: FallbackAccess): number {
    return e.profile.time(e.now() - this.config.archiveAfterMs)
  }

  /**
   * Items created before this may move once stable (profile time unit): the cutoff, which the
   * reference freezes in whole granules (an eighth of the archive age), so items move in batches.
   */
  moveBound(e: FallbackAccess): number {
    return this.host.profile.fallback.moveBound(this.cutoff(e), this.granule(e))
  }

  private granule(e: FallbackAccess): number {
    return e.profile.time(Math.floor(this.config.archiveAfterMs / GRANULES))
  }

  /** The fallback state of a document; undefined for documents without a threshold (disks). */
  state(md: ManagedDoc): DocState | undefined {
    const hit = this.states.get(md.doc)
    if (hit) return hit
    const st = newDocState(md, this.host.profile, this.config.thresholds, this.host.hooks?.gaugeBytes)
    if (!st) return undefined
    this.states.set(md.doc, st)
    return st
  }

  /** Forget what the index knows of `md` (a membership change alters which writes count). */
  markAll(md: ManagedDoc): void {
    this.state(md)?.index?.markAll()
  }

  /** After a change of `md` was persisted: threshold, index, attestation, materialization. */
  pass(e: FallbackAccess, md: ManagedDoc): void {
    const st = this.state(md)
    if (!st) return
    if (st.removalInFlight) {
      st.removalInFlight = false
      this.failpoint.pass('crdt', `applying a removal to ${md.id}`)
      // Rows archived from a received removal are read in hybrid mode only: the remover's mark may not come
      // with the removal (a lying remover's mark waits for structs honest replicas refused), so mark it here.
      if (modeOf(md) !== 'hybrid') e.writeSystem(md, (ctx) => markHybrid(ctx, e))
    }
    this.checkThreshold(md, st)
    if (!st.index || !st.concern) return
    const change = st.index.refresh({ md, authority: e.view().authority })
    this.reconcile(e, md)
    this.afterRemovals(md, st, change)
    if (st.concern.rule !== 'age') return
    const input = this.input(e, md, st)
    this.host.profile.fallback.noteChanges(input, change)
    this.host.profile.fallback.attest(input)
    if (!st.over) return
    const items = this.host.profile.fallback.movable(input)
    if (items.length > 0) this.move(e, md, st, items)
  }

  /**
   * Moves `items` to SQL and out of the CRDT now, whatever the policy says (materializer.ts has
   * the order and its crash-safety). For tests and benchmarks, and for items known to be stable.
   */
  move(e: FallbackAccess, md: ManagedDoc, st: DocState, items: readonly IndexedItem[]): string[] {
    const concern = st.concern!
    if (items.length === 0) return []
    const rows = archivedItems(e, md, concern, items, 'materialized')
    const bytesBefore = st.gauge.measure()
    const hook = this.host.hooks?.materializedRows
    this.archive.upsert(hook ? [...hook(rows)] : rows, archiveContext(e))
    this.failpoint.pass('sql', `materializing ${rows.length} items of ${md.id}`)
    // Only what was archived leaves (an item this replica cannot show has no row, so it stays).
    const archived = new Set(rows.map((r) => r.id))
    const present = items.filter((i) => archived.has(i.id) && i.coll.has(i.id))
    if (present.length > 0) removeItems(e, md, present)
    this.failpoint.pass('crdt', `materializing ${rows.length} items of ${md.id}`)
    this.afterRemovals(md, st, st.index!.refresh({ md, authority: e.view().authority }), false)
    const bytesAfter = st.gauge.exactly(this.host.docs.compact(md))
    st.over = bytesAfter > st.gauge.threshold
    const ids = rows.map((r) => r.id)
    this.host.events.emit({ type: 'materialize', docId: md.id, items: ids, bytesBefore, bytesAfter })
    return ids
  }

  /** Before `from`'s update is applied to `md`: archive this replica's copies of the items it removes. */
  beforeRemote(e: FallbackAccess, md: ManagedDoc, update: Uint8Array, from: MemberId): void {
    const st = this.state(md)
    if (!st?.index || !st.concern || !this.host.profile.fallback.archiveIncoming) return
    st.removalInFlight = false
    const index = st.index
    index.refresh({ md, authority: e.view().authority })
    const removed = itemsDeletedBy(md.doc, decodedUpdate(update).ds, (item) => {
      const entry = item.parentSub === null ? undefined : index.get(item.parentSub)
      return entry !== undefined && (item.parent as unknown) === entry.coll && entryItem(entry.coll, entry.id) === item
    })
    // A live message leaves the CRDT by materialization only once this member froze it (attested
    // it stable); a removal of one it never froze is a prune of a deletion it has not seen yet (it
    // was not an active member then): archiving it would keep a deleted message readable here.
    const frozenBefore = readAttestations(md).get(e.member)?.frozenBefore ?? Number.NEGATIVE_INFINITY
    const wanted =
      st.concern.rule === 'age' ? (i: IndexedItem) => i.live && i.createdAt < frozenBefore : (i: IndexedItem) => !i.live
    const entries = removed.map((item) => index.get(item.parentSub!)!).filter(wanted)
    const rows = archivedItems(e, md, st.concern, entries, 'received')
    if (rows.length === 0) return
    this.archive.upsert(rows, archiveContext(e))
    this.host.events.emit({ type: 'archive', docId: md.id, items: rows.map((r) => r.id), from })
    this.failpoint.pass('sql', `archiving ${rows.length} items of ${md.id} removed by ${from}`)
    st.removalInFlight = true
  }

  /** Before the tombstone machinery prunes `items` of `md`: archived cards and closed issues go to SQL. */
  beforePrune(e: FallbackAccess, md: ManagedDoc, items: readonly { coll: Y.Map<unknown>; id: string }[]): void {
    const st = this.state(md)
    if (!st?.concern || st.concern.rule !== 'tombstone' || items.length === 0) return
    if (!this.host.profile.fallback.archivesPrune(this.checkThreshold(md, st))) return
    const rows = archivedItems(e, md, st.concern, items, 'materialized')
    if (rows.length === 0) return
    // A move to SQL like a materialization: a mutant's materialized-rows hook sees these rows too.
    this.archive.upsert(this.host.hooks?.materializedRows?.(rows) ?? rows, archiveContext(e))
    this.failpoint.pass('sql', `archiving ${rows.length} items of ${md.id} before pruning them`)
    // The prune follows; the next pass is after it (the 'crdt' failpoint, as for a removal received).
    st.removalInFlight = true
    if (modeOf(md) !== 'hybrid') e.writeSystem(md, (ctx) => markHybrid(ctx, e))
    this.host.events.emit({
      type: 'materialize',
      docId: md.id,
      items: rows.map((r) => r.id),
      bytesBefore: -1,
      bytesAfter: -1,
    })
  }

  /**
   * Once per document per replica incarnation (the first pass after a load): drops the archive rows
   * of items the CRDT still holds. Such a row is what a crash between a move's archive write and
   * its removal leaves (or a torn write that undid the removal). The CRDT still holds the item, so
   * nothing is lost; the move, the archive-before-removal or the prune is redone from the CRDT when
   * it happens again. Kept, the row would be advertised to peers that will never hold it (their
   * CRDT still holds the item) and, were the item deleted and pruned later, read again from SQL.
   */
  reconcile(e: FallbackAccess, md: ManagedDoc): void {
    const st = this.state(md)
    if (!st?.index || !st.concern || st.reconciled) return
    st.reconciled = true
    const archive = this.openedArchive()
    if (!archive || !this.host.profile.fallback.handoff) return
    st.index.refresh({ md, authority: e.view().authority })
    const unmoved = archive.ids(st.concern.kind, e.entityId).filter((id) => st.index!.get(id))
    archive.removeUnmoved(st.concern.kind, e.entityId, unmoved)
    this.rereads.reread(e, md)
  }

  /** A read source for `md`, its index brought up to date. */
  source(e: FallbackAccess, md: ManagedDoc): ReadSource | undefined {
    const st = this.state(md)
    if (!st?.index || !st.concern) return undefined
    st.index.refresh({ md, authority: e.view().authority })
    return {
      e,
      md,
      concern: st.concern,
      index: st.index,
      archive: () => this.archive,
      ...(this.host.hooks?.readPage ? { pageHook: this.host.hooks.readPage } : {}),
    }
  }

  /** Past the threshold now? Emits `threshold` when a document crosses it. */
  private checkThreshold(md: ManagedDoc, st: DocState): boolean {
    const over = st.gauge.over()
    if (over && !st.over)
      this.host.events.emit({ type: 'threshold', docId: md.id, bytes: st.gauge.bytes(), threshold: st.gauge.threshold })
    st.over = over
    return over
  }

  /** Reclaims entries that left the CRDT (all removed ones after a rebuild, e.g. after a restart). */
  private afterRemovals(md: ManagedDoc, st: DocState, change: IndexChange, compact = true): void {
    if (!this.host.profile.fallback.reclaim || (!change.rebuilt && change.vanished.length === 0)) return
    let reclaimed = 0
    for (const map of st.concern!.reclaimable(this.host.profile, md.doc)) {
      const keys = change.rebuilt ? removedKeys(map) : change.vanished.filter((v) => v.map === map).map((v) => v.key)
      reclaimed += reclaimRemovedEntries(md.doc, map, keys)
    }
    if (reclaimed >= COMPACT_AFTER_RECLAIMING && compact) st.gauge.exactly(this.host.docs.compact(md))
    else if (reclaimed > 0 && st.over) st.gauge.measure()
    if (reclaimed > 0) st.over = st.gauge.bytes() > st.gauge.threshold
  }

  private input(e: FallbackAccess, md: ManagedDoc, st: DocState): PolicyInput {
    return {
      e,
      md,
      index: st.index!,
      over: st.over,
      cutoff: this.cutoff(e),
      granule: this.granule(e),
      state: st.policy,
      events: this.host.events,
    }
  }
}
