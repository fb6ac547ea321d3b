/**
 * Crashes in the middle of a materialization, on the replica that moves (alice) and on one that
 * receives the removal (bob): after a restart and a sync round nothing is lost or read twice, and
 * the archive holds every moved message once. Idempotence of moving the same items twice.
 */
import { describe, expect, it } from 'vitest'
import type { CrashPointName } from '../../../src/engine/fallback/config.ts'
import { materializeNow, movableItems } from '../../../src/engine/fallback/api.ts'
import { DAY, G, SMALL, advance, chatNet, list, readable, sendMany } from './fixture.ts'
import { FALLBACK_CONCERNS } from '../../../src/engine/fallback/concerns.ts'
import { archiveContext, archivedItem } from '../../../src/engine/fallback/materializer.ts'
import type { SmallWorld } from '../../../src/sim/smallWorld.ts'
import { CrashPoint } from '../../../src/engine/fallback/failpoints.ts'

const onlyAlice = (name: string) => (name === 'alice' ? SMALL : { archiveAfterDays: 1 })

/** Sends until the armed failpoint fires on `who`; returns what was sent. */
function crashDuringSends(who: string, point: CrashPointName): { net: SmallWorld; sent: string[] } {
  const net = chatNet('reference', onlyAlice)
  const sent: string[] = []
  net.r(who).fallback.failpoint.armed = point
  let crash: unknown
  try {
    sendMany(net, 150, { into: sent })
  } catch (e) {
    crash = e
  }
  expect(crash).toBeInstanceOf(CrashPoint)
  expect((crash as CrashPoint).point).toBe(point)
  return { net, sent }
}

/** Nothing lost, nothing twice, the same everywhere, and no message both in the CRDT and in SQL. */
function expectWhole(net: SmallWorld, sent: readonly string[]): void {
  for (const n of ['alice', 'bob', 'carol']) {
    expect(list(net, n), n).toEqual(sent)
    const items = readable(net, n)
    expect(new Set(items.map((i) => i.id)).size, n).toBe(items.length)
    const archive = net.r(n).fallback.archive
    expect(
      items.filter((i) => i.source === 'crdt' && archive.has('message', i.id)),
      n,
    ).toEqual([])
    expect(archive.count('message', G), n).toBe(items.filter((i) => i.source === 'sql').length)
  }
}

/** Messages the replica holds both in its CRDT and in its archive (the window a crash can leave). */
const inBoth = (net: SmallWorld, who: string): number => {
  const archive = net.r(who).fallback.archive
  return readable(net, who).filter((i) => i.source === 'crdt' && archive.has('message', i.id)).length
}

describe.each([
  // who, where, torn last write, left in both CRDT and SQL at restart
  ['alice', 'sql', false, true],
  ['alice', 'crdt', false, false],
  ['alice', 'crdt', true, true],
  ['bob', 'sql', false, true],
  ['bob', 'crdt', false, false],
] as const)('a crash on %s after the %s step (torn last write: %s)', (who, point, tear, both) => {
  it('loses and duplicates nothing after restart and a sync round', () => {
    const { net, sent } = crashDuringSends(who, point)
    expect(net.r(who).fallback.archive.count('message', G)).toBeGreaterThan(0)
    net.restart(who, tear)
    expect(inBoth(net, who) > 0).toBe(both)
    // between the restart and the next sync, reads already show every message once
    const items = readable(net, who)
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length)
    expect(list(net, who)).toEqual(sent)
    net.antiEntropy(G)
    net.antiEntropy(G)
    sendMany(net, 10, { tag: 'after', into: sent })
    net.antiEntropy(G)
    expectWhole(net, sent)
  })
})

describe('idempotence', () => {
  it('materializing the same items twice moves them once and leaves the archive as it was', () => {
    const net = chatNet('reference', () => ({ archiveAfterDays: 1 }), ['alice'])
    const sent = sendMany(net, 50)
    advance(net, 3 * DAY)
    const ids = movableItems(net.r('alice'), G).map((i) => i.id)
    expect(materializeNow(net.r('alice'), G, 'chat', ids)).toEqual(ids)
    const dump = () =>
      net.r('alice').fallback.archive.connection.prepare('SELECT * FROM archived_messages ORDER BY id').all()
    const rows = dump()
    expect(materializeNow(net.r('alice'), G, 'chat', ids)).toEqual([])
    expect(dump()).toEqual(rows)
    // and the archive's own upsert of the same rows changes nothing
    const archive = net.r('alice').fallback.archive
    expect(
      archive.upsert(archive.all('message', G), {
        entity: { id: G, type: 'group', fourWords: 'test', name: null, createdAt: null, createdBy: null },
        members: [],
      }),
    ).toBe(0)
    expect(list(net, 'alice')).toEqual(sent)
  })
})

describe('rows of items that never left the CRDT', () => {
  it('are dropped at the first pass after a restart, so peers are not offered them and reads are unchanged', () => {
    const net = chatNet('reference', onlyAlice)
    const sent = sendMany(net, 120)
    net.antiEntropy(G)
    // an interrupted move whose redo will not come (its attestation was torn): rows for live items
    const live = readable(net, 'alice')
      .filter((i) => i.source === 'crdt')
      .slice(0, 3)
      .map((i) => i.id)
    const e = net.r('alice').entity(G)
    const md = e.doc('chat')
    const rows = live.map((id) =>
      archivedItem(
        e,
        md,
        FALLBACK_CONCERNS.chat!,
        id,
        FALLBACK_CONCERNS.chat!.view(e.profile, e.read('chat'), md.doc.getMap('messages'), id)!,
        'materialized',
      ),
    )
    net.r('alice').fallback.archive.upsert(rows, archiveContext(e))
    net.restart('alice')
    expect(inBoth(net, 'alice')).toBe(3)
    net.antiEntropy(G)
    expect(inBoth(net, 'alice')).toBe(0)
    for (const id of live) expect(net.r('alice').fallback.archive.has('message', id)).toBe(false)
    expect(list(net, 'alice')).toEqual(sent)
    for (const n of ['bob', 'carol'])
      expect(net.r(n).fallback.archive.ids('message', G), n).toEqual(net.r('alice').fallback.archive.ids('message', G))
  })
})
