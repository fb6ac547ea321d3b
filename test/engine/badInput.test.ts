/**
 * Bad remote input never half-applies and never crashes a replica: garbage, truncated and
 * bit-flipped updates, oversize updates, bad doc ids, and an update that throws inside Yjs.
 */
import * as Y from 'yjs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sentBy, updateMsg } from './harness.ts'
import { SmallWorld } from '../../src/sim/smallWorld.ts'
import { Replica } from '../../src/engine/replica/replica.ts'
import { MemoryStore } from '../../src/engine/store/memoryStore.ts'
import { ManualClock, Rng, SeededClientIds, seededProviders } from '../../src/engine/base/providers.ts'
import { DocumentManager, type DocPlugin } from '../../src/engine/docs/documentManager.ts'
import { ORIGIN_REMOTE } from '../../src/engine/docs/origins.ts'

const G = 'group:test'
const CHAT = `${G}:chat` as const

function pair() {
  const net = new SmallWorld({ profile: 'reference' })
  net.add('alice')
  net.add('bob')
  net.r('alice').createEntity(G, { members: { bob: 'member' } })
  net.replicateEntity('alice', G)
  net.r('bob').execute('chat.send', G, { content: 'kept' })
  net.settle()
  return net
}

/** Everything observable of bob's chat document. */
const fingerprint = (net: SmallWorld) => ({
  state: Buffer.from(net.r('bob').encodeState(CHAT)).toString('hex'),
  sv: [...net.r('bob').stateVector(CHAT)],
  list: net.r('bob').query('chat.list', G),
})

/** A real update from alice with a struct section and a delete set (a send plus a delete). */
function realUpdate(net: SmallWorld): Uint8Array {
  const alice = net.r('alice')
  const sv = Y.encodeStateVector(alice.ydoc(CHAT))
  const id = alice.execute('chat.send', G, { content: 'new message with some text' }).createdId!
  alice.execute('chat.edit', G, { message: id, content: 'edited' })
  alice.drainOutbox()
  return Y.encodeStateAsUpdate(alice.ydoc(CHAT), sv)
}

describe('bad input at the sync entry point', () => {
  it('garbage, an empty update and a malformed message are rejected with typed errors', () => {
    const net = pair()
    const before = fingerprint(net)
    const bob = net.r('bob')
    expect(bob.receive('alice', CHAT, new Uint8Array([0xff, 0xff, 0xff, 0x01]))).toMatchObject({
      status: 'rejected',
      error: { code: 'CORRUPT_MESSAGE' },
    })
    expect(bob.receive('alice', CHAT, sentBy(net.r('alice'), CHAT, new Uint8Array([7, 7, 7, 7, 7])))).toMatchObject({
      status: 'rejected',
      error: { code: 'CORRUPT_UPDATE' },
    })
    expect(bob.receive('alice', CHAT, sentBy(net.r('alice'), CHAT, new Uint8Array()))).toMatchObject({
      status: 'rejected',
      error: { code: 'CORRUPT_UPDATE' },
    })
    expect(bob.receive('alice', '../../etc', updateMsg(realUpdate(net)))).toMatchObject({
      status: 'rejected',
      error: { code: 'BAD_DOC_ID' },
    })
    expect(bob.receive('alice', 'group:test:kanban', updateMsg(realUpdate(net)))).toMatchObject({
      status: 'rejected',
      error: { code: 'CONCERN_NOT_ALLOWED' },
    })
    expect(fingerprint(net)).toEqual(before)
  })

  it('every truncation of a real update is rejected and changes nothing', () => {
    const net = pair()
    const update = realUpdate(net)
    const before = fingerprint(net)
    for (let cut = 1; cut < update.byteLength; cut++) {
      const res = net.r('bob').receive('alice', CHAT, sentBy(net.r('alice'), CHAT, update.subarray(0, cut)))
      expect(res.status, `cut at ${cut}`).toBe('rejected')
    }
    expect(fingerprint(net)).toEqual(before)
    expect(net.r('bob').receive('alice', CHAT, sentBy(net.r('alice'), CHAT, update)).status).toBe('applied')
  })

  it('a bit flip is either rejected with nothing applied, or is a whole valid update (never half)', () => {
    const net = pair()
    const update = realUpdate(net)
    const before = fingerprint(net)
    let rejected = 0
    fc.assert(
      fc.property(fc.nat(update.byteLength * 8 - 1), (bit) => {
        const flipped = new Uint8Array(update)
        flipped[bit >> 3]! ^= 1 << (bit & 7)
        const probe = pair()
        const res = probe.r('bob').receive('alice', CHAT, sentBy(probe.r('alice'), CHAT, flipped))
        if (res.status === 'rejected') {
          rejected++
          expect(fingerprint(probe)).toEqual(before)
        } else {
          // Bytes that still decode are a valid update: it applied as a whole and the doc still reads.
          expect(() => probe.r('bob').query('chat.list', G)).not.toThrow()
        }
      }),
      { numRuns: 150, seed: 42 },
    )
    expect(rejected).toBeGreaterThan(0)
  })

  it('an oversize update is refused before decoding', () => {
    const clock = new ManualClock()
    const bob = new Replica({
      member: 'bob',
      profile: 'reference',
      store: new MemoryStore(clock),
      providers: seededProviders(1, 'bob', clock),
      config: { maxUpdateBytes: 64 },
    })
    const res = bob.receive('alice', CHAT, updateMsg(new Uint8Array(65)))
    expect(res).toMatchObject({ status: 'rejected', error: { code: 'UPDATE_TOO_LARGE' } })
  })

  it('an update that throws half-way (here: a throwing observer) is rolled back from the store', () => {
    const clock = new ManualClock()
    const store = new MemoryStore(clock)
    let armed = false
    const boom: DocPlugin = (md) =>
      md.doc.on('afterTransaction', (tr: Y.Transaction) => {
        if (armed && tr.origin === ORIGIN_REMOTE) throw new Error('boom after integrating')
      })
    const docs = new DocumentManager({ store, clientIds: new SeededClientIds(new Rng(1)), plugins: [boom] })
    const md = docs.get(CHAT)
    md.doc.getMap('messages').set('kept', 1)
    const before = Buffer.from(Y.encodeStateAsUpdate(md.doc)).toString('hex')
    const other = new Y.Doc()
    other.clientID = 99
    other.getMap('messages').set('half', 2)
    armed = true
    expect(() => docs.applyRemote(md, Y.encodeStateAsUpdate(other))).toThrow(/boom/)
    armed = false
    expect(Buffer.from(Y.encodeStateAsUpdate(md.doc)).toString('hex')).toBe(before)
    expect(md.doc.getMap('messages').has('half')).toBe(false)
    // the rebuilt document writes under the allocator's next clientID (deterministic), never a random one
    const ids = new SeededClientIds(new Rng(1))
    ids.next(CHAT)
    expect(md.doc.clientID).toBe(ids.next(CHAT))
    // nothing of the half-applied update reached the store either
    const reloaded = new DocumentManager({ store, clientIds: new SeededClientIds(new Rng(2)) }).get(CHAT)
    expect(reloaded.doc.getMap('messages').toJSON()).toEqual({ kept: 1 })
  })
})

