/**
 * Scripted delivery: on a network whose `delivery` is `scripted`, messages wait during the steps
 * until a `deliver` step hands one over, drops it or duplicates it; `sync` steps start an
 * anti-entropy exchange; after the last step the run heals and drains as always. The format
 * refuses deliver steps on a timed network and random losses on a scripted one.
 */
import { describe, expect, it } from 'vitest'
import { parseScenario } from '../../src/sim/scenario/load.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'
import { runScenario } from '../../src/sim/run.ts'
import { labErrorOf } from './labErrors.ts'

const G = 'group:tide-pool'
const FILE = 'scenarios/scripted.json'

const send = (peer: string, content: string, as?: string) => ({
  at: 0,
  peer,
  op: 'chat.send',
  entity: G,
  args: { content },
  ...(as ? { as } : {}),
})
const deliver = (from: string, to: string, more: object = {}) => ({ at: 0, deliver: { from, to, ...more } })

const scenario = (steps: object[], network: object = {}) =>
  parseScenario(
    {
      peers: ['alice', 'bob', 'carol'],
      entities: [{ id: G, owner: 'alice', members: { bob: 'member', carol: 'member' } }],
      network: { delivery: 'scripted', ...network },
      steps,
    },
    FILE,
  )

/** The run's result, judged by the oracle. */
const judged = (steps: object[]) => runAndCheck(scenario(steps)).result

describe('scripted delivery', () => {
  it('during the steps a message arrives only when a deliver step hands it over', () => {
    const run = runScenario(scenario([send('alice', 'one'), send('alice', 'two'), deliver('alice', 'bob', { seq: 2 })]))
    const deliveries = run.world.journal.records.filter((r) => r.type === 'deliver' && r.t === 0)
    // Only the second message went to bob during the steps; the heal delivered the rest later.
    expect(deliveries).toHaveLength(1)
    const sends = run.world.journal.records.filter((r) => r.type === 'send' && r.data.to === 'bob')
    expect(deliveries[0]!.data.id).toBe(sends[1]!.data.id)
    expect(run.liveness.converged).toBe(true)
    run.world.dispose()
  })

  it('drop loses a message and duplicate hands a copy over and keeps it waiting', () => {
    const run = runScenario(
      scenario([
        send('alice', 'one'),
        deliver('alice', 'bob', { fate: 'duplicate' }),
        deliver('alice', 'bob'),
        deliver('alice', 'carol', { fate: 'drop' }),
      ]),
    )
    const at0 = run.world.journal.records.filter((r) => r.t === 0)
    expect(at0.filter((r) => r.type === 'duplicate')).toHaveLength(1)
    expect(at0.filter((r) => r.type === 'deliver').map((r) => r.data.copy)).toEqual([true, false])
    expect(at0.filter((r) => r.type === 'drop').map((r) => r.data.reason)).toEqual(['loss'])
    expect(run.world.network.stats).toMatchObject({ duplicated: 1, dropped: 1 })
    run.world.dispose()
  })

  it('a repeated delivery is judged by idempotence; a lost one is repaired by the drain', () => {
    const result = judged([
      send('alice', 'one'),
      deliver('alice', 'bob', { fate: 'duplicate' }),
      deliver('alice', 'bob'),
      deliver('alice', 'carol', { fate: 'drop' }),
    ])
    expect(result.checks.idempotence).toMatchObject({ evaluated: true, holds: true })
    expect(result.checks.convergence).toMatchObject({ evaluated: true, holds: true })
    expect(result.verdict).toBe('pass')
  })

  it('no anti-entropy runs during the steps of a scripted run, only its sync steps', () => {
    const quiet = runScenario(scenario([send('alice', 'one'), { at: 5000, sync: 'bob' }]))
    const digests = (t: number) =>
      quiet.world.journal.records.filter((r) => r.type === 'send' && r.data.kind === 'digest' && r.t <= t)
    // bob's sync at 5000 ms is the only anti-entropy before the heal.
    expect(digests(4999)).toHaveLength(0)
    expect(new Set(digests(5000).map((r) => r.data.from))).toEqual(new Set(['bob']))
    expect(quiet.world.journal.records.filter((r) => r.type === 'sync')).toEqual([
      { t: 5000, type: 'sync', data: { peer: 'bob' } },
    ])
    quiet.world.dispose()
  })

  it('a FIFO link hands over in send order', () => {
    const e = labErrorOf(
      () =>
        runScenario(
          scenario([send('alice', 'one'), send('alice', 'two'), deliver('alice', 'bob', { seq: 2 })], {
            reorder: false,
          }),
        ),
      'BAD_SCENARIO',
    )
    expect(e.message).toBe(
      `${FILE}: $.steps[2].deliver: at t=0, alice -> bob delivers in send order (reorder false): #1 goes before #2`,
    )
  })

  it('a deliver step naming no waiting message is bad input naming the file, the step and what waits', () => {
    const e = labErrorOf(
      () => runScenario(scenario([send('alice', 'one'), deliver('alice', 'bob'), deliver('alice', 'bob', { seq: 1 })])),
      'BAD_SCENARIO',
    )
    expect(e.message).toBe(
      `${FILE}: $.steps[2].deliver: at t=0, no message #1 from alice to bob waits to be delivered (none waits)`,
    )
    const none = labErrorOf(() => runScenario(scenario([deliver('bob', 'carol')])), 'BAD_SCENARIO')
    expect(none.message).toContain('no message from bob to carol waits to be delivered (none waits)')
  })

  it('the format: deliver steps need a scripted network, which takes no loss probabilities; peers must exist', () => {
    const bad = (steps: object[], network: object) =>
      labErrorOf(() => scenario(steps, network), 'BAD_SCENARIO').message.split('\n')
    expect(bad([deliver('alice', 'bob')], { delivery: 'timed' })).toEqual([
      `${FILE}: $.steps[0].deliver: deliver steps need a scripted network: "network": {"delivery": "scripted"}`,
    ])
    expect(bad([], { drop: 0.1 })).toEqual([
      `${FILE}: $.network.drop: a scripted network loses and copies only what deliver steps say ` +
        '("fate": "drop" or "duplicate"); set drop to 0',
    ])
    expect(bad([deliver('alice', 'alice'), { at: 0, sync: 'dave' }], {})).toEqual([
      `${FILE}: $.steps[0].deliver.to: a message goes between two different peers; from and to are both alice`,
      `${FILE}: $.steps[1].sync: "dave" is not a peer; peers are alice, bob, carol`,
    ])
    expect(bad([deliver('alice', 'bob', { seq: 0, fate: 'lose' })], {})).toEqual([
      `${FILE}: $.steps[0].deliver.seq: must be >= 1, got the number 0`,
      `${FILE}: $.steps[0].deliver.fate: expected "deliver", "drop" or "duplicate", got the string "lose"`,
    ])
  })
})
