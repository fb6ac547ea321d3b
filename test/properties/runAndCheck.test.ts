import { describe, expect, it } from 'vitest'
import { parseScenario } from '../../src/sim/scenario/load.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'

const G = 'group:ocean-forest-moon-star'
const base = {
  name: 'oracle-smoke',
  seed: 7,
  peers: ['alice', 'bob', 'carol'],
  entities: [{ id: G, owner: 'alice', members: { bob: 'member', carol: 'admin' } }],
  steps: [
    { at: 0, peer: 'alice', op: 'chat.send', entity: G, args: { content: 'hello' }, as: 'm1' },
    { at: 100, fault: 'partition', groups: [['alice'], ['bob', 'carol']] },
    { at: 150, peer: 'bob', op: 'chat.edit', entity: G, args: { message: '$m1', content: 'bob' } },
    { at: 160, peer: 'alice', op: 'chat.edit', entity: G, args: { message: '$m1', content: 'alice' } },
    { at: 200, fault: 'offline', peer: 'carol' },
    { at: 210, peer: 'carol', op: 'chat.send', entity: G, args: { content: 'offline' } },
    { at: 300, fault: 'heal' },
    { at: 400, fault: 'crash', peer: 'bob', tornWrite: false },
    { at: 500, fault: 'restart', peer: 'bob' },
    { at: 900, fault: 'online', peer: 'carol' },
    { at: 0, random: { until: 2000, everyMs: [5, 20], peers: ['alice', 'bob', 'carol'], entity: G, mix: { 'chat.send': 5, 'chat.edit': 3, 'chat.delete': 2, 'chat.react': 1 } } },
  ],
}

describe('runAndCheck', () => {
  it('judges a reference run: every applicable claim holds', () => {
    const { result } = runAndCheck(parseScenario(base, 'inline'))
    console.log(JSON.stringify(result.checks, null, 1), result.stats)
    expect(result.verdict).toBe('pass')
  })
  it('judges a spec run', () => {
    const { result } = runAndCheck(parseScenario(base, 'inline'), { profile: 'spec' })
    console.log(JSON.stringify(result.checks, null, 1))
  })
})
