/**
 * The oracle's own model of membership: what the spec claims, computed from the history of ops
 * (not from any replica's documents). Membership ops are ordered by their LWW timestamps
 * (stamp, issuer, client) - Lamport-consistent, so causality is respected - and folded:
 *   - the entity starts with its owner and declared members (genesis precedes every op);
 *   - an op counts if its issuer is active with the role the op needs, and the issuer is not
 *     fenced (a removal of the issuer exists that the op did not precede, unless the issuer was
 *     re-added by an op that saw that removal and the op saw the re-add);
 *   - remove wins: an add concurrent with a removal does not revive the member.
 * Content writes are fenced by the same rule.
 */
import type { EntityId, MemberId } from '../../engine/base/ids.ts'
import type { EntityDecl } from '../../sim/scenario/model.ts'
import { firstClient, happenedBefore, type RanOp } from './causal.ts'
import { allowed, type Roles } from './reader/roleRules.ts'

type RoleTable = Roles

export interface ModelMember {
  active: boolean
  role: string
  readonly removals: RanOp[]
  readonly revives: RanOp[]
}

export interface MembershipModel extends RoleTable {
  readonly members: ReadonlyMap<MemberId, ModelMember>
  /** Active members, sorted. */
  readonly active: readonly MemberId[]
  /** True when the write `w` by its issuer takes effect (not forged, not fenced by a removal of the issuer). */
  effective(w: RanOp): boolean
  /** True when the issuer, as itself, may write `w` (a member, not fenced), forged or not. */
  mayWrite(w: RanOp): boolean
  /** Membership ops that took effect, in fold order. */
  readonly applied: readonly RanOp[]
}

const isMembershipOp = (o: RanOp): boolean => o.outcome.membership !== undefined

/**
 * Folds the membership ops of `entity` (those `include` admits) on top of its genesis. A `forged`
 * op (made under another member's name, or sent in two versions) is never folded and never takes
 * effect: an honest replica must not show it.
 */
export function membershipModel(
  decl: EntityDecl,
  ops: readonly RanOp[],
  include: (o: RanOp) => boolean = () => true,
  forged: (o: RanOp) => boolean = () => false,
): MembershipModel {
  const coreDoc = `${decl.id}:core`
  const members = new Map<MemberId, ModelMember>()
  const get = (m: MemberId): ModelMember => {
    let s = members.get(m)
    if (!s) members.set(m, (s = { active: false, role: 'member', removals: [], revives: [] }))
    return s
  }
  Object.assign(get(decl.owner), { active: true, role: 'owner' })
  for (const [m, role] of Object.entries(decl.members)) Object.assign(get(m), { active: true, role })
  const table: RoleTable = {
    roleOf: (m) => (members.get(m)?.active ? members.get(m)!.role : undefined),
    owners: () => [...members.values()].filter((s) => s.active && s.role === 'owner').length,
  }
  const fenced = (w: RanOp): boolean => fencedBy(members.get(w.peer), w)
  const sorted = ops
    .filter((o) => o.entity === decl.id && isMembershipOp(o) && include(o) && !forged(o))
    .sort((a, b) => order(a, b, coreDoc))
  const applied: RanOp[] = []
  for (const op of sorted) {
    const m = op.outcome.membership!
    if (table.roleOf(op.peer) === undefined || fenced(op)) continue
    if (!allowed(table, op.peer, m.kind, m.target, m.role)) continue
    const t = get(m.target)
    if (m.kind === 'add' && !t.active && !t.removals.every((r) => happenedBefore(r, op))) continue
    apply(op, t)
    applied.push(op)
  }
  const active = [...members]
    .filter(([, s]) => s.active)
    .map(([m]) => m)
    .sort()
  const mayWrite = (w: RanOp): boolean => members.has(w.peer) && !fenced(w)
  return { members, active, applied, effective: (w) => !forged(w) && mayWrite(w), mayWrite, ...table }
}

function order(a: RanOp, b: RanOp, coreDoc: string): number {
  const sa = a.outcome.membership!.stamp
  const sb = b.outcome.membership!.stamp
  if (sa !== sb) return sa - sb
  if (a.peer !== b.peer) return a.peer < b.peer ? -1 : 1
  const ka = firstClient(a, coreDoc).toString(36)
  const kb = firstClient(b, coreDoc).toString(36)
  return ka < kb ? -1 : ka > kb ? 1 : 0
}

/** `w` by a member with state `s` is fenced by one of the member's removals. */
function fencedBy(s: ModelMember | undefined, w: RanOp): boolean {
  if (!s) return true
  return s.removals.some(
    (r) => !happenedBefore(w, r) && !s.revives.some((a) => happenedBefore(r, a) && happenedBefore(a, w)),
  )
}

function apply(op: RanOp, t: ModelMember): void {
  const m = op.outcome.membership!
  if (m.kind === 'remove') {
    t.active = false
    t.removals.push(op)
    return
  }
  if (m.kind === 'add' && !t.active) {
    if (t.removals.length > 0) t.revives.push(op)
    t.active = true
  }
  if (m.role) t.role = m.role
}

export type { EntityId }
