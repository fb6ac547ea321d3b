/**
 * Membership as the spec's code keeps it: `members: Map<member_id, MemberData>` with a
 * `deleted` tombstone flag and an `ack_vector`, plus `active_members: Map<member_id, bool>`.
 * `add` is the spec's `add_member_offline` upsert (get-or-create the nested map, set the fields,
 * `deleted=false`, mark active); concurrent add and remove of one member end as Yjs orders the
 * two clients' writes to `deleted`, not "deletion wins".
 */
import * as Y from 'yjs'
import type { ManagedDoc } from '../docs/documentManager.ts'
import type { MemberId } from '../base/ids.ts'
import {
  cachedPerVersion,
  type MemberInfo,
  type MemberTombstone,
  type MembershipStrategy,
  type MembershipView,
  type MembershipWrite,
} from '../ports/membership.ts'
import { EVERYONE, type WriteCtx } from '../ports/records.ts'
import { type MembershipOpKind } from '../ports/roles.ts'
import { entryId } from '../base/yjsInternals.ts'
import { ACK_VECTOR, specSeconds } from './records.ts'
import { isRole, type Role } from '../base/enums.ts'

const MEMBERS = 'members'
const ACTIVE = 'active_members'

const membersOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(MEMBERS)

function getOrCreate(doc: Y.Doc, member: MemberId): Y.Map<unknown> {
  const members = membersOf(doc)
  const existing = members.get(member)
  if (existing instanceof Y.Map) return existing
  const m = new Y.Map<unknown>()
  members.set(member, m)
  return m
}

export class SpecMembership implements MembershipStrategy {
  genesis(ctx: WriteCtx, members: Readonly<Record<MemberId, Role>>): MembershipWrite[] {
    return Object.entries(members).map(([m, role]) => this.upsert(ctx, m, role))
  }

  apply(
    ctx: WriteCtx,
    _view: MembershipView,
    kind: MembershipOpKind,
    target: MemberId,
    role: Role | undefined,
  ): MembershipWrite {
    const now = specSeconds(ctx.now)
    if (kind === 'add') return this.upsert(ctx, target, role!)
    const m = getOrCreate(ctx.md.doc, target)
    if (kind === 'role') {
      m.set('role', role)
      return { kind, target, role, stamp: now }
    }
    m.set('deleted', true)
    m.set('deleted_at', now)
    m.set('deleted_by', ctx.member)
    m.set(ACK_VECTOR, new Y.Map())
    ctx.md.doc.getMap(ACTIVE).delete(target)
    return { kind, target, stamp: now }
  }

  private upsert(ctx: WriteCtx, member: MemberId, role: Role): MembershipWrite {
    const now = specSeconds(ctx.now)
    const m = getOrCreate(ctx.md.doc, member)
    m.set('member_id', member)
    m.set('role', role)
    m.set('joined_at', now)
    m.set('deleted', false)
    ctx.md.doc.getMap(ACTIVE).set(member, true)
    return { kind: 'add', target: member, role, stamp: now }
  }

  view(core: ManagedDoc): MembershipView {
    return cachedPerVersion(core, 'spec-membership', () => buildView(core.doc))
  }

  prune(ctx: WriteCtx, _view: MembershipView, member: MemberId): void {
    membersOf(ctx.md.doc).delete(member)
  }
}

/**
 * Writes, on the receiver, `peer`'s entry in the `ack_vector` of every member tombstone the view
 * shows (the spec's on_peer_sync for the core document). Returns how many it wrote.
 */
export function writePeerMemberAcks(ctx: WriteCtx, view: MembershipView, peer: MemberId): number {
  let n = 0
  for (const t of view.tombstones) {
    const m = membersOf(ctx.md.doc).get(t.member)
    if (!(m instanceof Y.Map)) continue
    let av = m.get(ACK_VECTOR)
    if (!(av instanceof Y.Map)) {
      av = new Y.Map()
      m.set(ACK_VECTOR, av)
    }
    const acks = av as Y.Map<unknown>
    if (!acks.has(peer)) {
      acks.set(peer, specSeconds(ctx.now))
      n++
    }
  }
  return n
}

function buildView(doc: Y.Doc): MembershipView {
  const members = new Map<MemberId, MemberInfo>()
  const tombstones: MemberTombstone[] = []
  for (const [id, m] of membersOf(doc).entries()) {
    if (!(m instanceof Y.Map)) continue
    const role = m.get('role')
    const info: MemberInfo = {
      member_id: id,
      role: isRole(role) ? role : 'member',
      joined_at: num(m.get('joined_at')),
      deleted: m.get('deleted') === true,
      deleted_at: num(m.get('deleted_at')),
      deleted_by: typeof m.get('deleted_by') === 'string' ? (m.get('deleted_by') as string) : '',
    }
    members.set(id, info)
    if (info.deleted) {
      const av = m.get(ACK_VECTOR)
      const flag = entryId(m, 'deleted')
      tombstones.push({
        member: id,
        deletions: flag ? [flag] : [],
        acked: av instanceof Y.Map ? [...av.keys()].sort() : [],
      })
    }
  }
  const active = [...members.values()]
    .filter((m) => !m.deleted)
    .map((m) => m.member_id)
    .sort()
  const activeRoles = new Map(active.map((id) => [id, members.get(id)!.role]))
  return {
    members,
    active,
    tombstones,
    quorum: specActiveMembers(doc),
    authority: EVERYONE,
    epochOf: () => '',
    everMember: (m) => members.has(m),
    roleOf: (m) => activeRoles.get(m),
    owners: () => [...activeRoles.values()].filter((r) => r === 'owner').length,
  }
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0)

/** Keys of `active_members` (the spec's quick lookup, used by its pruning check). */
const specActiveMembers = (doc: Y.Doc): MemberId[] => [...doc.getMap(ACTIVE).keys()].sort()
