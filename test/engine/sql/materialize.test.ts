/** Materialization of old messages: what moves, what every replica shows, and what it saves. */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  archivedRecord,
  getMessages,
  materializeNow,
  movableItems,
  retainedRemovedEntries,
} from '../../../src/engine/fallback/api.ts'
import { DELETED } from '../../../src/engine/ports/records.ts'
import { deleteSetHash } from '../../../src/engine/sync/stateVectors.ts'
import { CHAT, DAY, G, advance, chatNet, list, readable, recordEvents, sendMany, status } from './fixture.ts'
import { PROFILE_NAMES } from '../../../src/engine/base/enums.ts'

describe.each(PROFILE_NAMES)('materialization (%s, every member online)', (profile) => {
  it('moves old messages past the threshold and keeps chat.list identical and in order on every replica', () => {
    const net = chatNet(profile)
    const events = recordEvents(net)
    const sent = sendMany(net, 120)
    expect(events.log.some((l) => l.includes(':materialize:'))).toBe(true)
    for (const n of ['alice', 'bob', 'carol']) {
      expect(list(net, n)).toEqual(sent)
      const s = status(net, n)
      expect(s.mode).toBe('hybrid')
      expect(typeof s.thresholdAt).toBe('number')
      expect(s.archived).toBeGreaterThan(0)
      const items = readable(net, n)
      expect(new Set(items.map((i) => i.id)).size).toBe(items.length)
      // every message the CRDT still holds is newer than every archived one
      const lastSql = Math.max(...items.filter((i) => i.source === 'sql').map((i) => i.createdAt))
      expect(items.filter((i) => i.source === 'crdt').every((i) => i.createdAt > lastSql)).toBe(true)
    }
    // moved items leave no entries behind in the reference; the spec's Yjs removal keeps them all
    const retained = retainedRemovedEntries(net.r('bob'), G)
    if (profile === 'reference') expect(retained).toBe(0)
    else expect(retained).toBe(status(net, 'bob').archived)
    const docs = ['alice', 'bob', 'carol'].map((n) => net.r(n).docJSON(CHAT))
    expect(docs[1]).toEqual(docs[0])
    expect(docs[2]).toEqual(docs[0])
  })

  it('moves thread replies by their own age, and an archived reply keeps its parent', () => {
    const net = chatNet(profile, () => ({ archiveAfterDays: 1 }), ['alice'])
    const alice = net.r('alice')
    const root = alice.execute('chat.send', G, { content: 'root' }).createdId!
    advance(net, 3 * DAY)
    alice.execute('chat.send', G, { content: 'old reply', replyTo: root })
    advance(net, 3 * DAY)
    alice.execute('chat.send', G, { content: 'new reply', replyTo: root })
    const moved = movableItems(alice, G).map((i) => i.id)
    expect(moved).toHaveLength(2)
    expect(materializeNow(alice, G)).toEqual(moved)
    expect(alice.query('chat.list', G)).toEqual(['root', 'old reply', 'new reply'])
    const items = readable(net, 'alice')
    expect(items.map((i) => [i.fields.content, i.source, i.fields.parent_id])).toEqual([
      ['root', 'sql', null],
      ['old reply', 'sql', root],
      ['new reply', 'crdt', root],
    ])
  })

  it('an archived message shows what the CRDT showed, to the record field (reactions per writer)', () => {
    const net = chatNet(profile, () => ({ archiveAfterDays: 1 }), ['alice'])
    const alice = net.r('alice')
    const id = alice.execute('chat.send', G, {
      content: 'react to me',
      attachments: [{ filename: 'a.txt', content: 'hi' }],
    }).createdId!
    alice.execute('chat.react', G, { message: id, emoji: 'ok' })
    alice.execute('chat.edit', G, { message: id, content: 'edited' })
    const e = alice.entity(G)
    const rctx = e.read('chat')
    const record = e.profile.records.read(rctx, e.profile.chat.locate(rctx.md.doc, id)!, id, DELETED)!.fields
    const view = e.profile.chat.messageAt(rctx, e.profile.chat.locate(rctx.md.doc, id)!, id)
    advance(net, 3 * DAY)
    expect(materializeNow(alice, G)).toEqual([id])
    expect(archivedRecord(alice.entity(G), 'chat', id)).toEqual(record)
    expect(getMessages(alice.entity(G), { limit: 1 }).messages).toEqual([view])
  })

  it('moves nothing while the document is under its threshold, however old the messages', () => {
    const net = chatNet(profile)
    const events = recordEvents(net)
    const sent = sendMany(net, 20)
    advance(net, 30 * DAY)
    sendMany(net, 1, { tag: 'late' })
    net.antiEntropy(G)
    expect(events.log.filter((l) => l.includes(':materialize:'))).toEqual([])
    expect(status(net, 'alice')).toMatchObject({ mode: 'crdt', archived: 0, over: false })
    expect(movableItems(net.r('alice'), G)).toHaveLength(sent.length)
  })
})

describe('what materialization saves (reference)', () => {
  it('reclaims the entries it removes: a moved message leaves about a bit behind, not ~28 bytes', () => {
    const net = chatNet('reference', () => ({ archiveAfterDays: 1 }), ['alice'])
    sendMany(net, 300)
    advance(net, 2 * DAY)
    const doc = net.r('alice').ydoc(CHAT)
    const before = Y.encodeStateAsUpdate(doc).byteLength
    // the same removal on a plain copy of the document, as Yjs alone would keep it
    const plain = new Y.Doc()
    Y.applyUpdate(plain, Y.encodeStateAsUpdate(doc))
    const ids = movableItems(net.r('alice'), G).map((i) => i.id)
    plain.transact(() => ids.forEach((id) => plain.getMap('messages').delete(id)))
    const withoutReclaim = Y.encodeStateAsUpdate(plain).byteLength
    const events = recordEvents(net)
    expect(materializeNow(net.r('alice'), G)).toEqual(ids)
    const after = status(net, 'alice').bytes
    expect(events.of('alice').find((e) => e.type === 'materialize')).toMatchObject({
      bytesBefore: before,
      bytesAfter: after,
    })
    expect(after).toBeLessThan(before / 5)
    expect((withoutReclaim - after) / ids.length).toBeGreaterThan(20)
    // what is left of 300 moved messages: delete-set ranges and merged GC runs
    const live = readable(net, 'alice').filter((i) => i.source === 'crdt').length
    expect(live).toBe(0)
    expect(after).toBeLessThan(1000)
    expect(net.r('alice').query('chat.list', G)).toHaveLength(300)
  })

  it('a reclaimed replica converges with peers and with a fresh replica synced from it', () => {
    const net = chatNet('reference')
    sendMany(net, 120)
    net.add('dave')
    net.r('alice').execute('member.add', G, { member: 'dave', role: 'member' })
    net.settle()
    net.antiEntropy(G)
    const sv = (n: string) => Object.fromEntries(net.r(n).stateVector(CHAT))
    const ds = (n: string) => Buffer.from(deleteSetHash(net.r(n).ydoc(CHAT))).toString('hex')
    for (const n of ['bob', 'carol', 'dave']) {
      expect(net.r(n).docJSON(CHAT)).toEqual(net.r('alice').docJSON(CHAT))
      expect(sv(n)).toEqual(sv('alice'))
      expect(ds(n)).toBe(ds('alice'))
    }
  })
})
