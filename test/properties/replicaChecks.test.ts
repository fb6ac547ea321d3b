import { describe, expect, it } from 'vitest'
import { parseScenario } from '../../src/sim/scenario/load.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'

const P = 'project:fridge-rota'

describe('persistence', () => {
  // Bob's refused edit opens his chat document in memory (empty: alice's message is held back);
  // nothing was ever written to it, so a restart that does not list it lost nothing.
  it('does not count a document that was opened but never written as lost in a crash', () => {
    const scenario = parseScenario(
      {
        name: 'empty-doc-crash',
        seed: 4,
        peers: ['alice', 'bob'],
        entities: [{ id: P, owner: 'alice', members: { bob: 'member' } }],
        steps: [
          { at: 0, fault: 'hold', from: 'alice', to: 'bob' },
          { at: 10, peer: 'alice', op: 'chat.send', entity: P, args: { content: 'hi' } },
          { at: 100, peer: 'bob', op: 'chat.edit', entity: P, args: { message: 'mnothere', content: 'x' } },
          { at: 1500, fault: 'crash', peer: 'bob' },
          { at: 1600, fault: 'restart', peer: 'bob' },
        ],
        expect: { final: [{ peer: 'bob', query: 'chat.list', entity: P, equals: ['hi'] }] },
      },
      'inline',
    )
    const { result, history } = runAndCheck(scenario)
    expect([...history.crashes[0]!.before.keys()]).toContain(`${P}:chat`)
    expect(result.checks.persistence).toMatchObject({ evaluated: true, holds: true })
    expect(result.verdict).toBe('pass')
  })
})

describe('offlineFirst', () => {
  // A cursor move writes nothing to any document; the check used to ask every replica's state
  // vector for the op's (absent) structs and reported it as never delivered.
  it('judges the offline ops that wrote structs, not a cursor move that wrote none', () => {
    const G = 'group:poster-design'
    const scenario = parseScenario(
      {
        name: 'offline-cursor',
        seed: 4,
        peers: ['alice', 'bob'],
        entities: [{ id: G, owner: 'alice', members: { bob: 'member' } }],
        steps: [
          { at: 0, fault: 'offline', peer: 'alice' },
          { at: 10, peer: 'alice', op: 'canvas.cursor', entity: G, args: { x: 5, y: 5 } },
          { at: 20, peer: 'alice', op: 'chat.send', entity: G, args: { content: 'written offline' } },
          { at: 500, fault: 'online', peer: 'alice' },
        ],
      },
      'inline',
    )
    const { result } = runAndCheck(scenario)
    expect(result.checks.offlineFirst).toMatchObject({
      evaluated: true,
      holds: true,
      detail: '1 offline op(s) reached every replica (1 more wrote no struct)',
    })
  })
})
