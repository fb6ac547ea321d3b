/**
 * A member catching up on many signed entries acknowledges once, when the message ends
 * (replica/afterChange.ts `batch`), not once per entry: each acknowledgement rewrites the member's
 * watermark and goes to every member.
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { SmallWorld } from '../../src/sim/smallWorld.ts'

const G = 'group:g'
const CHAT = `${G}:chat` as const

describe('catching up on signed entries', () => {
  it('writes one watermark for a message of ten deletions, and the tombstones are pruned', () => {
    const net = new SmallWorld({ profile: 'reference' })
    for (const n of ['alice', 'bob']) net.add(n)
    net.r('alice').createEntity(G, { members: { bob: 'member' } })
    net.replicateEntity('alice', G)
    const ids = Array.from({ length: 10 }, (_, i) => net.r('alice').execute('chat.send', G, { content: `m${i}` }))
    net.settle()
    for (const m of ids) net.r('alice').execute('chat.delete', G, { message: m.createdId! })
    net.drop('bob') // bob hears of the deletions only from anti-entropy: one message of ten entries
    const bob = net.r('bob')
    const clock = () => Y.getState(bob.ydoc(CHAT).store, bob.ydoc(CHAT).clientID)
    const before = clock()
    net.r('alice').antiEntropy('bob', G)
    net.deliver('bob', 'alice') // bob's step1 answer comes back
    net.deliver('alice', 'bob')
    net.deliver('bob', 'alice')
    // Bob's writes in the chat: one watermark (a registration first, if bob never wrote there).
    const written = clock() - before
    expect(written).toBeGreaterThan(0)
    expect(written).toBeLessThanOrEqual(2)
    net.antiEntropy(G)
    expect(net.r('alice').tombstones(G)).toEqual([])
    expect(net.r('bob').query('chat.list', G)).toEqual([])
  })
})
