import { describe, expect, it } from 'vitest'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'
import { parseScenario } from '../../src/sim/scenario/load.ts'

const P = 'project:gentle-wave'

describe('persistence', () => {
  it('does not call a document lost that the crashed peer had opened but never written', () => {
    const scenario = parseScenario(
      {
        name: 'empty-doc-crash',
        peers: ['alice', 'carol'],
        entities: [{ id: P, owner: 'alice', members: { carol: 'member' } }],
        steps: [
          // Refused (no such column), but reading the board opened carol's empty kanban document.
          { at: 10, peer: 'carol', op: 'kanban.addCard', entity: P, args: { column: 'colnope', title: 'x' } },
          { at: 20, peer: 'carol', op: 'chat.send', entity: P, args: { content: 'hi' } },
          { at: 100, fault: 'crash', peer: 'carol' },
          { at: 200, fault: 'restart', peer: 'carol' },
        ],
      },
      'inline',
    )
    const { result } = runAndCheck(scenario)
    expect(result.checks.persistence).toMatchObject({ evaluated: true, holds: true })
  })
})
