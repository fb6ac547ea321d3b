/** The spec's own tests (its "Testing Strategy"), ported to both profiles. */
import { describe, expect, it } from 'vitest'
import { SmallWorld } from '../../src/sim/smallWorld.ts'

const G = 'group:test'

describe.each(PROFILE_NAMES)('spec tests under the %s profile', (profile) => {
  it('test_member_add_and_list', () => {
    const net = new SmallWorld({ profile })
    net.add('alice-bob-charlie-delta')
    const r = net.r('alice-bob-charlie-delta')
    r.createEntity(G, {})
    r.execute('member.add', G, { member: 'echo-foxtrot-golf-hotel', role: 'member' })
    expect(r.query('member.list', G)).toEqual(['alice-bob-charlie-delta', 'echo-foxtrot-golf-hotel'])
  })

  it('test_tombstone_pruning: a removed member is pruned once alice and charlie have synced', () => {
    const net = new SmallWorld({ profile })
    for (const n of ['alice', 'bob', 'charlie']) net.add(n)
    net.r('alice').createEntity(G, { members: { bob: 'member', charlie: 'member' } })
    net.replicateEntity('alice', G)
    net.r('alice').execute('member.remove', G, { member: 'bob' })
    expect(net.r('alice').query('member.list', G)).toEqual(['alice', 'charlie'])
    net.settle()
    // Tombstone pruned everywhere among the active members: the members map no longer holds bob.
    for (const n of ['alice', 'charlie']) {
      expect(net.r(n).membership(G).members.has('bob')).toBe(false)
      expect(net.r(n).membership(G).tombstones).toEqual([])
    }
  })

  it('test_multi_node_sync: three peers see the member', () => {
    const net = new SmallWorld({ profile })
    for (const n of ['peer1', 'peer2', 'peer3']) net.add(n)
    net.r('peer1').createEntity(G, {})
    // peer1's whole state as it hands it over (the reference: its signed updates)
    const src = net.r('peer1')
    const update = encodeSyncMessage(src.sync.fullState(src.docs.get(`${G}:core`)))
    for (const p of ['peer2', 'peer3']) {
      const res = net.r(p).receive('peer1', `${G}:core`, update)
      expect(res.status).toBe('applied')
    }
    for (const p of ['peer1', 'peer2', 'peer3']) expect(net.r(p).query('member.list', G)).toEqual(['peer1'])
  })
})

import { encodeSyncMessage } from '../../src/engine/sync/messages.ts'
import { PROFILE_NAMES } from '../../src/engine/base/enums.ts'
