/**
 * A replica: one peer's copy of every entity it holds, with the engine's full behaviour (ops,
 * queries, sync, acks, pruning, offline queue) under one profile. It knows nothing of the
 * simulator: it takes time, ids and clientIDs from injected providers, persists to a DocStore,
 * and exchanges opaque sync messages through its outbox.
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
import type { DocStore } from '../store/store.ts'
import { encodeSyncMessage } from '../sync/messages.ts'
import { stateVectorOf } from '../sync/stateVectors.ts'
import { DEFAULT_MAX_UPDATE_BYTES } from '../sync/validateUpdate.ts'
import { hasPending } from '../base/yjsInternals.ts'
import { opDef, queryDef } from '../ops/registry.ts'
import type { Args } from '../concerns/args.ts'
import { collectionsOf } from '../concerns/collections.ts'
import { schemaPlugin } from '../concerns/schema.ts'
import { createEntity, type EntitySpec } from './entityCreation.ts'
import { EntityAccess, type EntityHost } from '../context/entityAccess.ts'
import { EventHub } from '../base/events.ts'
import { Outbox } from './outbox.ts'
import { digestOf, receive, type ReceiveHost, type ReceiveResult } from './receive.ts'
import { TombstoneKeeper } from './tombstones.ts'
import { CanvasSessions } from '../concerns/canvas/session.ts'
import { FallbackKeeper } from '../fallback/keeper.ts'
import { archiveDigests, receiveArchive } from '../fallback/handoff.ts'
import type { FallbackConfig } from '../fallback/config.ts'
import { NO_HOOKS, withIncomingHook, type ReplicaHooks } from './hooks.ts'
import type { ProfileName } from '../base/enums.ts'
import type { OpResult, OpOutcome } from '../ports/effects.ts'
import { CrashPoint } from '../fallback/failpoints.ts'
import type { Envelope } from '../sync/envelope.ts'
import type { OpEntity } from '../ops/types.ts'

/** Engine settings; the SQL fallback's (`thresholds`, `archiveAfterDays`) mirror a scenario's `config`. */
export interface EngineConfig extends FallbackConfig {
  /** Largest incoming update accepted (bytes). */
  readonly maxUpdateBytes?: number
  /** Appends between compactions of a document. */
  readonly compactEvery?: number
  /** Size limit of canvas documents (bytes; default 5 MB, the spec's). */
  readonly canvasLimitBytes?: number
}

export interface ReplicaOptions {
  readonly member: MemberId
  /** Keys of the encrypted disks (default: derived from `providers.keySeed` for the entities the member is active in). */
  readonly keys?: KeyRing
  /** The profile to run: by name, or a profile object (a mutant's, from mutants/registry.ts `engineWith`). */
  readonly profile: ProfileName | Profile
  /** Seams a deliberately broken engine installs (mutants' `engineWith` gives them); none in production. */
  readonly hooks?: ReplicaHooks
  readonly store: DocStore
  readonly providers: Providers
  readonly config?: EngineConfig
}

export class Replica implements EntityHost<Profile, FallbackKeeper> {
  readonly member: MemberId
  readonly profile: Profile
  readonly docs: DocumentManager
  readonly events = new EventHub()
  private readonly outbox = new Outbox()
  /** Ephemeral canvas state per entity: cursors (with their 10 Hz throttle) and the undo timeline. */
  readonly canvas: CanvasSessions
  private readonly keeper: TombstoneKeeper
  /** The SQL fallback: archive, thresholds, materialization, unified reads. */
  readonly fallback: FallbackKeeper
  /** Seams a broken engine uses (mutation testing); none in production. */
  private readonly hooks: ReplicaHooks
  private readonly providers: Providers
  private readonly maxUpdateBytes: number
  private readonly epochIn = new Map<EntityId, string>()
  private readonly pendingAsked = new Map<DocId, Set<MemberId>>()
  readonly keys: KeyRing
  readonly ivs: IvSource

