/**
 * The reference profile's membership strategy: writes ops into the membership log, derives the
 * view from the fold, attests and prunes member tombstones, and fences content writes.
 */
import * as Y from 'yjs'
import type { ManagedDoc } from '../docs/documentManager.ts'
import type { MemberId } from '../base/ids.ts'
import {
  cachedPerVersion,
  type EntitySvs,
  type MemberInfo,
  type MemberTombstone,
  type MembershipStrategy,
  type MembershipView,
  type MembershipWrite,
} from '../ports/membership.ts'
import type { Authority, WriteCtx } from '../ports/records.ts'
import type { MembershipOpKind } from '../ports/roles.ts'
import { clientKey, forEachEntry, parseClientKey, type StructId } from '../base/yjsInternals.ts'
import { nextStamp } from './lamport.ts'
import {
  REFERENCE_MEMBERSHIP_RULES,
  type FoldResult,
  type MembershipRules,
  type MemberState,
} from './membershipFold.ts'
import { fencesMap, latestFragment, memberOfKey, membersMap, type FenceRecord, type OpEntry } from './membershipLog.ts'
import { clientsRegisteredTo, registrationOf } from './registry.ts'
import { logFoldOf } from './logFold.ts'
import type { Role } from '../base/enums.ts'
import { acksMapOf, readWatermarks, someCoversAll } from './watermarks.ts'
import { stateVectorOf } from '../sync/stateVectors.ts'
import { causalCoreSv, restrictSv } from './causalSv.ts'

interface RefView extends MembershipView {
  readonly fold: FoldResult
  /** Members the fold knows (from fence records) whose records every member acknowledged away. */
  readonly pruned: ReadonlySet<MemberId>
  /** The core document's state vector this view was folded from. */
  readonly coreSv: ReadonlyMap<number, number>
  /** Clients that wrote an op the log holds (causalSv.ts). */
  readonly opClients: ReadonlySet<number>
}

export class ReferenceMembership implements MembershipStrategy {
  constructor(private readonly rules: MembershipRules = REFERENCE_MEMBERSHIP_RULES) {}

  genesis(ctx: WriteCtx, members: Readonly<Record<MemberId, Role>>, svs: EntitySvs): MembershipWrite[] {
    const owner = ctx.member
    const writes = [this.write(ctx, 'add', owner, members[owner] ?? 'owner', svs, true)]
    for (const [m, role] of Object.entries(members))
      if (m !== owner) writes.push(this.write(ctx, 'add', m, role, svs, true))
    return writes
  }

  apply(
    ctx: WriteCtx,
    view: MembershipView,
    kind: MembershipOpKind,
    target: MemberId,
    role: Role | undefined,
    svs: EntitySvs,
  ): MembershipWrite {
    return this.write(ctx, kind, target, role, svs, kind === 'add' && view.roleOf(target) === undefined)
  }

  private write(
    ctx: WriteCtx,
    kind: MembershipOpKind,
    target: MemberId,
    role: Role | undefined,
    svs: EntitySvs,
    newFragment: boolean,
  ): MembershipWrite {
    const doc = ctx.md.doc
    const s = nextStamp(ctx.md)
    const ck = clientKey(doc.clientID)
    // The core's part of the causal context as membership decisions read it (causalSv.ts): the op
    // writers' clients, and for a removal the removed member's (its writes there are fenced by it).
    const ops = (this.view(ctx.md) as RefView).opClients
    const keep = kind === 'remove' ? new Set([...ops, ...clientsRegisteredTo(ctx.md, target)]) : ops
    const core = restrictSv(svs.core ?? {}, keep)
    const entry: OpEntry = {
      k: kind,
      ...(role ? { r: role } : {}),
      by: ctx.member,
      s,
      t: ctx.now,
      sv: kind === 'remove' ? { ...svs, core } : { core },
    }
    // A revival always starts a fresh fragment, so a concurrent prune of the old ones cannot swallow it.
    let fragKey = newFragment ? undefined : latestFragment(doc, target)
    if (fragKey === undefined) {
      fragKey = `${target}~${ck}~${s}`
      membersMap(doc).set(fragKey, new Y.Map<OpEntry>())
    }
    membersMap(doc).get(fragKey)!.set(`${ck}.${s}`, entry)
    return { kind, target, ...(role ? { role } : {}), stamp: s }
  }

  causalCoreSv(core: ManagedDoc): Record<string, number> {
    return causalCoreSv(core, (this.view(core) as RefView).opClients)
  }

  view(core: ManagedDoc): MembershipView {
    return cachedPerVersion(core, 'ref-membership', () =>
      buildView(core, logFoldOf(core, this.rules).current(), this.rules),
    )
  }

  prune(ctx: WriteCtx, view: MembershipView, member: MemberId): void {
    const doc = ctx.md.doc
    const ops = (view as RefView).fold.applied.filter((o) => o.target === member)
    const record: FenceRecord = { ops: ops.map((o) => [o.key, o.id.client, o.id.clock, o.entry]) }
    if (ops.length > 0) fencesMap(doc).set(`${member}~${clientKey(doc.clientID)}`, record)
    for (const key of [...membersMap(doc).keys()]) if (memberOfKey(key) === member) membersMap(doc).delete(key)
    // Its attestations are superseded: it is in no quorum any more (a re-add attests afresh).
    for (const ck of readWatermarks(ctx.md, undefined, false).get(member)?.byClient.keys() ?? [])
      acksMapOf(doc).delete(ck)
  }
}

