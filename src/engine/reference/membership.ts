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
import { clientKey, forEachEntry, type StructId } from '../base/yjsInternals.ts'
import { nextStamp } from './lamport.ts'
import {
  foldMembership,
  REFERENCE_MEMBERSHIP_RULES,
  type FoldResult,
  type MembershipRules,
  type MemberState,
} from './membershipFold.ts'
import {
  acksMap,
  fencesMap,
  latestFragment,
  linearize,
  memberOfKey,
  membersMap,
  readAcks,
  readFenceOps,
  readOps,
  type FenceRecord,
  type OpEntry,
} from './membershipLog.ts'
import { registrationOf } from './registry.ts'
import type { Role } from '../base/enums.ts'

interface RefView extends MembershipView {
  readonly fold: FoldResult
  /** Removal op keys per tombstoned member (what an ack must cover). */
  readonly removalKeys: ReadonlyMap<MemberId, readonly string[]>
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
    const entry: OpEntry = {
      k: kind,
      ...(role ? { r: role } : {}),
      by: ctx.member,
      s,
      t: ctx.now,
      sv: kind === 'remove' ? svs : { core: svs.core ?? {} },
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

  view(core: ManagedDoc): MembershipView {
    return cachedPerVersion(core, 'ref-membership', () => buildView(core, this.rules))
  }

  prune(ctx: WriteCtx, view: MembershipView, member: MemberId): void {
    const doc = ctx.md.doc
    const ops = (view as RefView).fold.applied.filter((o) => o.target === member)
    const record: FenceRecord = { ops: ops.map((o) => [o.key, o.id.client, o.id.clock, o.entry]) }
    if (ops.length > 0) fencesMap(doc).set(`${member}~${clientKey(doc.clientID)}`, record)
    for (const key of [...membersMap(doc).keys()]) if (memberOfKey(key) === member) membersMap(doc).delete(key)
    for (const key of [...acksMap(doc).keys()]) if (memberOfKey(key) === member) acksMap(doc).delete(key)
  }
}

/**
 * Writes `ctx.member`'s acks of the member removals the view shows and it has not acked: each
 * covers the removal ops this replica holds. Returns how many it wrote. How an ack of a removal is
 * stored; the ack strategy (acks.ts) decides when.
 */
export function writeRemovalAcks(ctx: WriteCtx, view: MembershipView): number {
  const v = view as RefView
  let n = 0
  for (const t of v.tombstones) {
    if (t.acked.includes(ctx.member)) continue
    acksMap(ctx.md.doc).set(`${t.member}~${ctx.member}`, [nextStamp(ctx.md), [...(v.removalKeys.get(t.member) ?? [])]])
    n++
  }
  return n
}

function buildView(core: ManagedDoc, rules: MembershipRules): RefView {
  const fold = foldMembership(linearize([...readOps(core), ...readFenceOps(core.doc)]), rules)
  const stored = new Set<MemberId>()
  forEachEntry(membersMap(core.doc), (key) => void stored.add(memberOfKey(key)))
  const acks = readAcks(core)
  const members = new Map<MemberId, MemberInfo>()
  const tombstones: MemberTombstone[] = []
  const removalKeys = new Map<MemberId, string[]>()
  for (const [m, s] of fold.states) {
    if (!stored.has(m) || !s.everActive) continue
    members.set(m, infoOf(m, s))
    const keys = s.removals.flatMap((r) => (r.key ? [r.key] : []))
    if (!s.active && keys.length > 0) {
      removalKeys.set(m, keys)
      const acked = [...(acks.get(m) ?? new Map<MemberId, string[]>())]
        .filter(([, covered]) => keys.every((k) => covered.includes(k)))
        .map(([a]) => a)
      tombstones.push({ member: m, deletions: s.removals.filter((r) => r.key).map((r) => r.id), acked: acked.sort() })
    }
  }
  const active = [...fold.states]
    .filter(([, s]) => s.active)
    .map(([m]) => m)
    .sort()
  const epochOf = (m: MemberId): string => String(fold.states.get(m)?.revives.length ?? 0)
  return {
    members,
    active,
    tombstones,
    quorum: active,
    authority: authorityOf(fold, rules),
    epochOf,
    fold,
    removalKeys,
    roleOf: fold.roleOf,
    owners: fold.owners,
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
 */
function authorityOf(fold: FoldResult, rules: MembershipRules): Authority {
  return {
    effective(md: ManagedDoc, id: StructId): boolean {
      const reg = registrationOf(md, id.client)
      if (!reg) return false
      const st = fold.states.get(reg.member)
      if (!st?.everActive) return false
      if (st.removals.length === 0) return true
      return !rules.fenced(st, id, reg.coreSv, (r) => r.sv[md.parsed.concern])
    },
  }
}
