/**
 * Membership: who belongs to an entity, with which role, and whose writes count. Stored in the
 * entity's core document; each profile has its own layout and conflict rules.
 */
import type { ManagedDoc } from '../docs/documentManager.ts'
import type { DocConcern, MemberId } from '../base/ids.ts'
import type { Authority, WriteCtx } from './records.ts'
import type { RoleTable, MembershipOpKind } from './roles.ts'
import type { StructId } from '../base/yjsInternals.ts'
import type { Role } from '../base/enums.ts'

/** The spec's MemberData as a replica shows it. */
export interface MemberInfo {
  readonly member_id: MemberId
  readonly role: Role
  readonly joined_at: number
  readonly deleted: boolean
  readonly deleted_at: number
  readonly deleted_by: string
}

/** A removed member whose record still waits for acknowledgements before it is pruned. */
export interface MemberTombstone {
  readonly member: MemberId
  /** Struct ids of the removal writes this replica holds. */
  readonly deletions: readonly StructId[]
  readonly acked: readonly MemberId[]
}

export interface MembershipView extends RoleTable {
  /** Every member the core document still holds, active or tombstoned. */
  readonly members: ReadonlyMap<MemberId, MemberInfo>
  /** Active member ids, sorted. */
  readonly active: readonly MemberId[]
  readonly tombstones: readonly MemberTombstone[]
  /** Members whose acknowledgement a tombstone needs before it is pruned. */
  readonly quorum: readonly MemberId[]
  /** Whose writes in this entity's documents take effect. */
  readonly authority: Authority
  /**
   * A member's membership epoch: it changes each time the member is re-added after a removal.
   * A replica whose own epoch changed writes with fresh clientIDs from then on (reference fencing).
   */
  epochOf(member: MemberId): string
  /**
   * The member was a member at some point, or is named by a membership op, as far as this
   * replica's core document tells (fences and voided adds included): who may read the core.
   */
  everMember(member: MemberId): boolean
}

/**
 * State vectors (clientKey -> clock) of the entity's documents at the writer, before the write.
 * Keyed by document concern, disk documents (`disk-*`) included, so a removal can fence them too.
 */
export type EntitySvs = Partial<Record<DocConcern, Record<string, number>>>

/** A membership write as the oracle sees it. */
export interface MembershipWrite {
  readonly kind: MembershipOpKind
  readonly target: MemberId
  readonly role?: Role
  /** LWW timestamp of the write (Lamport stamp in reference, wall-clock seconds in spec). */
  readonly stamp: number
}

export interface MembershipStrategy {
  /** Writes the entity's initial membership: the owner and the listed members. */
  genesis(ctx: WriteCtx, members: Readonly<Record<MemberId, Role>>, svs: EntitySvs): MembershipWrite[]
  /** Writes one membership op (already checked against the role rules by the caller). */
  apply(
    ctx: WriteCtx,
    view: MembershipView,
    kind: MembershipOpKind,
    target: MemberId,
    role: Role | undefined,
    svs: EntitySvs,
  ): MembershipWrite
  /** The membership as this replica's core document shows it (cached per document version). */
  view(core: ManagedDoc): MembershipView
  /**
   * What a writer records of the core's state vector with its first write in a document (its
   * client's registration), where it is less than the whole: the clients membership decisions
   * compare (reference/causalSv.ts). Absent: the whole state vector.
   */
  causalCoreSv?(core: ManagedDoc): Record<string, number>
  /** Removes a fully acknowledged member tombstone. */
  prune(ctx: WriteCtx, view: MembershipView, member: MemberId): void
}

/** Caches a derived value per document version. */
export function cachedPerVersion<T>(md: ManagedDoc, key: string, compute: () => T): T {
  const hit = md.ext.get(key) as { version: number; value: T } | undefined
  if (hit && hit.version === md.version) return hit.value
  const value = compute()
  md.ext.set(key, { version: md.version, value })
  return value
}
