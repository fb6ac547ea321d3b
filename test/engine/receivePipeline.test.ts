/**
 * The receive pipeline: a member's malformed records are ignored the same way on every replica
 * (nothing crashes, replicas converge), stamps that are not safe integers move neither a field
 * nor the Lamport clock, every refusal names its stage and is counted, and a failure after an
 * update was stored is an internal event, never a rejection.
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { sentBy, updateMsg } from './harness.ts'
import { SmallWorld } from '../../src/sim/smallWorld.ts'
import { forgeUpdate } from '../../src/properties/fuzz/forge.ts'
import { encodeSyncMessage } from '../../src/engine/sync/messages.ts'
import { receive } from '../../src/engine/replica/receive.ts'
import type { ReceiveHost } from '../../src/engine/replica/updateChecks.ts'
import { emptyReceiveStats } from '../../src/engine/replica/receiveStats.ts'
import { DEFAULT_CAPS } from '../../src/engine/sync/caps.ts'
import { DocumentManager } from '../../src/engine/docs/documentManager.ts'
import { MemoryStore } from '../../src/engine/store/memoryStore.ts'
import { ManualClock, Rng, SeededClientIds } from '../../src/engine/base/providers.ts'

const G = 'group:test'
const CHAT = `${G}:chat` as const

/** alice owns the group, bob and carol are members; bob has sent one message. */
function trio() {
  const net = new SmallWorld({ profile: 'reference' })
  for (const m of ['alice', 'bob', 'carol']) net.add(m)
  net.r('alice').createEntity(G, { members: { bob: 'member', carol: 'member' } })
  net.replicateEntity('alice', G)
  net.r('bob').execute('chat.send', G, { content: 'kept' })
  net.settle()
  return net
}

/** Appends to a document's log so far (records in the memory store). */
const logLength = (net: SmallWorld, m: string): number => net.get(m).store.load(CHAT)?.updates.length ?? 0

const contents = (net: SmallWorld, m: string): unknown[] => net.r(m).query('chat.list', G) as unknown[]

/** The id of the first message alice shows. */
const firstId = (net: SmallWorld): string => {
  const e = net.r('alice').entity(G)
  return [...e.doc('chat').doc.getMap('messages').keys()][0]!
}

describe('a member sends records the layout does not write', () => {
  it("a creation record without its fields 'f' is ignored on every replica; nothing throws; they converge", () => {
    const net = trio()
    const forged = forgeUpdate(net.r('bob'), CHAT, (doc) => {
      const frag = new Y.Map()
      doc.getMap('messages').set('mForged', frag)
      frag.set('_', { s: 9, t: 0 })
    })
    const before = logLength(net, 'alice')
    for (const m of ['alice', 'carol']) {
      const res = net.r(m).receive('bob', CHAT, sentBy(net.r('bob'), CHAT, forged))
      expect(res).toMatchObject({ status: 'applied', changed: true })
      expect(contents(net, m)).toEqual(['kept'])
      expect(net.r(m).receiveStats()).toMatchObject({ ignoredRecords: { creation: 1 }, internal: 0, rejected: {} })
    }
    // Stored as applied (it is a well-formed update of a member), and read the same after a restart.
    expect(logLength(net, 'alice')).toBe(before + 1)
    net.restart('alice')
    expect(contents(net, 'alice')).toEqual(['kept'])
    expect(net.r('alice').encodeState(CHAT)).toEqual(net.r('carol').encodeState(CHAT))
    // The entity still works: a new message, synced, listed everywhere.
    net.r('alice').execute('chat.send', G, { content: 'after' })
    net.settle()
    for (const m of ['alice', 'carol']) expect(contents(net, m).sort()).toEqual(['after', 'kept'])
  })

  it('a slot stamped Infinity or 1e300 moves neither the field nor the Lamport clock', () => {
    for (const stamp of [Infinity, 1e300, -1, 2.5]) {
      const net = trio()
      const id = firstId(net)
      const ck = net.r('bob').ydoc(CHAT).clientID.toString(36)
      const forged = forgeUpdate(net.r('bob'), CHAT, (doc) => {
        ;(doc.getMap('messages').get(id) as Y.Map<unknown>).set(`content~${ck}`, [stamp, 'frozen', 0])
      })
      expect(net.r('alice').receive('bob', CHAT, sentBy(net.r('bob'), CHAT, forged)).status).toBe('applied')
      expect(contents(net, 'alice'), String(stamp)).toEqual(['kept'])
      expect(net.r('alice').receiveStats().ignoredRecords).toEqual({ slot: 1 })
      net.r('alice').execute('chat.edit', G, { message: id, content: 'edited' })
      expect(contents(net, 'alice'), String(stamp)).toEqual(['edited'])
      const slot = net.r('alice').ydoc(CHAT).getMap('messages').get(id) as Y.Map<unknown>
      const own = slot.get(`content~${net.r('alice').ydoc(CHAT).clientID.toString(36)}`) as number[]
      expect(Number.isSafeInteger(own[0]), String(stamp)).toBe(true)
    }
  })
})

