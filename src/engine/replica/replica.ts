/**
 * A replica: one peer's copy of every entity it holds, with the engine's full behaviour (ops, queries, sync,
 * acks, pruning, offline queue) under one profile. It knows nothing of the simulator: it takes time, ids and
 * clientIDs from injected providers, persists to a DocStore, and exchanges opaque sync messages through its
 * outbox. What it is built from is options.ts; what follows a change (acks, pruning, the fallback, membership
 * epochs) afterChange.ts; how it plugs into receive() receiveHost.ts.
 */
import * as Y from 'yjs'
import { DocumentManager, type ManagedDoc } from '../docs/documentManager.ts'
import { LabError } from '../base/errors.ts'
import { parseDocId, parseEntityId, validateMemberId, type DocId, type EntityId, type MemberId } from '../base/ids.ts'
import type { MembershipView } from '../ports/membership.ts'
import { profileByName, type Profile } from '../profile/profile.ts'
import { type Providers } from '../base/providers.ts'
import type { IvSource, KeyRing } from '../disks/index.ts'
import { MembershipKeyRing } from '../disks/membershipKeyRing.ts'
import { stateVectorOf } from '../sync/stateVectors.ts'
import { capsOf } from '../sync/caps.ts'
import { hasPending } from '../base/yjsInternals.ts'
import { opDef, queryDef } from '../ops/registry.ts'
import { checkArgNames } from '../ops/define.ts'
import type { Args } from '../concerns/args.ts'
import { collectionsOf } from '../concerns/collections.ts'
import { schemaPlugin } from '../concerns/schema.ts'
import { createEntity, type EntitySpec } from './entityCreation.ts'
import { EntityAccess, type EntityHost } from '../context/entityAccess.ts'
import { EventHub } from '../base/events.ts'
import { Outbox } from './outbox.ts'
import type { ReceiveResult } from './receive.ts'
import { TombstoneKeeper } from './tombstones.ts'
import { CanvasSessions } from '../concerns/canvas/session.ts'
import { FallbackKeeper } from '../fallback/keeper.ts'
import { archiveDigests } from '../fallback/handoff.ts'
import { NO_HOOKS, sent, storeHooks, writerOf, type ReplicaHooks } from './hooks.ts'
import type { OpResult, OpOutcome } from '../ports/effects.ts'
import { CrashPoint } from '../fallback/failpoints.ts'
import type { Envelope } from '../sync/envelope.ts'
import type { OpEntity } from '../ops/types.ts'
import { AfterChange } from './afterChange.ts'
import { heldTombstones, receiveReport, type ReceiveReport } from './introspection.ts'
import { openDocPlugins, type ReplicaOptions } from './options.ts'
import { inboxOf, type Inbox } from './receiveHost.ts'
import { syncPolicyOf, type SyncPolicy } from './syncPolicy.ts'
import { outcomeOf } from './outcome.ts'

export type { EngineConfig, ReplicaOptions } from './options.ts'

export class Replica implements EntityHost<Profile, FallbackKeeper> {
  readonly member: MemberId
  readonly profile: Profile
  readonly docs: DocumentManager
  readonly events = new EventHub()
  private readonly outbox: Outbox
  /** How its documents travel: signed or not, to whom (syncPolicy.ts). */
  readonly sync: SyncPolicy
  /** Ephemeral canvas state per entity: cursors (with their 10 Hz throttle) and the undo timeline. */
  readonly canvas: CanvasSessions
  private readonly keeper: TombstoneKeeper
  private readonly after: AfterChange
  /** The SQL fallback: archive, thresholds, materialization, unified reads. */
  readonly fallback: FallbackKeeper
  /** Seams a broken engine uses (mutation testing); none in production. */
  private readonly hooks: ReplicaHooks
  private readonly providers: Providers
  private readonly inbox: Inbox
  readonly keys: KeyRing
  readonly ivs: IvSource

