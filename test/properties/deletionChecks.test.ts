import { describe, expect, it } from 'vitest'
import { parseScenario } from '../../src/sim/scenario/load.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'

const G = 'group:poster-design'
const scenario = (afterDelete: unknown[]) =>
  parseScenario(
    {
      name: 'undo-delete',
      seed: 5,
      peers: ['alice', 'bob', 'carol'],
      entities: [{ id: G, owner: 'alice', members: { bob: 'member', carol: 'member' } }],
      steps: [
        {
          at: 0,
          peer: 'alice',
          op: 'canvas.add',
          entity: G,
          args: { elementType: 'shape', x: 1, y: 1, width: 10, height: 10 },
          as: 'box',
        },
        { at: 300, fault: 'partition', groups: [['alice', 'carol'], ['bob']] },
        { at: 400, peer: 'bob', op: 'canvas.update', entity: G, args: { element: '$box', fields: { x: 50 } } },
        { at: 500, peer: 'alice', op: 'canvas.delete', entity: G, args: { element: '$box' } },
        ...afterDelete,
        { at: 1000, fault: 'heal' },
      ],
    },
    'inline',
  )

describe('deletionWins', () => {
  // Alice's undo brings the element back after she saw her own deletion. The reference re-creates
  // it as a new element (src/engine/README.md, "Canvas undo and pruning"): the deletion of `box`
  // stands and wins over bob's concurrent edit, and the element shows again under a new id. (An
  // in-place revival, as the spec's UndoManager does, takes the deletion back: the check's `lifted`.)
  it('accepts an element its deleter brought back (undo of the delete) after a concurrent edit', () => {
    const { result, run } = runAndCheck(scenario([{ at: 600, peer: 'alice', op: 'canvas.undo', entity: G }]))
    for (const p of ['alice', 'bob', 'carol']) expect(run.world.peer(p).r.query('canvas.elements', G)).toBe(1)
    expect(result.checks.deletionWins).toMatchObject({ evaluated: true, holds: true })
    expect(result.verdict).toBe('pass')
  })
  it('still judges the deletion when its deleter did not take it back: it wins over the concurrent edit', () => {
    const { result, run } = runAndCheck(scenario([]))
    for (const p of ['alice', 'bob', 'carol']) expect(run.world.peer(p).r.query('canvas.elements', G)).toBe(0)
    expect(result.checks.deletionWins).toMatchObject({ evaluated: true, holds: true })
  })
})
