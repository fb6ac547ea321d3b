/**
 * Event-driven tombstone pruning (the spec's "Pruning Flow"): after every sync event and every
 * local change, let the profile's ack strategy acknowledge, then prune each tombstone every
 * member of the quorum has acknowledged, and compact what no read can show again. No periodic
 * task (a strategy that defers acks to sync rounds gets a pass there too). Tombstones are tracked
 * incrementally (ChangedItems), so a pass costs O(changed items + tombstones).
 */
import * as Y from 'yjs'
import type { ManagedDoc } from '../docs/documentManager.ts'
import type { MemberId } from '../base/ids.ts'
import type { ReadCtx, TombstoneCollection } from '../ports/records.ts'
import { ChangedItems } from '../docs/changedItems.ts'
import type { EventHub } from '../base/events.ts'
import type { OpEntity } from '../ops/types.ts'
import type { AckInput, PassCause } from '../ports/acks.ts'
import type { StructId } from '../base/yjsInternals.ts'

interface Tracked {
  readonly changed: ChangedItems
  /** The collection's tombstones, each with the struct ids of its deletions as last read. */
  readonly tombs: Map<string, readonly StructId[]>
  /** Items with entries no read can show again (RecordView.compactable), as last read. */
  readonly compactable: Map<string, readonly string[]>
}

export type CollectionsOf = (md: ManagedDoc) => TombstoneCollection[]

/** Called before tombstones of a collection are pruned (the SQL fallback archives archived cards and closed issues). */
export type BeforePrune = (e: OpEntity, md: ManagedDoc, items: readonly { coll: Y.Map<unknown>; id: string }[]) => void

export class TombstoneKeeper {
  private readonly tracked = new WeakMap<Y.Map<unknown>, Tracked>()
  /** Documents this keeper has passed over at least once. */
  private readonly seen = new WeakSet<Y.Doc>()
  /** Documents whose document-wide ack roots (AckStrategy.ackRoots) changed since their last pass. */
  private readonly acksChanged = new WeakMap<Y.Doc, { changed: boolean }>()

  constructor(
    private readonly collectionsOf: CollectionsOf,
    private readonly events: EventHub,
    private readonly beforePrune: BeforePrune = () => undefined,
  ) {}

  /** Forget what is known about `md` (a membership change alters whose deletions count). */
  markAll(md: ManagedDoc): void {
    for (const { coll } of this.collectionsOf(md)) this.tracked.get(coll)?.changed.markAll()
  }

  /**
   * Acks per the profile's ack strategy, then prunes what is fully acknowledged, in `md`. Only items
   * that changed since the last pass are read: an item's deletion records and acks change only
   * by writes to it, and a membership change (who must ack) marks every item changed.
   */
  pass(e: OpEntity, md: ManagedDoc, cause: PassCause, from?: MemberId): void {
    this.seen.add(md.doc)
    const acksChanged = this.watchAcks(e, md)
    const changed = this.refresh(e, md)
    const acks = this.ackInput(e, md, changed, cause)
    if (from !== undefined) e.profile.acks.onRemote(acks, from)
    e.profile.acks.afterChange(acks)
    // Acks just written changed their items: read those again before deciding what to prune.
    // (Collections are compared by their Y.Map: each refresh builds new descriptors.)
    for (const [c, ids] of this.refresh(e, md)) {
      const same = [...changed.keys()].find((k) => k.coll === c.coll)
      if (same) for (const id of ids) changed.get(same)!.add(id)
      else changed.set(c, ids)
    }
    // A document-wide attestation may acknowledge any tombstone: every one is a candidate.
    if (acksChanged.changed) {
      acksChanged.changed = false
      for (const [c, ids] of changed) for (const id of this.trackedOf(md, c).tombs.keys()) ids.add(id)
    }
    this.prune(e, md, changed)
    if (cause === 'remote' || cause === 'round') this.compact(e, md)
  }

  /**
   * Deletes the entries reads found compactable (what no read can show again: records decide,
   * from what the authority settles for good), in one system write. Not after a local op: it
   * would be a second transaction of the op; the next remote change or sync round does it.
   */
  private compact(e: OpEntity, md: ManagedDoc): void {
    const records = e.profile.records
    if (records.compact === undefined) return
    const todo = this.collectionsOf(md).flatMap((c) => {
      const t = this.trackedOf(md, c)
      const items = [...t.compactable]
      t.compactable.clear()
      return items.map(([id, keys]) => ({ coll: c.coll, id, keys }))
    })
    if (todo.length === 0) return
    e.writeSystem(md, (ctx) => {
      for (const { coll, id, keys } of todo) records.compact!(ctx, coll, id, keys)
    })
  }

  /**
   * A sync round's pass over `md`: every round when the profile's ack strategy defers acks to
   * rounds, else only the first (`passOnce`).
   */
  round(e: OpEntity, md: ManagedDoc): void {
    if (e.profile.acks.onRounds === true) this.pass(e, md, 'round')
    else this.passOnce(e, md)
  }

