import { describe, expect, it } from 'vitest'
import { parseScenario } from '../../src/sim/scenario/load.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'

const P = 'project:sprint-board'

describe('differentFields on kanban cards', () => {
  // A card's updated_at is bookkeeping that updateCard refreshes without reporting it as a write;
  // addCard reported it, so the oracle took the creation's value for the field's only write and
  // flagged every later edit as a lost concurrent write.
  it('a concurrent move and rename of one card keep both, with no complaint about updated_at', () => {
    const scenario = parseScenario(
      {
        name: 'move-and-rename',
        seed: 3,
        peers: ['alice', 'bob'],
        entities: [{ id: P, owner: 'alice', members: { bob: 'member' } }],
        steps: [
          { at: 0, peer: 'alice', op: 'kanban.addColumn', entity: P, args: { title: 'todo' }, as: 'todo' },
          { at: 10, peer: 'alice', op: 'kanban.addColumn', entity: P, args: { title: 'done' }, as: 'done' },
          {
            at: 100,
            peer: 'alice',
            op: 'kanban.addCard',
            entity: P,
            args: { column: '$todo', title: 'notes' },
            as: 'card',
          },
          { at: 300, fault: 'partition', groups: [['alice'], ['bob']] },
          { at: 400, peer: 'alice', op: 'kanban.moveCard', entity: P, args: { card: '$card', column: '$done' } },
          {
            at: 420,
            peer: 'bob',
            op: 'kanban.updateCard',
            entity: P,
            args: { card: '$card', fields: { title: 'notes v2' } },
          },
          { at: 800, fault: 'heal' },
        ],
        expect: { final: [{ peer: '*', query: 'kanban.board', entity: P, equals: { todo: [], done: ['notes v2'] } }] },
      },
      'inline',
    )
    const { result, history } = runAndCheck(scenario)
    expect(history.ops.flatMap((o) => o.outcome?.writes ?? []).filter((w) => w.field === 'updated_at')).toEqual([])
    expect(result.checks.differentFields).toMatchObject({ evaluated: true, holds: true })
    expect(result.verdict).toBe('pass')
  })
})

describe('differentFields on canvas elements (spec undo)', () => {
  // The spec's update stamps updated_at without reporting it; its undo reported the updated_at it
  // restored, so the undo was that field's only write and bob's later stamp looked like a loss.
  it('an undo racing an edit of another field reports no updated_at write, and both fields are kept', () => {
    const G = 'group:poster-design'
    const scenario = parseScenario(
      {
        name: 'undo-and-edit',
        seed: 3,
        peers: ['alice', 'bob'],
        entities: [{ id: G, owner: 'alice', members: { bob: 'member' } }],
        steps: [
          {
            at: 0,
            peer: 'alice',
            op: 'canvas.add',
            entity: G,
            args: { elementType: 'shape', x: 10, y: 10, width: 50, height: 50 },
            as: 'box',
          },
          { at: 1000, fault: 'partition', groups: [['alice'], ['bob']] },
          { at: 1100, peer: 'alice', op: 'canvas.update', entity: G, args: { element: '$box', fields: { x: 200 } } },
          { at: 2100, peer: 'bob', op: 'canvas.update', entity: G, args: { element: '$box', fields: { y: 300 } } },
          { at: 2200, peer: 'alice', op: 'canvas.undo', entity: G },
          { at: 3000, fault: 'heal' },
        ],
      },
      'inline',
    )
    const { result, history } = runAndCheck(scenario, { profile: 'spec' })
    const undo = history.ops.find((o) => o.op === 'canvas.undo')!
    expect(undo.outcome!.writes!.map((w) => w.field)).toEqual(['x'])
    expect(result.checks.differentFields).toMatchObject({ evaluated: true, holds: true })
  })
})