  constructor(options: ReplicaOptions) {
    this.member = validateMemberId(options.member, 'member')
    this.profile = typeof options.profile === 'string' ? profileByName(options.profile) : options.profile
    this.hooks = options.hooks ?? NO_HOOKS
    const lie = () => this.hooks.lie
    const view = (docId: DocId) => this.membership(parseDocId(docId).entityId)
    this.sync = syncPolicyOf(this, options, lie, view, (remote) => this.hooks.saves?.({ remote, online: this.online }))
    this.outbox = new Outbox(this.sync.sealer, lie)
    this.providers = options.providers
    this.keys = options.keys ?? new MembershipKeyRing(options.providers.keySeed, this.member, (e) => this.isActiveIn(e))
    this.ivs = options.providers.random
    this.canvas = new CanvasSessions({
      member: this.member,
      limitBytes: options.config?.canvasLimitBytes,
      send: (env) => this.outbox.send(env),
    })
    this.keeper = new TombstoneKeeper(
      (md) => collectionsOf(this.profile, md),
      this.events,
      (e, md, items) => this.fallback.beforePrune(e, md, items),
    )
    this.docs = new DocumentManager({
      store: options.store,
      clientIds: options.providers.clientIds,
      plugins: [schemaPlugin, ...this.profile.plugins, ...openDocPlugins(options), ...this.sync.plugins],
      compactEvery: options.config?.compactEvery,
      onUpdate: (md, update) => this.outbox.publish(md.parsed.entityId, md.id, update),
      loaded: (md) => this.sync.authorship?.redoRebuild(this.docs, md),
      ...storeHooks(this.hooks, () => this.online),
    })
    this.fallback = new FallbackKeeper(
      {
        profile: this.profile,
        store: options.store,
        docs: this.docs,
        events: this.events,
        hooks: this.hooks,
        replay: this.sync.authorship && ((d: DocId) => this.sync.authorship!.replay(d)),
      },
      options.config,
    )
    this.after = new AfterChange({
      member: this.member,
      docs: this.docs,
      events: this.events,
      tombstones: this.keeper,
      fallback: this.fallback,
    })
    this.inbox = inboxOf({
      docs: this.docs,
      hooks: this.hooks,
      caps: capsOf(options.config),
      outbox: this.outbox,
      events: this.events,
      canvas: this.canvas,
      fallback: this.fallback,
      after: this.after,
      sync: this.sync,
      entity: (entityId) => this.entity(entityId),
    })
    // A file archive is opened now, so a corrupt one is reported at start, not at the first read.
    if (options.store.dir !== null) void this.fallback.archive
  }

  get ids() {
    return this.providers.ids
  }
  now(): number {
    return this.providers.clock.now()
  }

  // ---- entities, ops and queries -------------------------------------------------------------

  /** Creates an entity owned by this replica's member, with its initial members. */
  createEntity(entityId: string, spec: EntitySpec): OpOutcome {
    const e = new EntityAccess(this, entityId)
    const result = createEntity(e, spec)
    this.after.local(e)
    return this.outcome('entity.create', e, result)
  }

  /** Runs a registered op as this replica's member. Bad input or a refused op throws a LabError and changes nothing. */
  execute(op: string, entityId: string, args: Args = {}): OpOutcome {
    const def = opDef(op)
    checkArgNames(def, args)
    const e = new EntityAccess(writerOf(this, this.hooks.lie), entityId)
    e.requireConcern(def.concern)
    this.after.noteEpoch(e)
    const result = def.run(e, args)
    try {
      this.after.local(e)
    } catch (err) {
      // A failpoint crash after the op wrote (and persisted): the caller still learns what the op did.
      if (err instanceof CrashPoint) err.outcome = this.outcome(op, e, result)
      throw err
    }
    return this.outcome(op, e, result)
  }

  query(name: string, entityId: string, args: Args = {}): unknown {
    const def = queryDef(name)
    checkArgNames(def, args)
    const e = new EntityAccess(this, entityId)
    e.requireConcern(def.concern)
    if (!e.exists())
      throw new LabError('NOT_FOUND', `${this.member} holds no entity ${e.entityId}`, { path: e.entityId })
    return def.run(e, args)
  }

  entities(): EntityId[] {
    return this.docs.entities()
  }

  private isActiveIn(entityId: EntityId): boolean {
    return this.docs.list(entityId).length > 0 && this.membership(entityId).roleOf(this.member) !== undefined
  }

  membership(entityId: string): MembershipView {
    return new EntityAccess(this, entityId).view()
  }

  /** Entity access for concern modules and tests (reads and writes as this replica). */
  entity(entityId: string): OpEntity {
    return new EntityAccess(writerOf(this, this.hooks.lie), entityId)
  }

  private outcome(op: string, e: OpEntity, result: OpResult): OpOutcome {
    return outcomeOf(op, e, this.member, this.now(), result)
  }

  // ---- network -------------------------------------------------------------------------------

