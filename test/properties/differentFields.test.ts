import { describe, expect, it } from 'vitest'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'
import { parseScenario } from '../../src/sim/scenario/load.ts'

const P = 'project:gentle-wave'
const update = (at: number, peer: string, fields: object) => ({
  at,
  peer,
  op: 'kanban.updateCard',
  entity: P,
  args: { card: '$card', fields },
})
const scenario = (skewMs: number) =>
  parseScenario(
    {
      name: 'card-fields',
      peers: ['alice', 'bob'],
      entities: [{ id: P, owner: 'alice', members: { bob: 'member' } }],
      steps: [
        { at: 0, fault: 'clockSkew', peer: 'bob', ms: skewMs },
        { at: 0, peer: 'alice', op: 'kanban.addColumn', entity: P, args: { title: 'Todo' }, as: 'todo' },
        { at: 10, peer: 'alice', op: 'kanban.addCard', entity: P, args: { column: '$todo', title: 't' }, as: 'card' },
        { at: 200, fault: 'partition', groups: [['alice'], ['bob']] },
        update(300, 'bob', { priority: 'high' }),
        update(400, 'alice', { title: 'x' }),
        { at: 600, fault: 'heal' },
      ],
    },
    'inline',
  )

describe('differentFields on kanban cards', () => {
  it.each([0, 30_000])(
    "holds for concurrent edits of a card's title and priority (bob's clock skewed %i ms)",
    (skew) => {
      const { result } = runAndCheck(scenario(skew))
      expect(result.checks.differentFields).toMatchObject({ evaluated: true, holds: true })
    },
  )
})