  /**
   * A pass over `md` unless this keeper made one already. A replica restarted after a crash that
   * tore its last ack (or interrupted a prune) holds a tombstone it must ack or prune again, yet
   * receives nothing new when its peers hold what it holds: its first sync round looks instead.
   */
  passOnce(e: OpEntity, md: ManagedDoc): void {
    if (!this.seen.has(md.doc)) this.pass(e, md, 'round')
  }

  /** Whether the document's ack roots changed since the last pass (watching them from the first). */
  private watchAcks(e: OpEntity, md: ManagedDoc): { changed: boolean } {
    let w = this.acksChanged.get(md.doc)
    if (w === undefined) {
      const watch = { changed: true }
      const roots = new Set<unknown>((e.profile.acks.ackRoots ?? []).map((name) => md.doc.getMap(name)))
      if (roots.size > 0)
        md.doc.on('afterTransaction', (tr: Y.Transaction) => {
          for (const type of tr.changed.keys()) if (roots.has(type)) watch.changed = true
        })
      this.acksChanged.set(md.doc, (w = watch))
    }
    return w
  }

  /** Tombstones per collection among the items that changed since the last refresh. */
  private refresh(e: OpEntity, md: ManagedDoc): Map<TombstoneCollection, Set<string>> {
    const rctx = { md, authority: e.view().authority }
    const out = new Map<TombstoneCollection, Set<string>>()
    for (const c of this.collectionsOf(md)) out.set(c, this.changedTombstones(md, c, rctx, e))
    return out
  }

  private trackedOf(md: ManagedDoc, c: TombstoneCollection): Tracked {
    let t = this.tracked.get(c.coll)
    if (!t) {
      t = { changed: new ChangedItems(md, () => c.coll), tombs: new Map(), compactable: new Map() }
      this.tracked.set(c.coll, t)
    }
    return t
  }

  /** Updates the collection's tombstone set from what changed; returns the changed tombstones. */
  private changedTombstones(md: ManagedDoc, c: TombstoneCollection, rctx: ReadCtx, e: OpEntity): Set<string> {
    const t = this.trackedOf(md, c)
    const changed = t.changed.take()
    const ids = changed === 'all' ? e.profile.records.keys(c.coll) : changed
    if (changed === 'all') {
      t.tombs.clear()
      t.compactable.clear()
    }
    const out = new Set<string>()
    for (const id of ids) {
      const v = e.profile.records.read(rctx, c.coll, id, c.names)
      if (v?.compactable !== undefined && v.compactable.length > 0) t.compactable.set(id, v.compactable)
      else t.compactable.delete(id)
      if (v?.deleted) {
        if (!t.tombs.has(id)) this.events.emit({ type: 'tombstone', docId: md.id, item: id, deletions: v.deletions })
        t.tombs.set(id, v.deletions)
        out.add(id)
      } else {
        t.tombs.delete(id)
      }
    }
    return out
  }

  /** What the profile's ack strategy sees of `md` in this pass. */
  private ackInput(
    e: OpEntity,
    md: ManagedDoc,
    changed: Map<TombstoneCollection, Set<string>>,
    cause: PassCause,
  ): AckInput {
    return {
      md,
      member: e.member,
      cause,
      view: () => e.view(),
      tombstones: () => [...changed.keys()].map((c) => [c, this.trackedOf(md, c).tombs] as const),
      changed,
      read: (c, id) => e.profile.records.read({ md, authority: e.view().authority }, c.coll, id, c.names),
      write: (fn) => e.writeSystem(md, fn),
      acked: (item, member) => this.events.emit({ type: 'ack', docId: md.id, item, member }),
    }
  }

  private prune(e: OpEntity, md: ManagedDoc, changed: Map<TombstoneCollection, Set<string>>): void {
    const view = e.view()
    const quorum = view.quorum
    // With nobody to acknowledge (a replica that holds no membership yet), nothing is ever prunable.
    if (quorum.length === 0) return
    const rctx = { md, authority: view.authority }
    const ready: { c?: TombstoneCollection; id: string; deletions: readonly { client: number; clock: number }[] }[] = []
    for (const [c, ids] of changed) {
      for (const id of ids) {
        const v = e.profile.records.read(rctx, c.coll, id, c.names)
        if (v?.deleted && quorum.every((m) => v.acked.includes(m))) ready.push({ c, id, deletions: v.deletions })
      }
    }
    if (md.parsed.concern === 'core') {
      for (const t of view.tombstones)
        if (quorum.every((m) => t.acked.includes(m))) ready.push({ id: t.member, deletions: t.deletions })
    }
    if (ready.length === 0) return
    this.beforePrune(
      e,
      md,
      ready.flatMap((r) => (r.c ? [{ coll: r.c.coll, id: r.id }] : [])),
    )
    e.writeSystem(md, (ctx) => {
      for (const r of ready) {
        if (r.c) e.profile.records.prune(ctx, r.c.coll, r.id)
        else e.profile.membership.prune(ctx, view, r.id)
      }
    })
    for (const r of ready)
      this.events.emit({ type: 'prune', docId: md.id, item: r.id, quorum: [...quorum], deletions: r.deletions })
  }
}
