/**
 * Faults as the world's verbs (turmoil's): each journals one fault record, a redundant one is a
 * no-op, and a crash may book its own restart (what `config.crashAfter` uses).
 */
import { describe, expect, it } from 'vitest'
import { Rng } from '../../src/engine/base/providers.ts'
import { DEFAULT_NETWORK } from '../../src/sim/networkConfig.ts'
import { World } from '../../src/sim/world.ts'

const world = () =>
  new World({
    rng: new Rng(5),
    profile: 'reference',
    peers: ['alice', 'bob', 'carol'],
    network: { ...DEFAULT_NETWORK, antiEntropyMs: 100 },
  })

const faults = (w: World): Record<string, unknown>[] =>
  w.journal.records.filter((r) => r.type === 'fault').map((r) => ({ t: r.t, ...r.data }))

describe('the world verbs', () => {
  it('crash loses the replica and books the restart when asked; a second crash is a no-op', () => {
    const w = world()
    w.crash('bob', { restartAfterMs: 40 })
    w.crash('bob')
    expect(w.peer('bob').up).toBe(false)
    expect(w.network.isOnline('bob')).toBe(false)
    w.scheduler.runUntil(50, (e) => (e.kind === 'restart' ? w.restart(e.payload) : undefined))
    expect(w.peer('bob').up).toBe(true)
    expect(w.network.isOnline('bob')).toBe(true)
    expect(faults(w)).toEqual([
      { t: 0, fault: 'crash', peer: 'bob', tornWrite: false },
      { t: 40, fault: 'restart', peer: 'bob', boot: 2 },
    ])
    w.dispose()
  })

  it('offline and online change the network and the replica; redundant ones record nothing', () => {
    const w = world()
    w.online('alice')
    w.offline('alice')
    w.offline('alice')
    expect(w.network.isOnline('alice')).toBe(false)
    w.online('alice')
    expect(w.network.isOnline('alice')).toBe(true)
    expect(faults(w).map((f) => f.fault)).toEqual(['offline', 'online'])
    w.dispose()
  })

  it('partition, hold, release and heal set the links; clockSkew moves a wall clock', () => {
    const w = world()
    w.partition([['alice'], ['bob', 'carol']])
    expect(w.network.linkState('alice', 'bob')).toBe('partitioned')
    expect(w.network.linkState('bob', 'carol')).toBe('healthy')
    w.hold('bob', 'carol')
    expect(w.network.linkState('bob', 'carol')).toBe('held')
    w.release('bob', 'carol')
    w.heal()
    expect(w.network.linkState('alice', 'bob')).toBe('healthy')
    const before = w.peer('carol').clock.now()
    w.clockSkew('carol', -5000)
    expect(w.peer('carol').clock.now()).toBe(before - 5000)
    expect(faults(w).map((f) => f.fault)).toEqual(['partition', 'hold', 'release', 'heal', 'clockSkew'])
    w.dispose()
  })
})
