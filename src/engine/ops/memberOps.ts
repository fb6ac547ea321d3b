/** Membership ops (the spec's core_member_add/remove/update_role) and queries (core_member_list). */
import { validateMemberId } from '../base/ids.ts'
import { checkMembershipOp, type MembershipOpKind } from '../ports/roles.ts'
import { str } from '../concerns/args.ts'
import type { OpEntity } from './types.ts'
import { defineOp, defineQuery } from './define.ts'
import { Member, Role as RoleArg } from './argSchemas.ts'
import { assertRole, type Role } from '../base/enums.ts'
import type { OpResult } from '../ports/effects.ts'

function membershipOp(e: OpEntity, kind: MembershipOpKind, target: string, role: Role | undefined): OpResult {
  e.requireMember()
  const view = e.view()
  // `member.add` on a current member updates the role (the spec's upsert); role rules apply as to a role change.
  if (e.checksAccess) checkMembershipOp(view, e.member, kind, target, role)
  const svs = e.svs()
  const membership = e.write('core', (ctx) => e.profile.membership.apply(ctx, view, kind, target, role, svs))
  return { membership }
}

const target = (args: Record<string, unknown>, op: string): string =>
  validateMemberId(str(args, 'member', op), 'args.member')

const member = ['member']

export const memberOps = [
  defineOp({
    name: 'member.add',
    concern: 'core',
    args: { member: Member, role: RoleArg },
    members: member,
    summary: 'add a member with a role, or update the role of a current member',
    run: (e, args) => membershipOp(e, 'add', target(args, 'member.add'), assertRole(args.role, 'args.role')),
  }),
  defineOp({
    name: 'member.remove',
    concern: 'core',
    args: { member: Member },
    members: member,
    summary: 'remove a member (a tombstone pruned once every active member acknowledged it)',
    run: (e, args) => membershipOp(e, 'remove', target(args, 'member.remove'), undefined),
  }),
  defineOp({
    name: 'member.updateRole',
    concern: 'core',
    args: { member: Member, role: RoleArg },
    members: member,
    summary: "change a member's role",
    run: (e, args) => membershipOp(e, 'role', target(args, 'member.updateRole'), assertRole(args.role, 'args.role')),
  }),
]

export const memberQueries = [
  defineQuery({
    name: 'member.list',
    concern: 'core',
    args: {},
    answer: 'list',
    summary: 'sorted ids of the active members',
    run: (e) => [...e.view().active],
  }),
  defineQuery({
    name: 'member.role',
    concern: 'core',
    args: { member: Member },
    members: member,
    answer: 'value',
    summary: "a member's role, or null when not an active member",
    run: (e, args) => e.view().roleOf(target(args, 'member.role')) ?? null,
  }),
]
