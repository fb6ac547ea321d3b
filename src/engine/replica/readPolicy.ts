/**
 * Who may read an entity's documents: be answered their state, be sent their updates. The spec
 * answers anyone on the entity's topic. The reference answers members only: the core document to
 * anyone who ever was one or whom a membership op names, even one the role rules void (a removed
 * or wrongly added peer must be able to learn that it is no member), the other documents to active
 * members, as this replica's own view has them.
 */
import { parseDocId, type DocId, type MemberId } from '../base/ids.ts'
import type { MembershipView } from '../ports/membership.ts'
import type { Profile } from '../profile/profile.ts'

/** Whether `member` may read `docId`, by `view` (the entity's membership on this replica). */
export function mayRead(profile: Profile, view: () => MembershipView, docId: DocId, member: MemberId): boolean {
  if (profile.reads === 'open') return true
  const v = view()
  return parseDocId(docId).concern === 'core' ? v.everMember(member) : v.roleOf(member) !== undefined
}

/** Who is sent the document's updates: every subscriber ('*'), or the members who may read it but `self`. */
export function readersOf(
  profile: Profile,
  view: () => MembershipView,
  docId: DocId,
  self: MemberId,
): '*' | MemberId[] {
  if (profile.reads === 'open') return '*'
  const v = view()
  const all = parseDocId(docId).concern === 'core' ? [...v.members.keys()] : v.active
  return all.filter((m) => m !== self)
}
