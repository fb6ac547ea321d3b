/**
 * Safety of the move: an item leaves the CRDT only once every active member's replica holds it.
 * Carol is cut off (both ways) while the others write past the threshold and the messages age.
 */
import { describe, expect, it } from 'vitest'
import { readAttestations } from '../../../src/engine/fallback/attestations.ts'
import { movableItems } from '../../../src/engine/fallback/api.ts'
import { labErrorOf } from '../labErrorOf.ts'
import { CHAT, DAY, G, advance, chatNet, list, recordEvents, sendMany, settleExcept, status } from './fixture.ts'
import type { ProfileName } from '../../../src/engine/base/enums.ts'

function carolAway(profile: ProfileName) {
  const net = chatNet(profile)
  const events = recordEvents(net)
  const sent = sendMany(net, 30)
  net.r('carol').setOnline(false)
  sent.push(...sendMany(net, 100, { offline: ['carol'], tag: 'away' }))
  return { net, events, sent }
}

function carolBack(net: ReturnType<typeof chatNet>): void {
  net.r('carol').setOnline(true)
  net.antiEntropy(G)
  net.antiEntropy(G)
}

describe('an offline member', () => {
  it('reference: holds materialization back; once back and attested, messages move and nobody loses any', () => {
    const { net, events, sent } = carolAway('reference')
    expect(status(net, 'alice')).toMatchObject({ over: true, archived: 0, mode: 'crdt' })
    expect(events.log.filter((l) => l.includes(':materialize:'))).toEqual([])
    expect(movableItems(net.r('alice'), G).length).toBeGreaterThan(50)
    carolBack(net)
    expect(events.log.some((l) => l.includes(':materialize:'))).toBe(true)
    for (const n of ['alice', 'bob', 'carol']) {
      expect(list(net, n)).toEqual(sent)
      expect(status(net, n)).toMatchObject({ over: false, mode: 'hybrid' })
    }
    expect(net.r('carol').docJSON(CHAT)).toEqual(net.r('alice').docJSON(CHAT))
  })

  it('spec: the others move messages the offline member never held; back online, it can never read them', () => {
    const { net, sent } = carolAway('spec')
    expect(status(net, 'alice').archived).toBeGreaterThan(0)
    carolBack(net)
    expect(list(net, 'alice')).toEqual(sent)
    expect(list(net, 'bob')).toEqual(sent)
    const carol = list(net, 'carol')
    const lost = sent.filter((m) => !carol.includes(m))
    expect(lost.length).toBeGreaterThan(20)
    expect(lost.some((m) => m.startsWith('away'))).toBe(true)
    // and nothing brings them back: carol's replica never held them, her archive has none
    net.antiEntropy(G)
    expect(list(net, 'carol')).toEqual(carol)
  })
})

describe('clock skew (reference)', () => {
  it('a member whose clock is two days behind holds back what it does not count as old; all read the same', () => {
    const net = chatNet('reference')
    net.get('carol').clock.skew(-2 * DAY)
    const events = recordEvents(net)
    sendMany(net, 150)
    const lists = ['alice', 'bob', 'carol'].map((n) => list(net, n))
    expect(lists[0]).toHaveLength(150)
    expect(lists[1]).toEqual(lists[0])
    expect(lists[2]).toEqual(lists[0])
    const carolFrozen = readAttestations(net.r('alice').docs.get(CHAT)).get('carol')!.frozenBefore
    const aliceCutoff = net.r('alice').now() - DAY
    expect(carolFrozen).toBeLessThanOrEqual(aliceCutoff - 2 * DAY)
    // nothing in SQL anywhere is newer than what carol froze
    for (const n of ['alice', 'bob', 'carol'])
      expect(
        net
          .r(n)
          .fallback.archive.all('message', G)
          .every((r) => r.createdAt < carolFrozen),
      ).toBe(true)
    // attestations come in granules (3 h of a 1-day age here), not one per message per member
    expect(events.log.filter((l) => l.endsWith(':attest')).length).toBeLessThan(150)
  })
})

describe('attestations', () => {
  it('freeze old messages on the attesting replica: edit, react and delete are ARCHIVED, a reply is fine', () => {
    const net = chatNet('reference')
    sendMany(net, 30)
    const old = (net.r('bob').query('chat.list', G) as string[]).length
    net.r('carol').setOnline(false)
    sendMany(net, 100, { offline: ['carol'] })
    const frozen = movableItems(net.r('bob'), G)[0]!
    const bob = net.r('bob')
    for (const [op, args] of [
      ['chat.edit', { content: 'late edit' }],
      ['chat.react', { emoji: 'x' }],
      ['chat.delete', {}],
    ] as const) {
      expect(labErrorOf(() => bob.execute(op, G, { message: frozen.id, ...args })).code, op).toBe('ARCHIVED')
    }
    expect(bob.execute('chat.send', G, { content: 'reply', replyTo: frozen.id }).createdId).toBeDefined()
    expect(old).toBe(30)
    // carol never attested, so she still may write to it; once moved, it is read-only everywhere
    expect(
      net.r('carol').execute('chat.edit', G, { message: frozen.id, content: 'carol edits offline' }).writes,
    ).toHaveLength(1)
    net.r('carol').setOnline(true)
    net.antiEntropy(G)
    net.antiEntropy(G)
    expect(list(net, 'alice')).toContain('carol edits offline')
    expect(list(net, 'carol')).toEqual(list(net, 'alice'))
    expect(labErrorOf(() => bob.execute('chat.edit', G, { message: frozen.id, content: 'x' })).message).toMatch(
      /archived in SQL/,
    )
  })

  it("count only when the member's own replica wrote them", () => {
    const net = chatNet('reference')
    sendMany(net, 30)
    advance(net, 2 * DAY)
    const carol = net.r('carol')
    const md = carol.docs.get(CHAT)
    // carol forges an attestation for bob (a system write through carol's own client)
    carol.entity(G).writeSystem(md, () => md.doc.getMap('_stable').set('bob', [999, {}, Number.MAX_SAFE_INTEGER]))
    settleExcept(net, [])
    expect(readAttestations(net.r('alice').docs.get(CHAT)).has('bob')).toBe(false)
    expect(readAttestations(md).has('bob')).toBe(false)
  })
})
