/** Membership under both profiles: role rules, concurrency, fencing and revival. */
import { describe, expect, it } from 'vitest'
import { countingClientIds } from './harness.ts'
import { SmallWorld } from '../../src/sim/smallWorld.ts'
import { LabError } from '../../src/engine/base/errors.ts'
import { PROFILE_NAMES, type ProfileName } from '../../src/engine/base/enums.ts'

const G = 'group:test'

function trio(profile: ProfileName, bases?: [number, number, number]) {
  const net = new SmallWorld({ profile })
  const names = ['alice', 'bob', 'carol'] as const
  names.forEach((n, i) => net.add(n, { clientIds: bases ? countingClientIds(bases[i]!) : undefined }))
  net.r('alice').createEntity(G, { members: { bob: 'member', carol: 'admin' } })
  net.replicateEntity('alice', G)
  return net
}

const codeOf = (f: () => unknown): string => {
  try {
    f()
  } catch (e) {
    if (e instanceof LabError) return e.code
    throw e
  }
  return 'no error'
}

describe.each(PROFILE_NAMES)('role rules (%s)', (profile) => {
  it('refuses what roles forbid, with typed errors, changing nothing', () => {
    const net = trio(profile)
    const before = net.r('bob').encodeState(`${G}:core`)
    expect(codeOf(() => net.r('bob').execute('member.add', G, { member: 'dave', role: 'member' }))).toBe('FORBIDDEN')
    expect(net.r('bob').encodeState(`${G}:core`)).toEqual(before)
    expect(codeOf(() => net.r('carol').execute('member.add', G, { member: 'dave', role: 'owner' }))).toBe('FORBIDDEN')
    expect(codeOf(() => net.r('alice').execute('member.remove', G, { member: 'alice' }))).toBe('LAST_OWNER')
    expect(codeOf(() => net.r('alice').execute('member.updateRole', G, { member: 'alice', role: 'admin' }))).toBe(
      'LAST_OWNER',
    )
    expect(codeOf(() => net.r('alice').execute('member.add', G, { member: 'dave', role: 'king' }))).toBe('INVALID_ROLE')
    expect(codeOf(() => net.r('alice').execute('member.add', G, { member: '../../etc', role: 'member' }))).toBe(
      'BAD_MEMBER_ID',
    )
    net.r('alice').execute('member.add', G, { member: 'dave', role: 'admin' })
    net.settle()
    // only an owner changes an admin's role or removes an admin
    expect(codeOf(() => net.r('carol').execute('member.remove', G, { member: 'dave' }))).toBe('FORBIDDEN')
    expect(codeOf(() => net.r('carol').execute('member.updateRole', G, { member: 'dave', role: 'member' }))).toBe(
      'FORBIDDEN',
    )
    // member.add on a current member updates the role (the spec's upsert)
    net.r('alice').execute('member.add', G, { member: 'bob', role: 'admin' })
    expect(net.r('alice').query('member.role', G, { member: 'bob' })).toBe('admin')
    // a second owner makes demoting the first possible
    net.r('alice').execute('member.updateRole', G, { member: 'dave', role: 'owner' })
    net.r('alice').execute('member.updateRole', G, { member: 'alice', role: 'admin' })
    expect(net.r('alice').query('member.role', G, { member: 'alice' })).toBe('admin')
    expect(codeOf(() => net.r('alice').execute('member.add', G, { member: 'erin', role: 'member' }))).toBe('no error')
  })

  it('a removed member can no longer write', () => {
    const net = trio(profile)
    net.r('alice').execute('member.remove', G, { member: 'bob' })
    net.settle()
    expect(codeOf(() => net.r('bob').execute('chat.send', G, { content: 'hi' }))).toBe('NOT_A_MEMBER')
  })
})

