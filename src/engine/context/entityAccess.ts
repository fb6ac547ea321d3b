/**
 * What an op sees of one entity on one replica: its documents, its membership, and a way to write
 * that records exactly which Yjs structs the op created (for the oracle's causal bookkeeping).
 *
 * Entity access sits below the strategies, the fallback and the ops that use it, so it names
 * none of them: its host is made of ports, and the profile and the fallback it hands out are
 * type parameters. Each user states the slice it reads (`EntityAccess<CanvasProfile>` in the
 * canvas history, `EntityAccess<FallbackProfile, FallbackKeeper>` in the fallback, `OpEntity`
 * in the ops); the replica builds the widest.
 */
import * as Y from 'yjs'
import type { DocumentManager, ManagedDoc } from '../docs/documentManager.ts'
import { ORIGIN_LOCAL, ORIGIN_SYSTEM } from '../docs/origins.ts'
import {
  concernsFor,
  diskDocId,
  formatDocId,
  parseEntityId,
  type Concern,
  type Disk,
  type DocId,
  type EntityId,
  type EntityType,
  type MemberId,
} from '../base/ids.ts'
import type { DiskWriteCtx, IvSource, KeyRing } from '../disks/index.ts'
import type { EntitySvs, MembershipView } from '../ports/membership.ts'
import type { IdSource } from '../base/providers.ts'
import type { ReadCtx, WriteCtx } from '../ports/records.ts'
import { stateVectorOf, type StateVector } from '../sync/stateVectors.ts'
import { svToJSON } from '../base/yjsInternals.ts'
import { LabError } from '../base/errors.ts'
import type { StructRange } from '../ports/effects.ts'
import type { CanvasSessionPort, CanvasSessionsPort } from '../ports/canvasSession.ts'
import type { EntityProfile } from '../ports/entityProfile.ts'

/** What the replica provides to entity access: `P` its profile, `F` its SQL fallback. */
export interface EntityHost<P extends EntityProfile = EntityProfile, F = unknown> {
  readonly member: MemberId
  readonly profile: P
  readonly docs: DocumentManager
  readonly ids: IdSource
  /** Keys of the encrypted disks this replica holds. */
  readonly keys: KeyRing
  /** IVs for sealing disk files. */
  readonly ivs: IvSource
  /** Ephemeral canvas state per entity (cursors, undo timeline) and the canvas size limit. */
  readonly canvas: CanvasSessionsPort
  /** The replica's SQL fallback (its archive and unified reads), opaque here. */
  readonly fallback: F
  /** False for a lying replica that skips its own access checks (membership, role rules); default true. */
  readonly checksAccess?: boolean
  now(): number
}

export class EntityAccess<P extends EntityProfile = EntityProfile, F = unknown> {
  readonly entityId: EntityId
  readonly type: EntityType
  readonly ranges: StructRange[] = []
  /** Each document's state vector before the first write through this access. */
  private readonly before = new Map<DocId, StateVector>()

  constructor(
    private readonly core: EntityHost<P, F>,
    entityId: string,
  ) {
    const e = parseEntityId(entityId)
    this.entityId = e.entityId
    this.type = e.type
  }

  get member(): MemberId {
    return this.core.member
  }
  get profile(): P {
    return this.core.profile
  }
  get ids(): IdSource {
    return this.core.ids
  }
  get fallback(): F {
    return this.core.fallback
  }
  now(): number {
    return this.core.now()
  }

  get keys(): KeyRing {
    return this.core.keys
  }

  /** The document of one of the entity's virtual disks. */
  diskDoc(disk: Disk): ManagedDoc {
    return this.core.docs.get(diskDocId(this.entityId, disk))
  }

  /** Runs `fn` in one local transaction on a disk's document, with the keys and IVs to seal files. */
  writeDisk<T>(disk: Disk, fn: (ctx: DiskWriteCtx) => T): T {
    const owner = String(this.doc('core').doc.getMap<unknown>('metadata').get('created_by') ?? this.member)
    return this.writeDoc(
      this.diskDoc(disk),
      (ctx) => fn({ ...ctx, keys: this.core.keys, ivs: this.core.ivs, owner }),
      ORIGIN_LOCAL,
    )
  }

  /** This replica's canvas session for the entity. */
  canvas(): CanvasSessionPort {
    return this.core.canvas.of(this.entityId)
  }
  get canvasLimitBytes(): number {
    return this.core.canvas.limitBytes
  }

  doc(concern: Concern): ManagedDoc {
    return this.core.docs.get(formatDocId(this.entityId, concern))
  }

