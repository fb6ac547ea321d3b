/**
 * What follows a persisted change of a document, local or remote: the tombstone machinery's pass
 * (acks, then pruning), the SQL fallback's pass, and, when the core document changed, everything a
 * membership change alters: whose writes count and who must ack (every document is looked at
 * again), and this replica's own membership epoch (a re-added member writes with fresh clientIDs).
 */
import type { DocumentManager, ManagedDoc } from '../docs/documentManager.ts'
import type { EntityId, MemberId } from '../base/ids.ts'
import type { EventHub } from '../base/events.ts'
import type { FallbackKeeper } from '../fallback/keeper.ts'
import type { OpEntity } from '../ops/types.ts'
import type { TombstoneKeeper } from './tombstones.ts'
import type { PassCause } from '../ports/acks.ts'

/** What the after-change handling needs of its replica. */
export interface AfterChangeHost {
  readonly member: MemberId
  readonly docs: DocumentManager
  readonly events: EventHub
  readonly tombstones: TombstoneKeeper
  readonly fallback: FallbackKeeper
}

export class AfterChange {
  /** This replica's membership epoch per entity, as last seen. */
  private readonly epochIn = new Map<EntityId, string>()
  /** Inside `batch`: the entities whose other documents are looked at again when it ends. */
  private deferred: Map<EntityId, { e: OpEntity; cause: PassCause }> | undefined
  /** Inside `batch`: the content documents whose tombstone pass (acks, prunes) runs when it ends. */
  private passes: Map<ManagedDoc, { e: OpEntity; cause: PassCause; from: MemberId }> | undefined

  constructor(private readonly host: AfterChangeHost) {}

  /** After a local op (or entity creation) wrote through `e`. */
  local(e: OpEntity): void {
    const { docs, tombstones, fallback } = this.host
    const touched = new Set(e.ranges.map((r) => r.docId))
    if (touched.has(`${e.entityId}:core`)) this.coreChanged(e, 'local')
    for (const docId of touched) if (!docId.endsWith(':core')) tombstones.pass(e, docs.get(docId), 'local')
    for (const docId of touched) fallback.pass(e, docs.get(docId))
  }

  /** After a remote update from `from` was integrated into `md` (and persisted). */
  remote(e: OpEntity, md: ManagedDoc, from: MemberId): void {
    const cause = md.lastRemoteChanged ? 'remote' : 'repeat'
    if (md.parsed.concern === 'core') this.coreChanged(e, cause, from)
    else if (this.passes === undefined) this.host.tombstones.pass(e, md, cause, from)
    else {
      const prior = this.passes.get(md)?.cause
      this.passes.set(md, { e, cause: prior === 'remote' ? prior : cause, from })
    }
    this.host.fallback.pass(e, md)
  }

  /** Remembers this replica's membership epoch in an entity before anything changes it. */
  noteEpoch(e: OpEntity): void {
    if (!this.epochIn.has(e.entityId) && e.exists()) this.epochIn.set(e.entityId, e.view().epochOf(this.host.member))
  }

  /**
   * Runs `fn` (the entries of one signed message) with the look at the entity's other documents
   * that a membership change calls for done once, when it ends, as for one merged update: a
   * joining member's core arrives as one entry per membership op, and looking at every item of
   * every document after each made a 100-member join cost 100 passes over the entity. So is each
   * content document's tombstone pass: a member catching up on N signed entries acknowledged N
   * times (N watermark rewrites, each sent to every member). A throw (a crash point) skips both:
   * the replica restarts, and its passes after loading look.
   */
  batch<T>(fn: () => T): T {
    if (this.deferred !== undefined) return fn()
    this.deferred = new Map()
    this.passes = new Map()
    let out: T
    try {
      out = fn()
    } catch (e) {
      this.deferred = this.passes = undefined
      throw e
    }
    const [todo, passes] = [this.deferred, this.passes]
    this.deferred = this.passes = undefined
    for (const [md, { e, cause, from }] of passes) {
      this.host.tombstones.pass(e, md, cause, from)
      this.host.fallback.pass(e, md)
    }
    for (const { e, cause } of todo.values()) this.othersChanged(e, cause)
    return out
  }

  /** Membership may have changed: whose writes count, who must ack, and this replica's own epoch. */
  private coreChanged(e: OpEntity, cause: PassCause, from?: MemberId): void {
    const core = e.doc('core')
    // A re-add can arrive together with the removal it follows (one merged update): compare
    // epochs, not states.
    const epoch = e.view().epochOf(this.host.member)
    const was = this.epochIn.get(e.entityId)
    this.epochIn.set(e.entityId, epoch)
    if (was !== undefined && was !== epoch) this.rotate(e)
    if (this.deferred === undefined) this.othersChanged(e, cause)
    else {
      const prior = this.deferred.get(e.entityId)?.cause
      this.deferred.set(e.entityId, { e, cause: prior === 'remote' ? prior : cause })
    }
    this.host.tombstones.pass(e, core, cause, from)
  }

  /** Whose writes count and who must ack changed: every document but the core is looked at again. */
  private othersChanged(e: OpEntity, cause: PassCause): void {
    const { docs, tombstones, fallback } = this.host
    const core = e.doc('core')
    fallback.rereads.membershipChanged(e)
    for (const docId of docs.list(e.entityId)) {
      const md = docs.get(docId)
      if (md !== core) {
        tombstones.markAll(md)
        tombstones.pass(e, md, cause)
        fallback.markAll(md)
        fallback.pass(e, md)
      }
    }
  }

  /** A re-added member writes with fresh clientIDs, so its new writes are known to follow the re-add. */
  private rotate(e: OpEntity): void {
    const { docs, events } = this.host
    for (const docId of docs.list(e.entityId)) {
      const md = docs.get(docId)
      docs.rotateClient(md)
      events.emit({ type: 'rotate', entityId: e.entityId, docId, client: md.doc.clientID })
    }
  }
}
