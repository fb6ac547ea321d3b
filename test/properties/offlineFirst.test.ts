import { describe, expect, it } from 'vitest'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'
import { parseScenario } from '../../src/sim/scenario/load.ts'

const G = 'group:tea-room'
const scenario = (offlineOps: object[]) =>
  parseScenario(
    {
      name: 'offline-cursor',
      peers: ['alice', 'dave'],
      entities: [{ id: G, owner: 'alice', members: { dave: 'member' } }],
      steps: [
        {
          at: 0,
          peer: 'dave',
          op: 'canvas.add',
          entity: G,
          args: { elementType: 'text', x: 1, y: 1, width: 5, height: 5 },
        },
        { at: 100, fault: 'offline', peer: 'dave' },
        ...offlineOps,
        { at: 300, fault: 'online', peer: 'dave' },
      ],
    },
    'inline',
  )

const cursor = { at: 150, peer: 'dave', op: 'canvas.cursor', entity: G, args: { x: 3, y: 4 } }
const send = { at: 160, peer: 'dave', op: 'chat.send', entity: G, args: { content: 'from the train' } }

describe('offlineFirst', () => {
  it('does not count an offline cursor move (it writes nothing) as an op that never arrived', () => {
    const { result } = runAndCheck(scenario([cursor]))
    expect(result.checks.offlineFirst).toMatchObject({ evaluated: false })
  })
  it('still judges the offline ops that write', () => {
    const { result } = runAndCheck(scenario([cursor, send]))
    expect(result.checks.offlineFirst).toMatchObject({
      evaluated: true,
      holds: true,
      detail: '1 offline op(s) reached every replica (1 more wrote no struct)',
    })
  })
})