  /** True when the replica holds anything of this entity. */
  exists(): boolean {
    return this.core.docs.list(this.entityId).length > 0
  }

  view(): MembershipView {
    return this.core.profile.membership.view(this.doc('core'))
  }

  read(concern: Concern): ReadCtx {
    return { md: this.doc(concern), authority: this.view().authority }
  }

  /** What a writer records of the core's state vector when it registers (the profile's, else the whole). */
  private causalCoreSv(): Record<string, number> {
    const core = this.doc('core')
    return this.core.profile.membership.causalCoreSv?.(core) ?? svToJSON(stateVectorOf(core.doc))
  }

  /** State vectors of every document of the entity this replica holds (the causal context of a write). */
  svs(): EntitySvs {
    const out: EntitySvs = {}
    for (const docId of this.core.docs.list(this.entityId)) {
      const md = this.core.docs.get(docId)
      out[md.parsed.concern as Concern] = svToJSON(stateVectorOf(md.doc))
    }
    return out
  }

  /**
   * The causal context of what was written through this access (for the oracle): the state
   * vector of every document of the entity before its first write here, taken from that write's
   * own transaction (Yjs computes it anyway), and the current one of documents not written.
   */
  context(): ReadonlyMap<DocId, StateVector> {
    const out = new Map<DocId, StateVector>()
    for (const docId of this.core.docs.list(this.entityId))
      out.set(docId, this.before.get(docId) ?? stateVectorOf(this.core.docs.get(docId).doc))
    return out
  }

  /** Whether this replica checks its own access (membership, role rules) before it writes; a liar does not. */
  get checksAccess(): boolean {
    return this.core.checksAccess !== false
  }

  /** Throws unless this replica's member is active in the entity (a lying replica only needs to hold it). */
  requireMember(): void {
    if (!this.exists())
      throw new LabError('NOT_FOUND', `${this.member} holds no entity ${this.entityId}`, { path: this.entityId })
    if (this.checksAccess && this.view().roleOf(this.member) === undefined) {
      throw new LabError('NOT_A_MEMBER', `${this.member} is not an active member of ${this.entityId}`, {
        path: this.entityId,
      })
    }
  }

  /** Checks the concern exists for this entity type (kanban and issues: projects only). */
  requireConcern(concern: Concern): void {
    if (!concernsFor(this.type).includes(concern)) {
      throw new LabError(
        'CONCERN_NOT_ALLOWED',
        `${concern} exists for projects only; ${this.entityId} is a ${this.type}`,
        { path: this.entityId },
      )
    }
  }

  /**
   * Runs `fn` in one local transaction on the concern's document. Validate everything before
   * calling: Yjs cannot roll a transaction back, so `fn` must not throw half-way.
   */
  write<T>(concern: Concern, fn: (ctx: WriteCtx) => T, coreSv?: Record<string, number>): T {
    return this.writeDoc(this.doc(concern), fn, ORIGIN_LOCAL, coreSv)
  }

  /** Engine bookkeeping (acks, prunes): broadcast like any write, but not undoable and not an op's effect. */
  writeSystem<T>(md: ManagedDoc, fn: (ctx: WriteCtx) => T): T {
    return this.writeDoc(md, fn, ORIGIN_SYSTEM)
  }

  /**
   * Runs `fn`, which transacts on `md` by itself (Y.UndoManager's undo does, with itself as the
   * origin), as a local op: the structs it writes count as the op's effects.
   */
  writeOwn<T>(md: ManagedDoc, fn: () => T): T {
    if (!this.before.has(md.id)) this.before.set(md.id, stateVectorOf(md.doc))
    return this.measured(md, true, fn)
  }

  private writeDoc<T>(md: ManagedDoc, fn: (ctx: WriteCtx) => T, origin: symbol, coreSv?: Record<string, number>): T {
    const sv = coreSv ?? (() => this.causalCoreSv())
    const ctx: WriteCtx = { md, member: this.member, now: this.now() }
    return this.measured(md, origin === ORIGIN_LOCAL, () =>
      md.doc.transact((tr) => {
        if (!this.before.has(md.id)) this.before.set(md.id, tr.beforeState)
        this.core.profile.beforeWrite(md, this.member, sv)
        return fn(ctx)
      }, origin),
    )
  }

  private measured<T>(md: ManagedDoc, local: boolean, run: () => T): T {
    const client = md.doc.clientID
    const from = Y.getState(md.doc.store, client)
    const result = run()
    const to = Y.getState(md.doc.store, client)
    if (to > from && local) this.ranges.push({ docId: md.id, client, from, to })
    return result
  }
}
