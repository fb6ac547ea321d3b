/**
 * Archive-before-removal: a replica that receives another replica's materialization archives its
 * own copies first, whether the removal comes as a live update or in an anti-entropy step2 after a
 * restart. Only alice has a small threshold here, so bob and carol never materialize themselves.
 */
import { writeAttestation } from '../../../src/engine/fallback/attestations.ts'
import { stateVectorOf } from '../../../src/engine/sync/stateVectors.ts'
import { describe, expect, it } from 'vitest'
import { materializeNow, movableItems } from '../../../src/engine/fallback/api.ts'
import { DAY, G, SMALL, advance, chatNet, fromSql, list, readable, recordEvents, sendMany, status } from './fixture.ts'

const onlyAlice = (name: string) => (name === 'alice' ? SMALL : { archiveAfterDays: 1 })

describe('a replica that receives a materialization (reference)', () => {
  it('attests when asked, and archives its own copies before applying the removal', () => {
    const net = chatNet('reference', onlyAlice)
    const events = recordEvents(net)
    const sent = sendMany(net, 120)
    expect(events.of('bob').some((e) => e.type === 'materialize')).toBe(false)
    expect(events.of('bob').some((e) => e.type === 'attest')).toBe(true)
    const archived = events.of('bob').filter((e) => e.type === 'archive')
    expect(archived.length).toBeGreaterThan(0)
    expect(archived.every((e) => e.type === 'archive' && e.from === 'alice')).toBe(true)
    for (const n of ['alice', 'bob', 'carol']) expect(list(net, n)).toEqual(sent)
    expect(fromSql(net, 'bob')).toEqual(fromSql(net, 'alice'))
    const rows = net.r('bob').fallback.archive.all('message', G)
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r) => r.movedHow === 'received')).toBe(true)
    expect(status(net, 'bob')).toMatchObject({ mode: 'hybrid', threshold: 10 * 1024 * 1024 })
  })

  it('archives first when the removal arrives by anti-entropy (a full delete set) after a restart', () => {
    const net = chatNet('reference', onlyAlice)
    const sent = sendMany(net, 40)
    advance(net, 3 * DAY)
    // Bob and carol freeze what alice will move (the protocol's attestations), then bob misses the move.
    for (const n of ['bob', 'carol']) {
      const e = net.r(n).entity(G)
      const md = e.doc('chat')
      e.writeSystem(md, (ctx) => writeAttestation(ctx, stateVectorOf(md.doc), e.profile.time(e.now())))
    }
    net.settle()
    const ids = movableItems(net.r('alice'), G).map((i) => i.id)
    expect(materializeNow(net.r('alice'), G, 'chat', ids)).toEqual(ids)
    expect(net.drop('bob')).toBeGreaterThan(0)
    net.restart('bob')
    expect(list(net, 'bob')).toEqual(sent)
    const events = recordEvents(net)
    net.antiEntropy(G)
    expect(
      events
        .of('bob')
        .flatMap((e) => (e.type === 'archive' ? e.items : []))
        .sort(),
    ).toEqual([...ids].sort())
    expect(list(net, 'bob')).toEqual(sent)
    expect(fromSql(net, 'bob')).toEqual(ids)
    expect(readable(net, 'bob').filter((i) => i.source === 'crdt')).toHaveLength(0)
  })

  it('a removal delivered twice archives once and changes nothing the second time', () => {
    const net = chatNet('reference', onlyAlice)
    sendMany(net, 20)
    advance(net, 3 * DAY)
    materializeNow(net.r('alice'), G)
    net.collect()
    const removal = net.get('bob').inbox.slice()
    net.settle()
    const rows = net.r('bob').fallback.archive.all('message', G)
    const events = recordEvents(net)
    for (const env of removal) expect(net.r('bob').receive('alice', env.docId, env.message).status).toBe('applied')
    expect(events.of('bob').filter((e) => e.type === 'archive')).toEqual([])
    expect(net.r('bob').fallback.archive.all('message', G)).toEqual(rows)
  })

  it("spec: applies a peer's removal as is, so a replica that did not move the messages itself loses them", () => {
    const net = chatNet('spec', onlyAlice)
    const sent = sendMany(net, 120)
    expect(list(net, 'alice')).toEqual(sent)
    expect(status(net, 'bob').archived).toBe(0)
    expect(list(net, 'bob').length).toBeLessThan(sent.length)
  })
})