  /** Handles one sync message from `from`. Never throws for bad remote input: see ReceiveResult. */
  receive(from: MemberId, docId: string, message: Uint8Array): ReceiveResult {
    return this.inbox.receive(from, docId, message)
  }

  /**
   * Queues anti-entropy digests of the entity's documents for `to`. A sync round is also when the
   * SQL fallback looks again at documents nothing changed in: items age past the cutoff with time
   * alone, and a replica restarted after a crash finishes a materialization (or looks at its
   * tombstones again) here; the reference attests here the deletions it made itself (never in
   * the transaction that wrote them); and members compare archives (fallback/handoff.ts).
   */
  antiEntropy(to: MemberId, entityId: string): void {
    const e = parseEntityId(entityId).entityId
    const access = new EntityAccess(writerOf(this, this.hooks.lie), e)
    if (access.exists()) for (const docId of this.docs.list(e)) this.keeper.round(access, this.docs.get(docId))
    this.runFallback(e)
    for (const docId of this.docs.list(e))
      if (this.sync.mayRead(docId, to))
        this.outbox.sendSync(to, docId, this.sync.digest(this.docs.get(docId)), 'digest')
    for (const a of archiveDigests(access, to)) this.outbox.sendSync(to, a.docId, a.message, 'archive')
  }

  /** Asks `to` for everything it has of a document that this replica lacks (sync step 1). */
  requestSync(to: MemberId, docId: DocId): void {
    const md = this.docs.get(parseDocId(docId).docId)
    this.outbox.sendSync(to, md.id, { type: 'step1', stateVector: Y.encodeStateVector(md.doc) }, 'step1')
  }

  get online(): boolean {
    return this.outbox.online
  }

  /** Goes offline (local ops still apply, updates are queued) or online (the queue is flushed). */
  setOnline(online: boolean): number {
    const reconnecting = online && !this.outbox.online
    this.outbox.online = online
    if (reconnecting)
      this.hooks.onReconnect?.({
        // The signed logs (reference) reload with the documents: both come from the store.
        reloadFromStore: () => void (this.docs.reloadAll(), this.sync.authorship?.reload()),
        discardQueue: () => void this.outbox.discardQueue(),
      })
    return online ? this.outbox.flushQueue() : 0
  }

  queuedUpdates(): number {
    return this.outbox.queuedCount()
  }

  /** Messages to send, oldest first; pending cursor positions whose 100 ms window passed go out first. */
  drainOutbox(): Envelope[] {
    this.canvas.flush(this.now())
    return sent(this.hooks, this.outbox.drain())
  }

  /** Runs the SQL fallback's pass over every document of the entity (as after a change of each). */
  runFallback(entityId: string): void {
    const e = new EntityAccess(writerOf(this, this.hooks.lie), entityId)
    if (!e.exists()) return
    for (const docId of this.docs.list(e.entityId)) this.fallback.pass(e, this.docs.get(docId))
  }

  // ---- introspection -------------------------------------------------------------------------

  docIds(entityId: string): DocId[] {
    return this.docs.list(parseEntityId(entityId).entityId)
  }
  stateVector(docId: DocId): Map<number, number> {
    return stateVectorOf(this.docs.get(docId).doc)
  }
  encodeState(docId: DocId): Uint8Array {
    return Y.encodeStateAsUpdate(this.docs.get(docId).doc)
  }
  docJSON(docId: DocId): Record<string, unknown> {
    return this.docs.get(docId).doc.toJSON()
  }
  hasPending(docId: DocId): boolean {
    return hasPending(this.docs.get(docId).doc)
  }
  /** What the receive path counted (receiveStats.ts) and the malformed records reads ignored, by kind. */
  receiveStats(): ReceiveReport {
    return receiveReport(this.inbox.host.stats, this.docs)
  }
  /** Tombstones this replica still holds in an entity (deleted items and removed members not yet pruned). */
  tombstones(entityId: string): { docId: DocId; item: string }[] {
    return heldTombstones(new EntityAccess(this, entityId), this.docs)
  }

  /** The Y.Doc behind a document (read it, never write it: writes bypass the engine). */
  ydoc(docId: DocId): Y.Doc {
    return this.docs.get(docId).doc
  }

  /** Releases the replica's in-memory documents and closes a file archive (its store keeps both). */
  close(): void {
    for (const md of this.docs.loaded()) md.doc.destroy()
    this.fallback.close()
  }
}