/**
 * Keys of the watermarks in `md` that are superseded: their member was removed and its record
 * pruned (every member acknowledged the removal), so it is in no quorum; a re-add attests afresh
 * with a new client. One is left alone when its writer had seen core state this replica lacks
 * (the writer may know of a re-add this replica does not).
 */
export function prunedWatermarks(md: ManagedDoc, view: MembershipView): string[] {
  const v = view as RefView
  if (v.pruned.size === 0) return []
  const out: string[] = []
  forEachEntry(acksMapOf(md.doc), (ck, _raw, id) => {
    const reg = registrationOf(md, id.client)
    if (reg === undefined || !v.pruned.has(reg.member)) return
    if (Object.entries(reg.coreSv).every(([k, c]) => (v.coreSv.get(parseClientKey(k)) ?? 0) >= c)) out.push(ck)
  })
  return out
}

function buildView(
  core: ManagedDoc,
  { fold, stored, opClients }: { fold: FoldResult; stored: ReadonlySet<MemberId>; opClients: ReadonlySet<number> },
  rules: MembershipRules,
): RefView {
  // What every change needs (roles, quorum, fencing) is taken from the fold as it stands; the
  // member list and the tombstones are derived on first use.
  const active = fold.active()
  let members: Map<MemberId, MemberInfo> | undefined
  let tombstones: MemberTombstone[] | undefined
  const pruned = new Set(fold.removed().filter((m) => !stored.has(m)))
  return {
    get members() {
      if (members === undefined) {
        members = new Map()
        // forEach, not for-of: the states are a layered map, whose generators cost a tenth of an add member.
        fold.states.forEach((s, m) => void (stored.has(m) && s.everActive && members!.set(m, infoOf(m, s))))
      }
      return members
    },
    active,
    get tombstones() {
      if (tombstones === undefined) {
        const watermarks = readWatermarks(core)
        tombstones = []
        for (const m of fold.removed()) {
          const s = fold.states.get(m)!
          const deletions = s.removals.filter((r) => r.key).map((r) => r.id)
          if (!stored.has(m) || !s.everActive || deletions.length === 0) continue
          const acked = [...watermarks].filter(([, mw]) => someCoversAll(mw, deletions)).map(([a]) => a)
          tombstones.push({ member: m, deletions, acked: acked.sort() })
        }
      }
      return tombstones
    },
    quorum: active,
    authority: authorityOf(fold, rules, pruned, core),
    epochOf: (m) => String(fold.states.get(m)?.revives.length ?? 0),
    // Named by a membership op the core holds, even one the role rules void: that peer may believe
    // itself a member, and must be able to read the core to learn it is not.
    everMember: (m) => stored.has(m) || fold.states.get(m)?.everActive === true,
    fold,
    pruned,
    get coreSv() {
      return stateVectorOf(core.doc)
    },
    roleOf: fold.roleOf,
    owners: fold.owners,
    opClients,
  }
}

const infoOf = (m: MemberId, s: MemberState): MemberInfo => ({
  member_id: m,
  role: s.role,
  joined_at: s.joinedAt,
  deleted: !s.active,
  deleted_at: s.deletedAt,
  deleted_by: s.deletedBy,
})

/**
 * Content fencing: a struct counts if its client is registered to a member who was active at
 * some point, and it is not fenced by one of that member's removals (in that concern's document).
 *
 * What is settled for good (`final`, what compaction may drop): only that a write of a *pruned*
 * member (removed, every member acknowledged, its ops frozen in fence records) is fenced, when
 * this replica holds all the core state the writer had registered with (no re-add it knew of is
 * missing here). A future re-add cannot lift it (a re-add lifts fencing only for clients
 * registered after it). Nothing is ever settled `effective`: any member can later be removed by
 * a member who has not seen the write, which fences it. With no pruned member, nothing is settled.
 */
function authorityOf(
  fold: FoldResult,
  rules: MembershipRules,
  pruned: ReadonlySet<MemberId>,
  core: ManagedDoc,
): Authority {
  const effective = (md: ManagedDoc, id: StructId): boolean => {
    const reg = registrationOf(md, id.client)
    if (!reg) return false
    const st = fold.states.get(reg.member)
    if (!st?.everActive) return false
    if (st.removals.length === 0) return true
    return !rules.fenced(st, id, reg.coreSv, (r) => r.sv[md.parsed.concern])
  }
  if (pruned.size === 0) return { effective }
  let coreSv: ReadonlyMap<number, number> | undefined
  return {
    effective,
    final(md, id) {
      const reg = registrationOf(md, id.client)
      if (reg === undefined || !pruned.has(reg.member)) return undefined
      coreSv ??= stateVectorOf(core.doc)
      for (const [k, clock] of Object.entries(reg.coreSv))
        if ((coreSv.get(parseClientKey(k)) ?? 0) < clock) return undefined
      return effective(md, id) ? undefined : 'fenced'
    },
  }
}
