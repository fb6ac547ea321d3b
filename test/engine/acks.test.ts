/**
 * Ack semantics per profile with an explicit delivery order. Carol never receives alice's
 * deletion, but an unrelated update from carol reaches alice: the spec's code credits carol's
 * ack for the deletion anyway and prunes; the reference waits for carol's own attestation.
 */
import { describe, expect, it } from 'vitest'
import { SmallWorld } from '../../src/sim/smallWorld.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'

const G = 'group:test'
const CHAT = `${G}:chat` as const

function stage(profile: ProfileName) {
  const net = new SmallWorld({ profile })
  for (const n of ['alice', 'bob', 'carol']) net.add(n)
  net.r('alice').createEntity(G, { members: { bob: 'member', carol: 'member' } })
  net.replicateEntity('alice', G)
  const id = net.r('alice').execute('chat.send', G, { content: 'hello' }).createdId!
  net.settle()
  const events: string[] = []
  net.r('alice').events.on((e) => events.push(e.type === 'prune' ? `prune ${e.item}` : e.type))
  net.r('alice').execute('chat.delete', G, { message: id })
  net.drop('carol', 'alice') // carol never hears of the deletion
  net.get('carol').clock.advance(1000)
  net.r('carol').execute('chat.send', G, { content: 'unrelated' })
  net.deliver('alice', 'carol')
  net.deliver('bob')
  net.deliver('alice')
  net.deliver('alice')
  return { net, id, events }
}

describe('acks', () => {
  it('spec: an update from carol credits carol for a deletion she never saw, and alice prunes', () => {
    const { net, id, events } = stage('spec')
    expect(events).toContain(`prune ${id}`)
    expect(Object.keys((net.r('alice').docJSON(CHAT) as { messages: object }).messages)).not.toContain(id)
    // carol still shows the message: the tombstone was pruned before her replica held the deletion
    expect(net.r('carol').query('chat.list', G)).toContain('hello')
  })

  it('reference: no prune until carol attests; after carol integrates, it prunes everywhere', () => {
    const { net, id, events } = stage('reference')
    expect(events).not.toContain(`prune ${id}`)
    expect(net.r('alice').query('chat.list', G)).toEqual(['unrelated'])
    expect(net.r('carol').query('chat.list', G)).toEqual(['hello', 'unrelated'])
    net.antiEntropy(G)
    expect(events).toContain(`prune ${id}`)
    for (const n of ['alice', 'bob', 'carol']) {
      expect(net.r(n).query('chat.list', G)).toEqual(['unrelated'])
      expect(Object.keys((net.r(n).docJSON(CHAT) as { messages: object }).messages)).not.toContain(id)
    }
  })

  it('reference: an offline member holds pruning back; it happens within two sync rounds once it is back', () => {
    const net = new SmallWorld({ profile: 'reference' })
    for (const n of ['alice', 'bob', 'carol']) net.add(n)
    net.r('alice').createEntity(G, { members: { bob: 'member', carol: 'member' } })
    net.replicateEntity('alice', G)
    const id = net.r('alice').execute('chat.send', G, { content: 'x' }).createdId!
    net.settle()
    net.r('carol').setOnline(false)
    net.r('alice').execute('chat.delete', G, { message: id })
    net.drop('carol')
    net.settle()
    expect(Object.keys((net.r('alice').docJSON(CHAT) as { messages: object }).messages)).toContain(id)
    net.r('carol').setOnline(true)
    net.antiEntropy(G) // round 1: carol integrates the deletion and attests; round 2 is the settle inside
    for (const n of ['alice', 'bob', 'carol'])
      expect(Object.keys((net.r(n).docJSON(CHAT) as { messages: object }).messages)).not.toContain(id)
  })
})

describe('acks after a crash', () => {
  it(
    'a replica restarted with its last ack torn acks again at its first sync ' + 'round, and the tombstone is pruned',
    () => {
      const net = new SmallWorld({ profile: 'reference' })
      for (const n of ['alice', 'bob']) net.add(n)
      net.r('alice').createEntity(G, { members: { bob: 'member' } })
      net.replicateEntity('alice', G)
      const id = net.r('alice').execute('chat.send', G, { content: 'typo' }).createdId!
      net.settle()
      net.r('alice').execute('chat.delete', G, { message: id })
      net.collect()
      net.deliver('bob') // bob integrates the deletion and writes his ack
      net.drop('alice') // ... which never leaves his replica
      net.restart('bob', true) // and his last write, the ack, is torn
      const tombs = () => ['alice', 'bob'].map((n) => net.r(n).tombstones(G).length)
      net.settle()
      expect(tombs()).toEqual([1, 1])
      net.antiEntropy(G)
      expect(tombs()).toEqual([0, 0])
    },
  )
})
