/**
 * Event-driven tombstone pruning (the spec's "Pruning Flow"): after every sync event and every
 * local change, acknowledge what the profile's ack policy says, then prune each tombstone every
 * member of the quorum has acknowledged. No periodic task. Tombstones are tracked incrementally
 * (ChangedItems), so a pass costs O(changed items + tombstones).
 */
import type * as Y from 'yjs'
import type { ManagedDoc } from '../docs/documentManager.ts'
import type { MemberId } from '../ids.ts'
import type { AckActions } from '../profile.ts'
import type { ReadCtx, TombstoneNames } from '../records.ts'
import { ChangedItems } from '../tombstoneIndex.ts'
import type { EntityAccess } from './entityAccess.ts'
import type { EventHub } from './events.ts'

/** A collection whose items become tombstones, with the spec's names for its flag. */
export interface TombstoneCollection {
  readonly coll: Y.Map<unknown>
  readonly names: TombstoneNames
}

interface Tracked {
  readonly changed: ChangedItems
  readonly tombs: Set<string>
}

export type CollectionsOf = (md: ManagedDoc) => TombstoneCollection[]

/** Called before tombstones of a collection are pruned (the SQL fallback archives archived cards and closed issues). */
export type BeforePrune = (e: EntityAccess, md: ManagedDoc, items: readonly { coll: Y.Map<unknown>; id: string }[]) => void

export class TombstoneKeeper {
  private readonly tracked = new WeakMap<Y.Map<unknown>, Tracked>()

  constructor(
    private readonly collectionsOf: CollectionsOf,
    private readonly events: EventHub,
    private readonly beforePrune: BeforePrune = () => undefined,
  ) {}

  /** Forget what is known about `md` (a membership change alters whose deletions count). */
  markAll(md: ManagedDoc): void {
    for (const { coll } of this.collectionsOf(md)) this.tracked.get(coll)?.changed.markAll()
  }

  /** Acks per the profile's policy, then prunes what is fully acknowledged, in `md`. */
  pass(e: EntityAccess, md: ManagedDoc, from?: MemberId): void {
    const acts = this.actions(e)
    if (from !== undefined) e.profile.acks.onRemote(acts, md, from)
    e.profile.acks.afterChange(acts, md)
    this.prune(e, md)
  }

  private actions(e: EntityAccess): AckActions {
    return {
      ackSender: (md, peer) => this.ackSender(e, md, peer),
      attestOwn: (md) => this.attestOwn(e, md),
    }
  }

  /** Current tombstones of one collection, refreshed from what changed since last time. */
  private tombstones(md: ManagedDoc, c: TombstoneCollection, rctx: ReadCtx, e: EntityAccess): Set<string> {
    let t = this.tracked.get(c.coll)
    if (!t) {
      t = { changed: new ChangedItems(md, () => c.coll), tombs: new Set() }
      this.tracked.set(c.coll, t)
    }
    const changed = t.changed.take()
    const ids = changed === 'all' ? e.profile.records.keys(c.coll) : changed
    if (changed === 'all') t.tombs.clear()
    for (const id of ids) {
      const v = e.profile.records.read(rctx, c.coll, id, c.names)
      if (v?.deleted) {
        if (!t.tombs.has(id)) this.events.emit({ type: 'tombstone', docId: md.id, item: id, deletions: v.deletions })
        t.tombs.add(id)
      } else {
        t.tombs.delete(id)
      }
    }
    return t.tombs
  }

  private ackSender(e: EntityAccess, md: ManagedDoc, peer: MemberId): void {
    const rctx = { md, authority: e.view().authority }
    const isCore = md.parsed.concern === 'core'
    e.writeSystem(md, (ctx) => {
      if (isCore) e.profile.membership.ackFor(ctx, e.view(), peer)
      for (const c of this.collectionsOf(md)) {
        for (const id of this.tombstones(md, c, rctx, e)) {
          if (e.profile.records.ackFor(ctx, c.coll, id, peer)) this.events.emit({ type: 'ack', docId: md.id, item: id, member: peer })
        }
      }
    })
  }

  private attestOwn(e: EntityAccess, md: ManagedDoc): void {
    const view = e.view()
    if (view.roleOf(e.member) === undefined) return
    const rctx = { md, authority: view.authority }
    const pending: { c: TombstoneCollection; id: string }[] = []
    for (const c of this.collectionsOf(md)) {
      for (const id of this.tombstones(md, c, rctx, e)) {
        const v = e.profile.records.read(rctx, c.coll, id, c.names)
        if (v && !v.acked.includes(e.member)) pending.push({ c, id })
      }
    }
    const memberTombs = md.parsed.concern === 'core' ? view.tombstones.filter((t) => !t.acked.includes(e.member)) : []
    if (pending.length === 0 && memberTombs.length === 0) return
    e.writeSystem(md, (ctx) => {
      if (memberTombs.length > 0) e.profile.membership.attest(ctx, view)
      for (const { c, id } of pending) {
        const v = e.profile.records.read(rctx, c.coll, id, c.names)
        if (v && e.profile.records.attest(ctx, c.coll, id, v)) this.events.emit({ type: 'ack', docId: md.id, item: id, member: e.member })
      }
    })
    for (const t of memberTombs) this.events.emit({ type: 'ack', docId: md.id, item: t.member, member: e.member })
  }

  private prune(e: EntityAccess, md: ManagedDoc): void {
    const view = e.view()
    const quorum = view.quorum
    // With nobody to acknowledge (a replica that holds no membership yet), nothing is ever prunable.
    if (quorum.length === 0) return
    const rctx = { md, authority: view.authority }
    const ready: { c?: TombstoneCollection; id: string; deletions: readonly { client: number; clock: number }[] }[] = []
    for (const c of this.collectionsOf(md)) {
      for (const id of this.tombstones(md, c, rctx, e)) {
        const v = e.profile.records.read(rctx, c.coll, id, c.names)
        if (v && quorum.every((m) => v.acked.includes(m))) ready.push({ c, id, deletions: v.deletions })
      }
    }
    if (md.parsed.concern === 'core') {
      for (const t of view.tombstones) if (quorum.every((m) => t.acked.includes(m))) ready.push({ id: t.member, deletions: t.deletions })
    }
    if (ready.length === 0) return
    this.beforePrune(e, md, ready.flatMap((r) => (r.c ? [{ coll: r.c.coll, id: r.id }] : [])))
    e.writeSystem(md, (ctx) => {
      for (const r of ready) {
        if (r.c) e.profile.records.prune(ctx, r.c.coll, r.id)
        else e.profile.membership.prune(ctx, view, r.id)
      }
    })
    for (const r of ready) this.events.emit({ type: 'prune', docId: md.id, item: r.id, quorum: [...quorum], deletions: r.deletions })
  }
}
