/** Persistence through the replica: restarts, torn writes, corruption, offline queue. */
import { rmSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SmallWorld } from '../../src/sim/smallWorld.ts'
import { Replica } from '../../src/engine/replica/replica.ts'
import { FsStore } from '../../src/engine/store/fsStore.ts'
import { ManualClock, seededProviders } from '../../src/engine/base/providers.ts'
import { LabError } from '../../src/engine/base/errors.ts'
import { PROFILE_NAMES } from '../../src/engine/base/enums.ts'

const G = 'group:test'

describe.each(PROFILE_NAMES)('persistence (%s)', (profile) => {
  it('a replica on the filesystem store restarts with everything it saved (.yrs + .meta)', () => {
    const clock = new ManualClock()
    const store = FsStore.temp(clock)
    try {
      const make = (boot: number) =>
        new Replica({
          member: 'alice',
          profile,
          store,
          providers: seededProviders(`s${boot}`, 'alice', clock),
          config: { compactEvery: 3 },
        })
      const a = make(1)
      a.createEntity(G, { members: { bob: 'member' } })
      for (let i = 0; i < 5; i++) {
        clock.advance(1000)
        a.execute('chat.send', G, { content: `m${i}` })
      }
      const client = a.ydoc(`${G}:chat`).clientID
      a.close()
      const b = make(2)
      expect(b.query('chat.list', G)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4'])
      expect(b.query('member.list', G)).toEqual(['alice', 'bob'])
      expect(b.ydoc(`${G}:chat`).clientID).not.toBe(client)
      const files = readdirSync(join(store.dir!, 'group', 'test')).sort()
      expect(files.some((f) => f.endsWith('.yrs'))).toBe(true)
      expect(files).toContain('chat.meta')
    } finally {
      store.destroy()
    }
  })

  it('a corrupted .meta or .yrs is reported as CORRUPT_STORE, never half-loaded', () => {
    const clock = new ManualClock()
    const store = FsStore.temp(clock)
    try {
      const a = new Replica({
        member: 'alice',
        profile,
        store,
        providers: seededProviders(1, 'alice', clock),
        config: { compactEvery: 2 },
      })
      a.createEntity(G, {})
      for (let i = 0; i < 3; i++) a.execute('chat.send', G, { content: `m${i}` })
      a.close()
      const dir = join(store.dir!, 'group', 'test')
      const yrs = readdirSync(dir).find((f) => f.startsWith('chat.') && f.endsWith('.yrs'))!
      const bytes = readFileSync(join(dir, yrs))
      bytes[bytes.length - 1]! ^= 0xff
      writeFileSync(join(dir, yrs), bytes)
      const b = new Replica({ member: 'alice', profile, store, providers: seededProviders(2, 'alice', clock) })
      expect(() => b.query('chat.list', G)).toThrow(LabError)
      try {
        b.query('chat.list', G)
      } catch (e) {
        expect((e as LabError).code).toBe('CORRUPT_STORE')
        expect((e as LabError).message).toContain(yrs)
      }
      writeFileSync(join(dir, 'core.meta'), '{ not json')
      expect(() =>
        new Replica({ member: 'alice', profile, store, providers: seededProviders(3, 'alice', clock) }).query(
          'member.list',
          G,
        ),
      ).toThrow(/core\.meta/)
    } finally {
      rmSync(store.dir!, { recursive: true, force: true })
    }
  })

  it('a crash with a torn last write restarts from the last good state', () => {
    const net = new SmallWorld({ profile })
    net.add('alice')
    net.r('alice').createEntity(G, {})
    net.r('alice').execute('chat.send', G, { content: 'saved' })
    net.r('alice').execute('chat.send', G, { content: 'torn' })
    net.restart('alice', true)
    expect(net.r('alice').query('chat.list', G)).toEqual(['saved'])
  })

  it('offline ops apply at once, queue, and reach everyone after reconnection', () => {
    const net = new SmallWorld({ profile })
    net.add('alice')
    net.add('bob')
    net.r('alice').createEntity(G, { members: { bob: 'member' } })
    net.replicateEntity('alice', G)
    net.r('bob').setOnline(false)
    net.r('bob').execute('chat.send', G, { content: 'offline 1' })
    net.r('bob').execute('chat.send', G, { content: 'offline 2' })
    expect(net.r('bob').query('chat.list', G)).toHaveLength(2)
    expect(net.r('bob').queuedUpdates()).toBeGreaterThanOrEqual(2)
    net.settle()
    expect(net.r('alice').query('chat.list', G)).toEqual([])
    expect(net.r('bob').setOnline(true)).toBeGreaterThanOrEqual(2)
    net.settle()
    expect(net.r('alice').query('chat.list', G)).toHaveLength(2)
  })
})
