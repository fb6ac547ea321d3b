import { describe, expect, it } from 'vitest'
import { loadScenario, parseScenario } from '../../src/sim/scenario/load.ts'
import type { Step } from '../../src/sim/scenario/model.ts'
import { designExample } from './designExample.ts'

const fixture = (name: string): string => new URL(`./fixtures/${name}`, import.meta.url).pathname

describe('scenario format v1: valid files', () => {
  it('accepts the DESIGN example and normalizes it', () => {
    const s = parseScenario(designExample(), 'scenarios/prune-race.json')
    expect(s).toMatchObject({
      source: 'scenarios/prune-race.json',
      name: 'prune-race',
      seed: 7,
      profile: 'reference',
      peers: ['alice', 'bob', 'carol'],
    })
    expect(s.entities).toEqual([
      { id: 'group:ocean-forest-moon-star', type: 'group', owner: 'alice', members: { bob: 'member', carol: 'admin' } },
    ])
    expect(s.config).toEqual({ thresholds: { chat: 65536 }, archiveAfterDays: 90 })
    expect(s.expect.checks).toEqual(['convergence', 'pruneSafety'])
    expect(s.expect.final[1]).toEqual({
      index: 1,
      peer: 'alice',
      query: 'chat.list',
      entity: 'group:ocean-forest-moon-star',
      args: {},
      operator: 'count',
      expected: 3,
    })
  })

  it("sorts steps by at, ties in file order, keeping each step's file index", () => {
    const s = parseScenario(designExample(), 'x.json')
    expect(s.steps.map((st) => [st.at, st.index])).toEqual([
      [0, 0],
      [0, 10],
      [0, 12],
      [10, 1],
      [50, 8],
      [100, 2],
      [120, 4],
      [300, 3],
      [400, 6],
      [500, 7],
      [700, 9],
      [900, 5],
      [1000, 11],
    ])
  })

  it('tags steps with their kind and typed fields', () => {
    const s = parseScenario(designExample(), 'x.json')
    const byIndex = new Map<number, Step>(s.steps.map((st) => [st.index, st]))
    expect(byIndex.get(0)).toEqual({
      kind: 'op',
      index: 0,
      at: 0,
      peer: 'alice',
      op: 'chat.send',
      entity: 'group:ocean-forest-moon-star',
      args: { content: 'hello' },
      as: 'm1',
    })
    expect(byIndex.get(2)).toEqual({
      kind: 'fault',
      index: 2,
      at: 100,
      fault: 'partition',
      groups: [['alice'], ['bob', 'carol']],
    })
    expect(byIndex.get(6)).toMatchObject({ kind: 'fault', fault: 'crash', peer: 'bob', tornWrite: true })
    expect(byIndex.get(11)).toEqual({ kind: 'advanceDays', index: 11, at: 1000, days: 91, ms: 91 * 86_400_000 })
    expect(byIndex.get(12)).toMatchObject({
      kind: 'random',
      until: 5000,
      everyMs: [5, 20],
      mix: { 'chat.send': 5, 'chat.edit': 2, 'chat.delete': 2, 'chat.react': 1 },
    })
    const step = byIndex.get(0)!
    // The union narrows: args are typed by op.
    if (step.kind === 'op' && step.op === 'chat.send') expect(step.args.content).toBe('hello')
  })

  it('applies every documented default', () => {
    const s = parseScenario(
      {
        peers: ['a', 'b'],
        entities: [{ id: 'project:p', owner: 'a' }],
        steps: [
          { at: 5, fault: 'crash', peer: 'a' },
          { at: 1, peer: 'a', op: 'canvas.undo', entity: 'project:p' },
          { at: 2, random: { until: 9, entity: 'project:p', mix: { 'chat.send': 1, 'chat.edit': 0 } } },
        ],
      },
      'dir/my-case.json',
    )
    expect(s).toMatchObject({ name: 'my-case', description: '', seed: 1, profile: 'reference', config: {} })
    expect(s.network).toEqual({
      latencyMs: [5, 50],
      drop: 0,
      duplicate: 0,
      corrupt: 0,
      reorder: true,
      delivery: 'timed',
      antiEntropyMs: 1000,
    })
    expect(s.expect).toEqual({ checks: 'applicable', final: [] })
    expect(s.entities[0]!.members).toEqual({})
    expect(s.steps[0]).toMatchObject({ op: 'canvas.undo', args: {}, as: null })
    expect(s.steps[1]).toMatchObject({ kind: 'random', everyMs: [10, 100], peers: ['a'], mix: { 'chat.send': 1 } })
    expect(s.steps[2]).toMatchObject({ fault: 'crash', tornWrite: false })
  })

  it('loads the fixtures', () => {
    const chat = loadScenario(fixture('chat-partition.json'))
    expect(chat.network).toMatchObject({ latencyMs: [1, 20], reorder: false })
    expect(chat.steps.map((s) => s.index)).toEqual([0, 1, 2, 3, 4])
    const board = loadScenario(fixture('project-board.json'))
    expect(board.name).toBe('project-board')
    expect(board.expect.final[0]).toMatchObject({
      query: 'issues.get',
      args: { issue: '$bug' },
      operator: 'includes',
      expected: { title: 'flaky' },
    })
    expect(board.steps.find((s) => s.kind === 'random')).toMatchObject({
      peers: ['dana', 'eli'],
      mix: { 'chat.send': 3, 'issues.comment': 1 },
    })
  })
})
