/**
 * Role rules of membership, shared by both profiles (checked locally before a write) and by the
 * reference profile's membership fold (checked again when ops from many replicas are merged).
 *   - owners and admins add and remove members;
 *   - only an owner grants the owner role, changes an admin's or owner's role, or removes one;
 *   - the last owner can be neither removed nor demoted.
 */
import { LabError } from '../base/errors.ts'
import type { MemberId } from '../base/ids.ts'
import type { Role } from '../base/enums.ts'

/** Who is active with which role, as one replica (or the fold at one point) sees it. */
export interface RoleTable {
  roleOf(member: MemberId): Role | undefined
  owners(): number
}

export type MembershipOpKind = 'add' | 'remove' | 'role'

/** Throws the typed error that forbids `issuer` doing `kind` on `target`; returns when allowed. */
export function checkMembershipOp(
  t: RoleTable,
  issuer: MemberId,
  kind: MembershipOpKind,
  target: MemberId,
  role?: Role,
): void {
  const mine = t.roleOf(issuer)
  if (mine === undefined)
    throw new LabError('NOT_A_MEMBER', `${issuer} is not an active member`, { details: { issuer } })
  if (mine === 'member')
    throw new LabError('FORBIDDEN', `${issuer} is a member; only owners and admins manage members`, {
      details: { issuer },
    })
  const theirs = t.roleOf(target)
  if (kind === 'add' && theirs === undefined) {
    if (role === 'owner' && mine !== 'owner') throw forbidden(issuer, `grant the owner role to ${target}`)
    return
  }
  if (theirs === undefined)
    throw new LabError('NOT_FOUND', `${target} is not an active member`, { details: { target } })
  if ((theirs === 'owner' || theirs === 'admin') && mine !== 'owner')
    throw forbidden(issuer, `${kind === 'remove' ? 'remove' : 'change the role of'} ${theirs} ${target}`)
  if (role === 'owner' && mine !== 'owner') throw forbidden(issuer, `grant the owner role to ${target}`)
  const demotes = kind === 'remove' || (role !== undefined && role !== 'owner')
  if (theirs === 'owner' && demotes && t.owners() <= 1) {
    throw new LabError(
      'LAST_OWNER',
      `${target} is the last owner and cannot be ${kind === 'remove' ? 'removed' : 'demoted'}`,
      { details: { target } },
    )
  }
}

/** True when `checkMembershipOp` would allow the op. */
export function allowsMembershipOp(
  t: RoleTable,
  issuer: MemberId,
  kind: MembershipOpKind,
  target: MemberId,
  role?: Role,
): boolean {
  try {
    checkMembershipOp(t, issuer, kind, target, role)
    return true
  } catch {
    return false
  }
}

const forbidden = (issuer: MemberId, what: string): LabError =>
  new LabError('FORBIDDEN', `only an owner may ${what}; ${issuer} is not an owner`, { details: { issuer } })