describe('what the fuzz harness found', () => {
  it("structs of the receiver's own clientID it never wrote: it takes its provider's next clientID", () => {
    // Before: Yjs switched the document to a Math.random clientID (a run was no longer deterministic).
    const net = trio()
    const carol = net.r('carol').ydoc(CHAT)
    const forged = new Y.Doc()
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(carol))
    forged.clientID = carol.clientID
    const sv = Y.encodeStateVector(forged)
    forged.getMap('messages').set('x', 1)
    const update = Y.encodeStateAsUpdate(forged, sv)
    const before = carol.clientID
    const r = net.r('carol').receive('bob', CHAT, sentBy(net.r('bob'), CHAT, update))
    expect(r).toMatchObject({ status: 'applied', changed: true })
    const after = net.r('carol').ydoc(CHAT).clientID
    expect(after).not.toBe(before)
    expect(net.r('carol').receiveStats().ownClientRotations).toBe(1)
    // alice takes the same update; after a round both hold the same state, and carol still writes
    net.r('alice').receive('bob', CHAT, sentBy(net.r('bob'), CHAT, update))
    net.r('carol').execute('chat.send', G, { content: 'carol again' })
    net.settle()
    expect(net.r('carol').encodeState(CHAT)).toEqual(net.r('alice').encodeState(CHAT))
    expect(contents(net, 'alice')).toContain('carol again')
  })

  it('a message whose created_at is not a number sorts like 0 on every replica (a NaN broke the order)', () => {
    const net = trio()
    const forged = forgeUpdate(net.r('bob'), CHAT, (doc) => {
      for (const [id, t] of [
        ['mA', 'late'],
        ['mB', 'x'],
        ['mC', 5],
      ] as const) {
        const frag = new Y.Map()
        doc.getMap('messages').set(id, frag)
        frag.set('_', { s: 50, t: 0, f: { content: id, created_at: t, author_id: 'bob' } })
      }
    })
    for (const m of ['alice', 'carol']) net.r(m).receive('bob', CHAT, sentBy(net.r('bob'), CHAT, forged))
    expect(contents(net, 'alice')).toEqual(contents(net, 'carol'))
    expect(contents(net, 'alice').slice(0, 3)).toEqual(['mA', 'mB', 'mC'])
  })

  it('canvas metadata shows only its keys with values of their type', () => {
    const net = trio()
    const CANVAS = `${G}:canvas` as const
    net.r('bob').execute('canvas.add', G, { elementType: 'shape', x: 0, y: 0, width: 1, height: 1 })
    net.settle()
    const forged = forgeUpdate(net.r('bob'), CANVAS, (doc) => {
      const meta = doc.getMap('metadata')
      meta.set('width', Infinity)
      meta.set('__proto__', [1])
      meta.set('extra', new Uint8Array(2))
    })
    net.r('alice').receive('bob', CANVAS, sentBy(net.r('bob'), CANVAS, forged))
    expect(net.r('alice').query('canvas.metadata', G)).toEqual({ height: 1080, background_color: '#ffffff' })
  })
})

describe('a registration written over', () => {
  it("changes what every replica reads at once (a replica's incremental indexes were left stale)", () => {
    const net = trio()
    net.r('alice').execute('chat.send', G, { content: 'from alice' })
    net.settle()
    const aliceClient = net.r('alice').ydoc(CHAT).clientID.toString(36)
    const forged = forgeUpdate(net.r('bob'), CHAT, (doc) => doc.getMap('_clients').set(aliceClient, 'junk'))
    for (const m of ['alice', 'carol']) {
      expect(net.r(m).query('chat.list', G)).toContain('from alice')
      net.r(m).receive('bob', CHAT, sentBy(net.r('bob'), CHAT, forged))
    }
    // alice's client no longer registers a member: her writes count nowhere, on both replicas alike
    expect(net.r('carol').query('chat.list', G)).toEqual(['kept'])
    expect(net.r('alice').query('chat.list', G)).toEqual(['kept'])
  })
})

