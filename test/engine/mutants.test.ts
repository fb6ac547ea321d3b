/**
 * The mutants as engines: selected by name through `engineWith` (an unknown name is a typed
 * error), absent from the production path, and each replica seam doing the one wrong thing its
 * mutant names. Whether the properties catch them is test/properties/mutants.test.ts.
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { updateMsg } from './harness.ts'
import { SmallWorld } from '../../src/sim/smallWorld.ts'
import { labErrorOf } from './labErrorOf.ts'
import { Replica } from '../../src/engine/replica/replica.ts'
import { MemoryStore } from '../../src/engine/store/memoryStore.ts'
import { ManualClock, seededProviders } from '../../src/engine/base/providers.ts'
import { profileByName, referenceProfile, specProfile } from '../../src/engine/profile/profile.ts'
import { NO_HOOKS } from '../../src/engine/replica/hooks.ts'
import { engineWith, MUTANTS } from '../../src/engine/mutants/registry.ts'
import { withoutDeleteSet } from '../../src/engine/mutants/skipDeletes.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'

const G = 'group:test'
const CHAT = `${G}:chat` as const

function replica(profile: ProfileName, mutant: string): Replica {
  const clock = new ManualClock()
  const engine = engineWith(profileByName(profile), mutant)
  return new Replica({
    member: 'alice',
    profile: engine.profile,
    hooks: engine.hooks,
    store: new MemoryStore(clock),
    providers: seededProviders(1, 'alice', clock),
  })
}

/** alice and bob in one group, under `mutant` (none: the reference as is). */
function pair(mutant?: string): SmallWorld {
  const net = new SmallWorld({ profile: 'reference', config: mutant ? { mutant } : undefined })
  net.add('alice')
  net.add('bob')
  net.r('alice').createEntity(G, { members: { bob: 'member' } })
  net.replicateEntity('alice', G)
  return net
}

const contents = (r: Replica): unknown => r.query('chat.list', G)

describe('selecting a mutant', () => {
  it('an unknown name is an INVALID_ARG error naming the known mutants', () => {
    const e = labErrorOf(() => replica('reference', 'no-such-mutant'))
    expect(e.code).toBe('INVALID_ARG')
    expect(e.message).toContain('skip-deletes')
  })

  it('a mutant of a reference rule refuses the spec profile', () => {
    expect(labErrorOf(() => replica('spec', 'lww-timestamp-only')).code).toBe('INVALID_ARG')
  })

  it('every mutant builds an engine from the reference profile', () => {
    for (const m of MUTANTS.values()) expect(m.apply(referenceProfile()).profile.name, m.name).toBe('reference')
  })

  it('without a mutant the replica runs its profile as is, with no hooks', () => {
    const base = specProfile()
    const engine = engineWith(base, undefined)
    expect(engine.profile).toBe(base)
    expect(engine.hooks).toBe(NO_HOOKS)
  })
})

describe('the replica seams the mutants use', () => {
  it('skip-deletes: an update without its delete set brings the structs but not the deletion', () => {
    const a = new Y.Doc()
    a.getMap('m').set('kept', 1)
    a.getMap('m').set('gone', 2)
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const before = Y.encodeStateVector(a)
    a.getMap('m').delete('gone')
    a.getMap('m').set('new', 3)
    const update = Y.encodeStateAsUpdate(a, before)
    Y.applyUpdate(b, withoutDeleteSet(update))
    expect(b.getMap('m').toJSON()).toEqual({ kept: 1, gone: 2, new: 3 })
    Y.applyUpdate(b, update)
    expect(b.getMap('m').toJSON()).toEqual({ kept: 1, new: 3 })
  })

  it('persist-local-only: a restart keeps what the replica wrote and loses what a peer sent', () => {
    const net = pair('persist-local-only')
    const fromAlice = net.r('alice').execute('chat.send', G, { content: 'from alice' }).createdId!
    const fromBob = net.r('bob').execute('chat.send', G, { content: 'from bob' }).createdId!
    net.settle()
    expect(contents(net.r('bob'))).toEqual(['from alice', 'from bob'])
    net.restart('bob')
    // (bob's membership came from alice too, so bob's chat.list is empty now: read the document)
    expect([...net.r('bob').ydoc(CHAT).getMap('messages').keys()]).toEqual([fromBob])
    expect(fromAlice).not.toBe(fromBob)
  })

  it('offline-unsaved: coming back online loses the offline ops, and nothing is sent', () => {
    for (const mutant of [undefined, 'offline-unsaved']) {
      const net = pair(mutant)
      const alice = net.r('alice')
      alice.setOnline(false)
      alice.execute('chat.send', G, { content: 'offline' })
      alice.setOnline(true)
      net.settle()
      const expected = mutant ? [] : ['offline']
      expect(contents(alice), String(mutant)).toEqual(expected)
      expect(contents(net.r('bob')), String(mutant)).toEqual(expected)
    }
  })

  it('duplicate-touch: a second copy of an update makes the replica rewrite the newest message', () => {
    const net = pair('duplicate-touch')
    const alice = net.r('alice')
    const bob = net.r('bob')
    alice.execute('chat.send', G, { content: 'hello' })
    // The update as alice sent it to bob (signed, under the reference).
    const update = alice.drainOutbox().find((e) => e.docId === CHAT && e.kind === 'update' && e.to !== 'alice')!.message
    net.collect()
    for (const n of net.nodes.values()) n.inbox = []
    expect(bob.receive('alice', CHAT, update)).toMatchObject({ status: 'applied', changed: true })
    const first = Buffer.from(Y.encodeStateVector(bob.ydoc(CHAT))).toString('hex')
    expect(bob.receive('alice', CHAT, update)).toMatchObject({ status: 'applied', changed: false })
    expect(Buffer.from(Y.encodeStateVector(bob.ydoc(CHAT))).toString('hex')).not.toBe(first)
    expect(contents(bob)).toEqual(['hello'])
  })
})
