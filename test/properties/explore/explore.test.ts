/**
 * `explore` as a function: a mutant of the engine (card-in-old-column) is found on a small
 * scenario the reference passes in every schedule (card-moves), and the shortest failing schedule
 * it writes fails the same way when `crdt-lab run` replays it; what explore cannot take is bad
 * input naming the file and the path.
 */
import { describe, expect, it } from 'vitest'
import { explore } from '../../../src/properties/explore/explore.ts'
import { exploreProgram } from '../../../src/properties/explore/program.ts'
import { failedExpectations, runAndCheck } from '../../../src/properties/runAndCheck.ts'
import { fileURLToPath } from 'node:url'
import { loadScenarioFile, parseScenario } from '../../../src/sim/scenario/load.ts'
import { labErrorOf } from '../../sim/labErrors.ts'

const G = 'group:tide-pool'
const op = (peer: string, name: string, args: object, as?: string) => ({
  at: 0,
  peer,
  op: name,
  entity: G,
  args,
  ...(as ? { as } : {}),
})

/** Alice posts and deletes; bob holds the deletion only once it reaches him. */
const pruneRace = {
  name: 'small-prune-race',
  seed: 7,
  peers: ['alice', 'bob'],
  entities: [{ id: G, owner: 'alice', members: { bob: 'member' } }],
  network: { reorder: false },
  steps: [op('alice', 'chat.send', { content: 'plan' }, 'plan'), op('alice', 'chat.delete', { message: '$plan' })],
  expect: { checks: ['convergence', 'pruneSafety'] },
}

const explored = (json: object, options: Parameters<typeof explore>[2] = {}) =>
  explore(parseScenario(json, 'small.json'), json, options)

describe('explore finds what the engine breaks', () => {
  it('the reference keeps a card in one column in every schedule; the card-in-old-column mutant does not', async () => {
    const { scenario, json } = loadScenarioFile(
      fileURLToPath(new URL('../../../scenarios/explore/card-moves.json', import.meta.url)),
    )
    const reference = await explore(scenario, json)
    expect(reference).toMatchObject({ complete: true, failures: [] })
    expect(reference.exercised.cardOneColumn).toBeGreaterThan(0)

    const mutant = await explore(scenario, json, { mutant: 'card-in-old-column' })
    expect(mutant.complete).toBe(true)
    const failure = mutant.failures.find((f) => f.check === 'cardOneColumn')!
    // The oracle reads the board from the documents: the engine's board, listing the card twice, disagrees.
    expect(failure.detail).toMatch(/the engine reads columns .*\$notes.*\$notes.*; its documents say /)
    expect(failure.schedule.slice(0, 3)).toEqual([
      'alice: kanban.addColumn title="todo" as $todo',
      'alice: kanban.addColumn title="done" as $done',
      'alice: kanban.addCard column="$todo" title="release notes" as $notes',
    ])

    // The schedule, as the file explore writes, fails the same way under `crdt-lab run`.
    const schedule = parseScenario(failure.scenario, 'schedule.json')
    const { result } = runAndCheck(schedule, { mutant: 'card-in-old-column' })
    expect(failedExpectations(schedule, result.checks, result.final, [], undefined)).toContain('cardOneColumn')
    expect(result.checks.cardOneColumn).toMatchObject({ evaluated: true, holds: false, detail: failure.detail })
  })
})

describe('what explore takes', () => {
  it('fixed ops on at most 4 peers, faults it can choose itself: else exit 2 naming each path', () => {
    const bad = {
      ...pruneRace,
      peers: ['alice', 'bob', 'carol', 'dave', 'erin'],
      network: { corrupt: 0.1 },
      steps: [
        ...pruneRace.steps,
        { at: 5, random: { until: 10, entity: G, mix: { 'chat.send': 1 } } },
        { at: 5, fault: 'partition', groups: [['alice'], ['bob']] },
        { at: 5, fault: 'crash', peer: 'bob', tornWrite: true },
      ],
    }
    const e = labErrorOf(() => exploreProgram(parseScenario(bad, 'bad.json'), bad), 'BAD_SCENARIO')
    expect(e.message.split('\n')).toEqual([
      'bad.json: $.peers: has 5 peers; explore takes at most 4 (every schedule of more is out of reach)',
      'bad.json: $.network.corrupt: explore does not damage messages (a damaged frame is refused, as a loss: use drop)',
      'bad.json: $.steps[2].random: explore needs fixed ops: a random step draws different ones on every seed',
      expect.stringMatching(/^bad\.json: \$\.steps\[3\]\.fault: a partition step: explore already tries every order/),
      'bad.json: $.steps[4].tornWrite: explore crashes peers without tearing a write (set tornWrite to false)',
    ])
  })
})
