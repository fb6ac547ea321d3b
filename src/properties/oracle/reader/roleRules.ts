/**
 * The spec's role rules, as the oracle reads them from the spec ("Member management with roles
 * (owner | admin | member)") and the lab's docs: owners and admins add and remove members; only an
 * owner grants the owner role, changes an admin's or an owner's role, or removes one; the last
 * owner can be neither removed nor demoted. `member.add` of an active member is a role change.
 */

/** Who is active with which role at one point of a fold. */
export interface Roles {
  roleOf(member: string): string | undefined
  owners(): number
}

/** Whether `issuer` may do `kind` to `target` (with `role` for an add or a role change). */
export function allowed(t: Roles, issuer: string, kind: string, target: string, role?: string): boolean {
  const mine = t.roleOf(issuer)
  if (mine === undefined || mine === 'member') return false
  const theirs = t.roleOf(target)
  if (kind === 'add' && theirs === undefined) return role !== 'owner' || mine === 'owner'
  if (theirs === undefined) return false
  if ((theirs === 'owner' || theirs === 'admin') && mine !== 'owner') return false
  if (role === 'owner' && mine !== 'owner') return false
  const demotes = kind === 'remove' || (role !== undefined && role !== 'owner')
  return !(theirs === 'owner' && demotes && t.owners() <= 1)
}
