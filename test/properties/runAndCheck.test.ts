import { describe, expect, it } from 'vitest'
import { parseScenario } from '../../src/sim/scenario/load.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'

const G = 'group:ocean-forest-moon-star'
const base = {
  name: 'oracle-smoke',
  seed: 7,
  peers: ['alice', 'bob', 'carol'],
  entities: [{ id: G, owner: 'alice', members: { bob: 'member', carol: 'admin' } }],
  steps: [
    { at: 0, peer: 'alice', op: 'chat.send', entity: G, args: { content: 'hello' }, as: 'm1' },
    { at: 100, fault: 'partition', groups: [['alice'], ['bob', 'carol']] },
    { at: 150, peer: 'bob', op: 'chat.edit', entity: G, args: { message: '$m1', content: 'bob' } },
    { at: 160, peer: 'alice', op: 'chat.edit', entity: G, args: { message: '$m1', content: 'alice' } },
    { at: 200, fault: 'offline', peer: 'carol' },
    { at: 210, peer: 'carol', op: 'chat.send', entity: G, args: { content: 'offline' } },
    { at: 300, fault: 'heal' },
    { at: 400, fault: 'crash', peer: 'bob', tornWrite: false },
    { at: 500, fault: 'restart', peer: 'bob' },
    { at: 900, fault: 'online', peer: 'carol' },
    {
      at: 0,
      random: {
        until: 2000,
        everyMs: [5, 20],
        peers: ['alice', 'bob', 'carol'],
        entity: G,
        mix: { 'chat.send': 5, 'chat.edit': 3, 'chat.delete': 2, 'chat.react': 1 },
      },
    },
  ],
}

describe('runAndCheck', () => {
  it('judges a reference run: every applicable claim holds', () => {
    const { result } = runAndCheck(parseScenario(base, 'inline'))
    expect(result.verdict).toBe('pass')
    for (const name of ['convergence', 'lww', 'pruneSafety', 'pruneLiveness', 'offlineFirst', 'persistence'])
      expect(result.checks[name]).toMatchObject({ evaluated: true, holds: true })
    expect(result.checks.sizeThreshold).toEqual({ evaluated: false, detail: expect.any(String) })
    expect(result.stats.pruned).toBeGreaterThan(0)
  })
  it('judges a spec run: the naive ack prunes before carol (offline) holds the deletions', () => {
    const { result } = runAndCheck(parseScenario(base, 'inline'), { profile: 'spec' })
    expect(result.verdict).toBe('fail')
    expect(result.checks.pruneSafety).toMatchObject({
      evaluated: true,
      holds: false,
      detail: expect.stringContaining('carol did not hold the deletion'),
    })
  })
})

describe('runAndCheck on a project with every concern', () => {
  const P = 'project:gentle-wave-moon-fire'
  const project = {
    name: 'project-smoke',
    seed: 3,
    peers: ['alice', 'bob', 'carol', 'dave'],
    entities: [{ id: P, owner: 'alice', members: { bob: 'admin', carol: 'member', dave: 'member' } }],
    steps: [
      {
        at: 300,
        fault: 'partition',
        groups: [
          ['alice', 'bob'],
          ['carol', 'dave'],
        ],
      },
      { at: 900, fault: 'heal' },
      { at: 1000, fault: 'offline', peer: 'dave' },
      { at: 1500, fault: 'online', peer: 'dave' },
      {
        at: 0,
        random: {
          until: 2500,
          everyMs: [5, 25],
          peers: ['alice', 'bob', 'carol', 'dave'],
          entity: P,
          mix: {
            'kanban.addColumn': 1,
            'kanban.addCard': 3,
            'kanban.moveCard': 4,
            'kanban.updateCard': 2,
            'kanban.archiveCard': 1,
            'issues.create': 2,
            'issues.update': 4,
            'issues.comment': 2,
            'issues.close': 1,
            'canvas.add': 2,
            'canvas.update': 3,
            'canvas.delete': 1,
            'canvas.undo': 1,
            'canvas.redo': 1,
            'canvas.cursor': 2,
            'chat.send': 2,
            'member.updateRole': 1,
          },
        },
      },
    ],
  }
  it('reference: every applicable claim holds', () => {
    const { result, history } = runAndCheck(parseScenario(project, 'inline'))
    expect(history.ops.filter((o) => o.outcome).length).toBeGreaterThan(100)
    expect([...new Set(history.ops.filter((o) => o.outcome).map((o) => o.op.split('.')[0]))]).toEqual(
      expect.arrayContaining(['kanban', 'issues', 'canvas', 'chat']),
    )
    const failed = Object.entries(result.checks).filter(([, c]) => c.evaluated && !c.holds)
    expect(failed).toEqual([])
    expect(result.verdict).toBe('pass')
  })
  it('spec: the same run breaks claims', () => {
    const { result } = runAndCheck(parseScenario(project, 'inline'), { profile: 'spec' })
    const failed = Object.entries(result.checks)
      .filter(([, c]) => c.evaluated && !c.holds)
      .map(([n]) => n)
    expect(failed).toEqual(expect.arrayContaining(['lww', 'pruneSafety']))
  })
})

describe('runAndCheck inspect hook', () => {
  it('sees the judged run while its replicas are still open', () => {
    let docs: string[] = []
    const { result } = runAndCheck(parseScenario(base, 'inline'), {
      inspect: (run, judged) => {
        expect(judged.verdict).toBe('pass')
        docs = run.world.peer('carol').r.docIds(G)
      },
    })
    expect(result.verdict).toBe('pass')
    expect(docs).toEqual(expect.arrayContaining([`${G}:core`, `${G}:chat`]))
  })
})