  constructor(options: ReplicaOptions) {
    this.member = validateMemberId(options.member, 'member')
    this.profile = typeof options.profile === 'string' ? profileByName(options.profile) : options.profile
    this.hooks = options.hooks ?? NO_HOOKS
    this.providers = options.providers
    this.maxUpdateBytes = options.config?.maxUpdateBytes ?? DEFAULT_MAX_UPDATE_BYTES
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
      plugins: [schemaPlugin, ...this.profile.plugins],
      compactEvery: options.config?.compactEvery,
      onUpdate: (md, update) => this.outbox.publish(md.parsed.entityId, md.id, update),
      ...(this.hooks.saves
        ? { saves: (_md: ManagedDoc, remote: boolean) => this.hooks.saves!({ remote, online: this.online }) }
        : {}),
    })
    this.fallback = new FallbackKeeper(
      {
        profile: this.profile,
        store: options.store,
        docs: this.docs,
        events: this.events,
        ...(this.hooks.materializedRows ? { materializedRows: this.hooks.materializedRows } : {}),
      },
      options.config,
    )
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
    const context = e.context()
    const result = createEntity(e, spec)
    this.afterLocal(e)
    return this.outcome('entity.create', e, context, result)
  }

  /** Runs a registered op as this replica's member. Bad input or a refused op throws a LabError and changes nothing. */
  execute(op: string, entityId: string, args: Args = {}): OpOutcome {
    const def = opDef(op)
    const e = new EntityAccess(this, entityId)
    e.requireConcern(def.concern)
    this.noteEpoch(e)
    const context = e.context()
    const result = def.run(e, args)
    try {
      this.afterLocal(e)
    } catch (err) {
      // A failpoint crash after the op wrote (and persisted): the caller still learns what the op did.
      if (err instanceof CrashPoint) err.outcome = this.outcome(op, e, context, result)
      throw err
    }
    return this.outcome(op, e, context, result)
  }

  query(name: string, entityId: string, args: Args = {}): unknown {
    const def = queryDef(name)
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
    return new EntityAccess(this, entityId)
  }

  private outcome(op: string, e: OpEntity, context: OpOutcome['context'], result: OpResult): OpOutcome {
    return { op, entityId: e.entityId, member: this.member, at: this.now(), context, effects: [...e.ranges], ...result }
  }

  // ---- network -------------------------------------------------------------------------------

  /** Handles one sync message from `from`. Never throws for bad remote input: see ReceiveResult. */
  receive(from: MemberId, docId: string, message: Uint8Array): ReceiveResult {
    try {
      this.noteEpoch(new EntityAccess(this, docId.slice(0, docId.lastIndexOf(':'))))
    } catch {
      // A bad doc id: receive() below rejects it with a typed error.
    }
    const host: ReceiveHost = {
      docs: withIncomingHook(this.docs, this.hooks.incomingUpdate),
      maxUpdateBytes: this.maxUpdateBytes,
      send: (env) => this.outbox.send(env),
      beforeRemote: (md, update, peer) =>
        this.fallback.beforeRemote(new EntityAccess(this, md.parsed.entityId), md, update, peer),
      afterRemote: (md, peer) => this.afterRemote(md, peer),
      pendingAsked: this.pendingAsked,
      onReject: (d, peer, error) =>
        this.events.emit({ type: 'reject', docId: d, from: peer, code: error.code, message: error.message }),
      onPending: (d, peer) => this.events.emit({ type: 'pending', docId: d, from: peer }),
      onCursor: (d, peer, c) =>
        this.canvas.receive(d, peer, c, (m) => this.membership(parseDocId(d).entityId).roleOf(m) !== undefined),
      onArchive: (d, peer, m, reply) =>
        receiveArchive(new EntityAccess(this, parseDocId(d).entityId), this.docs.get(d), peer, m, reply),
    }
    const result = receive(host, from, docId, message)
    if (this.hooks.afterReceive && result.status !== 'rejected') {
      this.hooks.afterReceive({
        docId: result.docId,
        bytes: message,
        result,
        entity: () => this.entity(parseDocId(result.docId).entityId),
      })
    }
    return result
  }

  /**
   * Queues anti-entropy digests of the entity's documents for `to`. A sync round is also when the
   * SQL fallback looks again at documents nothing changed in: items age past the cutoff with time
   * alone, and a replica restarted after a crash finishes a materialization (or looks at its
   * tombstones again) here; and members compare archives (fallback/handoff.ts).
   */
  antiEntropy(to: MemberId, entityId: string): void {
    const e = parseEntityId(entityId).entityId
    const access = new EntityAccess(this, e)
    if (access.exists()) for (const docId of this.docs.list(e)) this.keeper.passOnce(access, this.docs.get(docId))
    this.runFallback(e)
    for (const docId of this.docs.list(e)) {
      this.outbox.send({
        to,
        entityId: e,
        docId,
        message: encodeSyncMessage(digestOf(this.docs.get(docId))),
        kind: 'digest',
      })
    }
    for (const a of archiveDigests(access, to))
      this.outbox.send({ to, entityId: e, docId: a.docId, message: encodeSyncMessage(a.message), kind: 'archive' })
  }

  /** Asks `to` for everything it has of a document that this replica lacks (sync step 1). */
  requestSync(to: MemberId, docId: DocId): void {
    const md = this.docs.get(parseDocId(docId).docId)
    this.outbox.send({
      to,
      entityId: md.parsed.entityId,
      docId: md.id,
      message: encodeSyncMessage({ type: 'step1', stateVector: Y.encodeStateVector(md.doc) }),
      kind: 'step1',
    })
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
        reloadFromStore: () => this.docs.reloadAll(),
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
    return this.outbox.drain()
  }

  /** Runs the SQL fallback's pass over every document of the entity (as after a change of each). */
  runFallback(entityId: string): void {
    const e = new EntityAccess(this, entityId)
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
  /** Tombstones this replica still holds in an entity (deleted items and removed members not yet pruned). */
  tombstones(entityId: string): { docId: DocId; item: string }[] {
    const e = new EntityAccess(this, entityId)
    const out: { docId: DocId; item: string }[] = []
    for (const docId of this.docs.list(e.entityId)) {
      const md = this.docs.get(docId)
      const rctx = { md, authority: e.view().authority }
      for (const c of collectionsOf(this.profile, md)) {
        for (const item of this.profile.records.keys(c.coll))
          if (this.profile.records.read(rctx, c.coll, item, c.names)?.deleted) out.push({ docId, item })
      }
    }
    for (const t of e.view().tombstones) out.push({ docId: `${e.entityId}:core`, item: t.member })
    return out
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

  // ---- after changes: acks, pruning, membership epochs ---------------------------------------

  private afterLocal(e: OpEntity): void {
    const touched = new Set(e.ranges.map((r) => r.docId))
    if (touched.has(`${e.entityId}:core`)) this.afterCoreChange(e)
    for (const docId of touched) if (!docId.endsWith(':core')) this.keeper.pass(e, this.docs.get(docId))
    for (const docId of touched) this.fallback.pass(e, this.docs.get(docId))
  }

  private afterRemote(md: ManagedDoc, from: MemberId): void {
    const e = new EntityAccess(this, md.parsed.entityId)
    if (md.parsed.concern === 'core') this.afterCoreChange(e, from)
    else this.keeper.pass(e, md, from)
    this.fallback.pass(e, md)
  }

  /** Remembers this replica's membership epoch in an entity before anything changes it. */
  private noteEpoch(e: OpEntity): void {
    if (!this.epochIn.has(e.entityId) && e.exists()) this.epochIn.set(e.entityId, e.view().epochOf(this.member))
  }

  /** Membership may have changed: whose writes count, who must ack, and this replica's own epoch. */
  private afterCoreChange(e: OpEntity, from?: MemberId): void {
    const core = e.doc('core')
    // A re-add can arrive together with the removal it follows (one merged update): compare epochs, not states.
    const epoch = e.view().epochOf(this.member)
    const was = this.epochIn.get(e.entityId)
    this.epochIn.set(e.entityId, epoch)
    if (was !== undefined && was !== epoch) this.rotate(e)
    for (const docId of this.docs.list(e.entityId)) {
      const md = this.docs.get(docId)
      if (md !== core) {
        this.keeper.markAll(md)
        this.keeper.pass(e, md)
        this.fallback.markAll(md)
        this.fallback.pass(e, md)
      }
    }
    this.keeper.pass(e, core, from)
  }

  /** A re-added member writes with fresh clientIDs, so its new writes are known to follow the re-add. */
  private rotate(e: OpEntity): void {
    for (const docId of this.docs.list(e.entityId)) {
      const md = this.docs.get(docId)
      this.docs.rotateClient(md)
      this.events.emit({ type: 'rotate', entityId: e.entityId, docId, client: md.doc.clientID })
    }
  }
}