describe('refusals name their stage and are counted', () => {
  it('message, structure, size and state-vector refusals', () => {
    const net = new SmallWorld({ profile: 'reference', config: { maxUpdateBytes: 64, maxStateVectorEntries: 4 } })
    net.add('alice')
    net.r('alice').createEntity(G, {})
    const alice = net.r('alice')
    const reasonOf = (bytes: Uint8Array) => {
      const r = alice.receive('bob', CHAT, bytes)
      return r.status === 'rejected' ? `${r.reason}:${r.error.code}` : r.status
    }
    expect(reasonOf(new Uint8Array([0xff, 0xff, 0xff, 0x01]))).toBe('message:CORRUPT_MESSAGE')
    // An update reaches its structure check signed (the reference takes nothing else).
    net.add('bob')
    expect(reasonOf(sentBy(net.r('bob'), CHAT, new Uint8Array([7, 7, 7, 7, 7])))).toBe('structure:CORRUPT_UPDATE')
    expect(reasonOf(updateMsg(new Uint8Array(65)))).toBe('size:UPDATE_TOO_LARGE')
    const sv = (n: number) => {
      const d = new Y.Doc()
      for (let i = 0; i < n; i++) {
        const o = new Y.Doc()
        o.clientID = i + 1
        o.getMap('m').set('k', i)
        Y.applyUpdate(d, Y.encodeStateAsUpdate(o))
      }
      return Y.encodeStateVector(d)
    }
    expect(reasonOf(encodeSyncMessage({ type: 'step1', stateVector: sv(5) }))).toBe('state-vector:CAP_EXCEEDED')
    expect(reasonOf(encodeSyncMessage({ type: 'step1', stateVector: sv(4) }))).toBe('answered')
    const big = encodeSyncMessage({ type: 'digest', stateVector: sv(5), deleteSetHash: new Uint8Array(16) })
    expect(reasonOf(big)).toBe('state-vector:CAP_EXCEEDED')
    expect(reasonOf(new Uint8Array([1]))).toBe('message:CORRUPT_MESSAGE')
    expect(alice.receive('bob', '../x', new Uint8Array([0])).status).toBe('rejected')
    expect(alice.receiveStats()).toMatchObject({
      messages: 8,
      applied: 0,
      rejected: { message: 2, structure: 1, size: 1, 'state-vector': 2, 'doc-id': 1 },
    })
  })

  it('a state vector of 4,000,000 entries is refused from its count, before it is decoded', () => {
    const net = new SmallWorld({ profile: 'reference' })
    net.add('alice')
    net.r('alice').createEntity(G, {})
    // A count of 4,000,000 and nothing after it: decoding would fail, the cap refuses first.
    const enc = encoding.createEncoder()
    encoding.writeVarUint(enc, 4_000_000)
    const stateVector = encoding.toUint8Array(enc)
    const r = net.r('alice').receive('bob', CHAT, encodeSyncMessage({ type: 'step1', stateVector }))
    expect(r).toMatchObject({ status: 'rejected', reason: 'state-vector', error: { code: 'CAP_EXCEEDED' } })
  })
})

describe('pending structs over the cap', () => {
  it('are dropped, the sender asked to resync, and the resync brings everything', () => {
    const net = new SmallWorld({ profile: 'reference', config: { maxPendingStructs: 20 } })
    net.add('alice')
    net.add('bob')
    net.r('alice').createEntity(G, { members: { bob: 'member' } })
    net.replicateEntity('alice', G)
    net.settle()
    // alice writes 40 messages; bob gets every update but the first (a missing dependency).
    const alice = net.r('alice')
    const updates: Uint8Array[] = []
    for (let i = 0; i < 40; i++) {
      alice.execute('chat.send', G, { content: `m${i}` })
      updates.push(...alice.drainOutbox().flatMap((e) => (e.docId === CHAT && e.to !== 'alice' ? [e.message] : [])))
    }
    const bob = net.r('bob')
    let dropped = 0
    for (const u of updates.slice(1)) {
      bob.receive('alice', CHAT, u)
      dropped = bob.receiveStats().pendingDropped
    }
    expect(dropped).toBeGreaterThan(0)
    net.settle()
    expect(bob.hasPending(CHAT)).toBe(false)
    expect((bob.query('chat.list', G) as unknown[]).length).toBe(40)
  })
})

describe('after an update is stored', () => {
  it('a failure is an internal event and the update counts as applied, never as rejected', () => {
    const store = new MemoryStore(new ManualClock())
    const docs = new DocumentManager({ store, clientIds: new SeededClientIds(new Rng(1)) })
    const events: string[] = []
    const host: ReceiveHost = {
      docs,
      caps: DEFAULT_CAPS,
      stats: emptyReceiveStats(),
      send: () => {},
      rotateClient: () => {},
      afterRemote: () => {
        throw new TypeError('a bug after storing')
      },
      pendingAsked: new Map(),
      onReject: (_d, _f, e) => events.push(`reject ${e.code}`),
      onInternal: (_d, _f, e) => events.push(`internal ${e.code}`),
      onPending: () => {},
      onCursor: () => {},
      mayRead: () => true,
      onRefuseRead: () => {},
    }
    const other = new Y.Doc()
    other.getMap('messages').set('x', 1)
    const res = receive(host, 'bob', CHAT, updateMsg(Y.encodeStateAsUpdate(other)))
    expect(res).toMatchObject({ status: 'applied', changed: true })
    expect(events).toEqual(['internal INTERNAL'])
    expect(host.stats).toMatchObject({ applied: 1, internal: 1, rejected: {} })
    expect(store.load(CHAT)?.updates.length).toBe(1)
  })
})
