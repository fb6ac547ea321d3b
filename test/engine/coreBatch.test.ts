/**
 * A signed message of many core entries (a newcomer's join: one entry per membership op) is
 * settled as one merged update would be: the entity's other documents are looked at again once
 * for the message, not once per entry (a 100-member join read every item of every document 100
 * times: 1.9 s per join in the bench's full entity sync, 0.2 s after), and the newcomer ends
 * reading what the hub reads.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { TombstoneKeeper } from '../../src/engine/replica/tombstones.ts'
import { SmallWorld } from '../../src/sim/smallWorld.ts'

const G = 'group:g'
const MEMBERS = 12

afterEach(() => vi.restoreAllMocks())

describe('a join of many core entries (reference)', () => {
  it('looks at the other documents once per message and ends where the hub is', () => {
    const w = new SmallWorld({ profile: 'reference', seed: 5 })
    w.add('alice')
    w.r('alice').createEntity(G, {})
    for (let i = 0; i < MEMBERS; i++) w.r('alice').execute('member.add', G, { member: `m${i}`, role: 'member' })
    for (let i = 0; i < 5; i++) w.r('alice').execute('chat.send', G, { content: `message ${i}` })
    w.r('alice').drainOutbox()
    w.add('m0')
    const markAll = vi.spyOn(TombstoneKeeper.prototype, 'markAll')
    w.r('alice').antiEntropy('m0', G)
    w.settle()
    // The core arrives as one message of MEMBERS + 1 entries; each non-core document is marked
    // once for it (and once when the document itself first arrives, before or after).
    const chat = `${G}:chat`
    const chatMarks = markAll.mock.calls.filter(([md]) => md.id === chat).length
    expect(chatMarks).toBeGreaterThan(0)
    expect(chatMarks).toBeLessThanOrEqual(2)
    for (const q of ['member.list', 'chat.list']) expect(w.r('m0').query(q, G)).toEqual(w.r('alice').query(q, G))
  })
})
