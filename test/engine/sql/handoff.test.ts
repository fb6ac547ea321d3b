/**
 * The archive handoff (reference): a member added after messages moved to SQL reads every message
 * once, in order; a replica whose archive lost its last write recovers the rows from peers; a
 * non-member receives nothing; bad rows are rejected whole; equal archives cost a digest each.
 */
import { describe, expect, it } from 'vitest'
import { encodeSyncMessage } from '../../../src/engine/sync/messages.ts'
import type { WireRow } from '../../../src/engine/sync/archiveMessages.ts'
import { wireRowOf } from '../../../src/engine/fallback/handoffRows.ts'
import type { SmallWorld } from '../../../src/sim/smallWorld.ts'
import { CHAT, G, SMALL, chatNet, fromSql, list, readable, recordEvents, sendMany, status } from './fixture.ts'

const onlyAlice = (name: string) => (name === 'alice' ? SMALL : { archiveAfterDays: 1 })

/** Alice's net after 120 messages (she moved the old ones), with `extra` replicas that are not members yet. */
function movedNet(extra: string[] = []): { net: SmallWorld; sent: string[] } {
  const net = chatNet('reference', onlyAlice)
  for (const n of extra) net.add(n, { config: { archiveAfterDays: 1 } })
  const sent = sendMany(net, 120, { from: ['alice', 'bob', 'carol'] })
  expect(status(net, 'alice').archived).toBeGreaterThan(0)
  return { net, sent }
}

const rowsMessage = (rows: WireRow[]) => encodeSyncMessage({ type: 'archiveRows', rows })

