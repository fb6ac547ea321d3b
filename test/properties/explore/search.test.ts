/**
 * The explorer on cases small enough to count by hand, and what the reduction may and may not
 * change: sleep sets skip schedules, never states or ends; the visited set merges schedules that
 * reach one state.
 */
import { describe, expect, it } from 'vitest'
import { executePath } from '../../../src/properties/explore/execute.ts'
import { explore } from '../../../src/properties/explore/explore.ts'
import { exploreProgram, type ExploreSettings } from '../../../src/properties/explore/program.ts'
import { search, type SearchOptions } from '../../../src/properties/explore/search.ts'
import { parseScenario } from '../../../src/sim/scenario/load.ts'

const G = 'group:pair'
const send = (peer: string, content: string, at = 0) => ({ at, peer, op: 'chat.send', entity: G, args: { content } })

const json = (steps: object[], network: object = {}, peers = ['alice', 'bob']) => ({
  name: 'tiny',
  seed: 3,
  peers,
  entities: [{ id: G, owner: 'alice', members: Object.fromEntries(peers.slice(1).map((p) => [p, 'member'])) }],
  network: { reorder: false, ...network },
  steps,
})

async function searched(file: object, options: Partial<SearchOptions> = {}, settings: Partial<ExploreSettings> = {}) {
  const program = exploreProgram(parseScenario(file, 'tiny.json'), file)
  const s: ExploreSettings = { profile: 'reference', maxFaults: 0, ...settings }
  return search(async (paths) => paths.map((p) => executePath(program, p, s)), {
    maxStates: 100_000,
    maxDepth: 1_000,
    reduction: true,
    dedup: true,
    ...options,
  })
}

describe('explore: counted by hand', () => {
  // alice and bob each send one message: 4 events, each delivery after its send.
  const crossing = json([send('alice', 'from alice'), send('bob', 'from bob')])

  it('2 peers x 1 message each: 6 schedules, 3 up to the order of independent events', async () => {
    // Interleavings of a1 < d1 and b1 < d2: 4!/(2!2!) = 6.
    const tree = await searched(crossing, { dedup: false, reduction: false })
    expect(tree.executions).toBe(6)
    // alice's op and bob's delivery to alice race, and so do bob's op and alice's delivery to bob;
    // both deliveries after both ops is one class: 3 Mazurkiewicz traces.
    const traces = await searched(crossing, { dedup: false, reduction: true })
    expect(traces.executions).toBe(3)
    // The states: start; a; b; ab; a·d1; b·d2; ab·d1; ab·d2; a·d1·b; b·d2·a; and three ends (each peer
    // saw the other's message before writing its own, or neither did): 13.
    const graph = await searched(crossing)
    expect(graph.uniqueStates).toBe(13)
    expect(graph.quietStates.size).toBe(3)
    expect(graph.complete).toBe(true)
    // The visited set merges schedules, never ends: the tree of every schedule reaches the same ones.
    expect([...tree.quietStates].sort()).toEqual([...graph.quietStates].sort())
    expect(tree.uniqueStates).toBe(graph.uniqueStates)
  })

  it('2 peers x 2 messages from one sender over a FIFO link: 2 schedules, 1 trace, 6 states', async () => {
    const twice = json([send('alice', 'one'), send('alice', 'two', 10)])
    // o1 o2 d1 d2 and o1 d1 o2 d2 (d2 only after d1 on a FIFO link).
    expect((await searched(twice, { dedup: false, reduction: false })).executions).toBe(2)
    expect((await searched(twice, { dedup: false, reduction: true })).executions).toBe(1)
    // start, o1, o1·o2, o1·d1, o1·o2·d1 (= o1·d1·o2), the end, and nothing else.
    const graph = await searched(twice)
    expect(graph.uniqueStates).toBe(6)
    expect(graph.states).toBe(6)
    expect(graph.statesWithout).toBe(7)
  })
})

describe('explore: the reduction changes how many schedules run, not what they reach', () => {
  const cases = {
    'three peers, two writers': json([send('alice', 'a1'), send('bob', 'b1')], {}, ['alice', 'bob', 'carol']),
    'a loss and a copy allowed': json([send('alice', 'a1'), send('bob', 'b1')], { drop: 0.1, duplicate: 0.1 }),
    'a crash allowed': json([send('alice', 'a1'), send('bob', 'b1'), { at: 5, fault: 'crash', peer: 'bob' }]),
    'an offline spell allowed': json([
      send('alice', 'a1'),
      send('bob', 'b1'),
      { at: 5, fault: 'offline', peer: 'alice' },
    ]),
  }
  for (const [name, file] of Object.entries(cases))
    it(`${name}: the same states and ends with and without sleep sets`, async () => {
      const settings = { maxFaults: 1 }
      const withSleep = await searched(file, {}, settings)
      const without = await searched(file, { reduction: false }, settings)
      expect(withSleep.complete && without.complete).toBe(true)
      expect(withSleep.uniqueStates).toBe(without.uniqueStates)
      expect([...withSleep.quietStates].sort()).toEqual([...without.quietStates].sort())
      expect(withSleep.failures.map((f) => f.check)).toEqual(without.failures.map((f) => f.check))
      // Sleep sets run fewer schedules, and count what the search without them runs exactly.
      expect(withSleep.states).toBeLessThan(without.states)
      expect(withSleep.statesWithout).toBe(without.states)
    })
})

describe('explore: bounds', () => {
  it('a search cut by --max-states or --max-depth is not complete', async () => {
    const file = json([send('alice', 'a1'), send('bob', 'b1')])
    const cut = await explore(parseScenario(file, 'tiny.json'), file, { maxStates: 5 })
    expect(cut).toMatchObject({ complete: false, cut: 'maxStates', states: 5 })
    const shallow = await explore(parseScenario(file, 'tiny.json'), file, { maxDepth: 2 })
    expect(shallow).toMatchObject({ complete: false, cut: 'maxDepth', maxDepth: 2 })
  })
})
