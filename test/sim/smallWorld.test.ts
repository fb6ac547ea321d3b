/**
 * The small world: the loop between a few replicas that the engine tests, the demo and the bench
 * share. It must stay sim-free (engine imports only) so the engine tests test the engine.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SmallWorld } from '../../src/sim/smallWorld.ts'

const G = 'group:small-world'

function trio(): SmallWorld {
  const w = new SmallWorld({ profile: 'reference' })
  for (const n of ['alice', 'bob', 'carol']) w.add(n)
  w.r('alice').createEntity(G, { members: { bob: 'member', carol: 'member' } })
  w.replicateEntity('alice', G)
  return w
}

const chat = (w: SmallWorld, n: string) => w.r(n).query('chat.list', G) as string[]

describe('the small world', () => {
  it('imports nothing of the simulator but the engine', () => {
    const source = readFileSync(new URL('../../src/sim/smallWorld.ts', import.meta.url), 'utf8')
    const from = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]!)
    expect(from.length).toBeGreaterThan(0)
    expect(from.filter((p) => !p.startsWith('../engine/'))).toEqual([])
  })

  it('settle delivers everything; lose drops what it names', () => {
    const w = trio()
    w.r('alice').execute('chat.send', G, { content: 'one' })
    w.settle({ lose: (_from, to) => to === 'carol' })
    expect(chat(w, 'bob')).toEqual(['one'])
    expect(chat(w, 'carol')).toEqual([])
    w.r('bob').execute('chat.send', G, { content: 'two' })
    w.settle()
    expect(chat(w, 'carol')).toEqual(['two'])
    w.antiEntropy(G)
    expect(chat(w, 'carol')).toEqual(['one', 'two'])
  })

  it('deliver and drop pick by sender; send hands an outbox to chosen replicas at once', () => {
    const w = trio()
    w.r('alice').execute('chat.send', G, { content: 'a' })
    w.r('bob').execute('chat.send', G, { content: 'b' })
    expect(w.drop('carol', 'bob')).toBe(1)
    expect(w.deliver('carol')).toBe(1)
    expect(chat(w, 'carol')).toEqual(['a'])
    w.r('carol').execute('chat.send', G, { content: 'c' })
    // one update for alice (to the topic; under the reference, addressed to each member)
    expect(w.send('carol', ['alice']).filter((e) => e.to === '*' || e.to === 'alice')).toHaveLength(1)
    expect(chat(w, 'alice')).toEqual(['a', 'c'])
    expect(chat(w, 'bob')).toEqual(['b'])
  })

  it('restart keeps the store and loses what was waiting; a name is added once', () => {
    const w = trio()
    w.r('alice').execute('chat.send', G, { content: 'kept' })
    w.settle()
    w.r('alice').execute('chat.send', G, { content: 'waiting' })
    w.collect()
    expect(w.restart('bob').inbox).toEqual([])
    expect(chat(w, 'bob')).toEqual(['kept'])
    expect(() => w.add('bob')).toThrow(/already has a replica of bob/)
    expect(() => w.r('zoe')).toThrow(/has no replica of zoe/)
  })
})