/** Alice removes bob while carol, concurrently, "adds" bob again (a role upsert). */
function addRemoveRace(profile: ProfileName, bases: [number, number, number]): string[] {
  const net = trio(profile, bases)
  net.r('alice').execute('member.remove', G, { member: 'bob' })
  net.r('carol').execute('member.add', G, { member: 'bob', role: 'member' })
  net.settle()
  const lists = ['alice', 'carol'].map((n) => JSON.stringify(net.r(n).query('member.list', G)))
  expect(new Set(lists).size).toBe(1)
  return JSON.parse(lists[0]!) as string[]
}

describe('concurrent add and remove of one member', () => {
  it('reference: removal wins in both clientID orders', () => {
    expect(addRemoveRace('reference', [1000, 2000, 3000])).toEqual(['alice', 'carol'])
    expect(addRemoveRace('reference', [3000, 2000, 1000])).toEqual(['alice', 'carol'])
  })

  it('spec: the outcome follows the clientID order of alice and carol', () => {
    const aliceLow = addRemoveRace('spec', [1000, 2000, 3000])
    const aliceHigh = addRemoveRace('spec', [3000, 2000, 1000])
    expect([aliceLow, aliceHigh].map((l) => l.includes('bob')).sort()).toEqual([false, true])
  })
})

describe('reference: removal, revival and fencing', () => {
  it('an add that saw the removal revives the member; its new writes count', () => {
    const net = trio('reference')
    net.r('alice').execute('member.remove', G, { member: 'bob' })
    net.settle()
    net.r('carol').execute('member.add', G, { member: 'bob', role: 'member' })
    net.settle()
    expect(net.r('bob').query('member.list', G)).toEqual(['alice', 'bob', 'carol'])
    net.r('bob').execute('chat.send', G, { content: 'back' })
    net.settle()
    for (const n of ['alice', 'bob', 'carol']) expect(net.r(n).query('chat.list', G)).toEqual(['back'])
  })

  it("a removed member's stale offline writes have no effect anywhere; earlier ones stay", () => {
    const net = trio('reference')
    const m = net.r('bob').execute('chat.send', G, { content: 'before' }).createdId!
    net.settle()
    net.r('bob').setOnline(false)
    net.r('bob').execute('chat.send', G, { content: 'stale' })
    net.r('bob').execute('chat.edit', G, { message: m, content: 'edited while removed' })
    net.r('alice').execute('member.remove', G, { member: 'bob' })
    net.settle()
    net.r('bob').setOnline(true)
    net.antiEntropy(G)
    for (const n of ['alice', 'carol']) expect(net.r(n).query('chat.list', G)).toEqual(['before'])
  })

  it('concurrent mutual removal: the first in (stamp, issuer) order takes effect and fences the other', () => {
    const net = trio('reference')
    net.r('alice').execute('member.updateRole', G, { member: 'carol', role: 'owner' })
    net.settle()
    net.r('alice').execute('member.remove', G, { member: 'carol' })
    net.r('carol').execute('member.remove', G, { member: 'alice' })
    net.settle()
    const lists = ['alice', 'bob', 'carol'].map((n) => JSON.stringify(net.r(n).query('member.list', G)))
    expect(new Set(lists).size).toBe(1)
    expect(JSON.parse(lists[0]!)).toHaveLength(2)
  })

  it('concurrent first adds of one member by two admins keep the greater (stamp, issuer) role', () => {
    const net = trio('reference')
    net.r('alice').execute('member.add', G, { member: 'dave', role: 'member' })
    net.r('carol').execute('member.add', G, { member: 'dave', role: 'admin' })
    net.settle()
    const roles = ['alice', 'bob', 'carol'].map((n) => net.r(n).query('member.role', G, { member: 'dave' }))
    expect(new Set(roles).size).toBe(1)
    // equal stamps (both wrote their first op after genesis): the tie goes to the greater issuer id, carol
    expect(roles[0]).toBe('admin')
    // a write that saw both wins over them, whatever the issuer id
    net.r('alice').execute('member.updateRole', G, { member: 'dave', role: 'member' })
    net.settle()
    for (const n of ['alice', 'bob', 'carol'])
      expect(net.r(n).query('member.role', G, { member: 'dave' })).toBe('member')
  })
})