describe('the archive handoff (reference)', () => {
  it('a member added after a materialization reads every message exactly once, in order', () => {
    const { net, sent } = movedNet(['dave'])
    net.r('alice').execute('member.add', G, { member: 'dave', role: 'member' })
    net.settle()
    const events = recordEvents(net)
    net.antiEntropy(G)
    expect(list(net, 'dave')).toEqual(sent)
    const ids = readable(net, 'dave').map((i) => i.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(readable(net, 'alice').map((i) => i.id))
    // The reference hands a joiner the original signed updates, the moved messages' too: dave archives
    // those as their removals arrive, and the handoff brings the rest by the next round.
    net.antiEntropy(G)
    expect(fromSql(net, 'dave')).toEqual(fromSql(net, 'alice'))
    expect(
      net
        .r('dave')
        .fallback.archive.all('message', G)
        .every((r) => r.movedHow === 'transferred' || r.movedHow === 'received'),
    ).toBe(true)
    expect(
      events
        .of('dave')
        .flatMap((e) => (e.type === 'handoff' || e.type === 'archive' ? e.items : []))
        .sort(),
    ).toEqual([...fromSql(net, 'alice')].sort())
    // settled: the next round sends digests only, and nothing changes
    net.antiEntropy(G)
    expect(net.r('dave').fallback.archive.count('message', G)).toBe(status(net, 'alice').archived)
  })

  it('a replica restarted with its last archive write lost recovers the rows from peers', () => {
    const net = chatNet('reference', onlyAlice)
    const events = recordEvents(net)
    const sent = sendMany(net, 120)
    const last = events.of('bob').findLast((e) => e.type === 'archive')
    expect(last?.type).toBe('archive')
    const lost = last?.type === 'archive' ? last.items : []
    expect(lost.length).toBeGreaterThan(0)
    net.restart('bob')
    // the archive's last transaction did not survive (a lost WAL frame), the CRDT removal did
    const db = net.r('bob').fallback.archive.connection
    const del = db.prepare('DELETE FROM archived_messages WHERE id = ?')
    for (const id of lost) del.run(id)
    net.r('bob').fallback.archive.upsert([], {
      entity: { id: G, type: 'group', fourWords: 'test', name: null, createdAt: null, createdBy: null },
      members: [],
    })
    const bobIds = () => readable(net, 'bob').map((i) => i.id)
    expect(bobIds().filter((id) => lost.includes(id))).toEqual([])
    net.antiEntropy(G)
    expect(list(net, 'bob')).toEqual(sent)
    expect(bobIds()).toEqual(readable(net, 'alice').map((i) => i.id))
    for (const id of lost) expect(net.r('bob').fallback.archive.get('message', G, id)?.movedHow).toBe('transferred')
  })

  it('a peer that is not a member receives no digest or row, and its own requests are refused', () => {
    const { net } = movedNet(['eve'])
    const events = recordEvents(net)
    net.antiEntropy(G)
    expect(net.r('eve').fallback.archive.count('message', G)).toBe(0)
    expect(events.of('eve').filter((e) => e.type === 'handoff')).toEqual([])
    net.r('alice').drainOutbox()
    const ask = encodeSyncMessage({ type: 'archiveHave', ids: [] })
    const r = net.r('alice').receive('eve', CHAT, ask)
    expect(r.status === 'rejected' && r.error.code).toBe('NOT_A_MEMBER')
    expect(net.r('alice').drainOutbox()).toEqual([])
  })

  it('a batch with one bad row is rejected whole and changes nothing', () => {
    const { net } = movedNet(['dave'])
    net.r('alice').execute('member.add', G, { member: 'dave', role: 'member' })
    net.settle()
    // dave takes the chat document (the reference sends members only: after a round) and what it archives itself
    net.antiEntropy(G)
    const held = net.r('dave').fallback.archive.count('message', G)
    const rows = net.r('alice').fallback.archive.all('message', G).slice(0, 3).map(wireRowOf)
    const bad: [string, WireRow][] = [
      ['a flipped CRC', { ...rows[1]!, crc: (rows[1]!.crc + 1) >>> 0 }],
      ['fields naming another id', { ...rows[1]!, fields: rows[1]!.fields.replace(rows[1]!.id, rows[0]!.id), crc: 0 }],
      ['a repeated id', rows[0]!],
      ['a fractional time', { ...rows[1]!, createdAt: 1.5 }],
    ]
    for (const [what, row] of bad) {
      const fixed =
        what === 'fields naming another id'
          ? {
              ...row,
              crc: wireRowOf({
                kind: 'message',
                id: row.id,
                entityId: G,
                docId: CHAT,
                createdAt: row.createdAt,
                deleted: row.deleted,
                fields: JSON.parse(row.fields),
                movedAt: 0,
                movedHow: 'transferred',
              }).crc,
            }
          : row
      const r = net.r('dave').receive('alice', CHAT, rowsMessage([rows[0]!, fixed, rows[2]!]))
      expect(r.status === 'rejected' && r.error.code, what).toBe('CORRUPT_MESSAGE')
      expect(net.r('dave').fallback.archive.count('message', G), what).toBe(held)
    }
    expect(net.r('dave').receive('alice', CHAT, rowsMessage(rows)).status).toBe('answered')
    const ids = new Set(
      net
        .r('dave')
        .fallback.archive.all('message', G)
        .map((r) => r.id),
    )
    expect(rows.every((r) => ids.has(r.id))).toBe(true)
  })

  it('equal archives cost one digest per concern and round; rows a replica holds are never overwritten', () => {
    const { net } = movedNet()
    net.antiEntropy(G)
    for (const n of ['alice', 'bob', 'carol']) net.r(n).antiEntropy(n === 'alice' ? 'bob' : 'alice', G)
    net.collect()
    expect(net.get('bob').inbox.filter((env) => env.kind === 'archive')).toHaveLength(1)
    net.deliver('bob')
    expect(
      net
        .r('bob')
        .drainOutbox()
        .filter((env) => env.kind === 'archive'),
    ).toEqual([])
    const row = net.r('alice').fallback.archive.all('message', G)[0]!
    const forged = wireRowOf({ ...row, fields: { ...row.fields, content: 'forged' } })
    expect(net.r('bob').receive('alice', CHAT, rowsMessage([forged])).status).toBe('answered')
    expect(net.r('bob').fallback.archive.get('message', G, row.id)?.fields.content).toBe(row.fields.content)
  })
})