describe('sync repairs', () => {
  it('anti-entropy repairs a lost deletion that created no struct (equal state vectors, different delete sets)', () => {
    const net = pair()
    const id = net.r('alice').execute('chat.send', G, { content: 'doomed' }).createdId!
    net.settle()
    // A map deletion creates no struct: write one on alice's doc directly, unpublished (as if its message was lost).
    net.r('alice').ydoc(CHAT).getMap('messages').delete(id)
    expect([...net.r('alice').stateVector(CHAT)]).toEqual([...net.r('bob').stateVector(CHAT)])
    expect(net.r('bob').ydoc(CHAT).getMap('messages').has(id)).toBe(true)
    net.antiEntropy(G)
    expect(net.r('bob').ydoc(CHAT).getMap('messages').has(id)).toBe(false)
    expect(Buffer.from(net.r('bob').encodeState(CHAT))).toEqual(Buffer.from(net.r('alice').encodeState(CHAT)))
  })

  it('an update with missing dependencies stays pending, and the replica asks the sender to resync', () => {
    const net = pair()
    const alice = net.r('alice')
    const id = alice.execute('chat.send', G, { content: 'first' }).createdId!
    alice.drainOutbox() // the first message never reaches bob
    alice.execute('chat.edit', G, { message: id, content: 'second' })
    const edit = alice.drainOutbox().find((e) => e.docId === CHAT && e.kind === 'update')!
    const bob = net.r('bob')
    const res = bob.receive('alice', CHAT, edit.message)
    // Pending: the reference holds the signed update aside until its client's first update comes.
    expect(res).toMatchObject({ status: 'applied', pending: true })
    const asks = bob.drainOutbox().filter((e) => e.kind === 'step1' && e.to === 'alice')
    expect(asks).toHaveLength(1)
    alice.receive('bob', CHAT, asks[0]!.message)
    for (const env of alice.drainOutbox()) if (env.to === 'bob') bob.receive('alice', env.docId, env.message)
    expect(bob.hasPending(CHAT)).toBe(false)
    expect(bob.query('chat.list', G)).toEqual(expect.arrayContaining(['second']))
  })
})
