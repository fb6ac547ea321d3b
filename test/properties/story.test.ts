import { describe, expect, it } from 'vitest'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'
import { storyOf } from '../../src/properties/story.ts'
import { parseScenario } from '../../src/sim/scenario/load.ts'

const P = 'project:sprint-board'
const scenario = {
  name: 'story',
  seed: 4,
  peers: ['alice', 'bob', 'carol'],
  entities: [{ id: P, owner: 'alice', members: { bob: 'member' } }],
  network: { latencyMs: [5, 5] },
  steps: [
    { at: 0, peer: 'alice', op: 'kanban.addColumn', entity: P, args: { title: 'todo' }, as: 'todo' },
    { at: 10, peer: 'alice', op: 'kanban.addCard', entity: P, args: { column: '$todo', title: 'release notes' } },
    { at: 20, fault: 'crash', peer: 'bob' },
    { at: 30, peer: 'carol', op: 'kanban.addColumn', entity: P, args: { title: 'refused' } },
    { at: 40, peer: 'alice', op: 'kanban.addColumn', entity: P, args: { title: 'done' }, as: 'done' },
    { at: 100, fault: 'restart', peer: 'bob' },
  ],
}

describe('the story of a run', () => {
  const checked = runAndCheck(parseScenario(scenario, 'inline'))
  const story = storyOf(checked)

  it("gives each op's arguments in the scenario's names and names what it created", () => {
    expect(story).toContainEqual(
      expect.stringMatching(
        /^t=0 alice kanban\.addColumn \{title: "todo"\} -> \$todo \(col[a-z0-9]+\); update reaches/,
      ),
    )
    expect(story).toContainEqual(
      expect.stringMatching(/^t=10 alice kanban\.addCard \{column: \$todo, title: "release notes"\} -> card[a-z0-9]+;/),
    )
  })

  it('tells a lost update by the fault that lost it, when it happened', () => {
    const line = story.find((l) => l.startsWith('t=40 alice kanban.addColumn'))
    expect(line).toContain('bob: lost at t=45 (bob crashed at t=20)')
    expect(story).toContain('t=20 fault: crash bob')
  })

  it('leaves refused ops out and says so', () => {
    expect(story.some((l) => l.includes('refused'))).toBe(true)
    expect(story.some((l) => l.startsWith('t=30 carol'))).toBe(false)
    expect(story).toContain('(1 refused op left out: NOT_A_MEMBER; a refused op changes nothing)')
  })

  it("lists the scenario's refused steps in the result, with why", () => {
    expect(checked.result.refused).toEqual([
      { step: 3, t: 30, peer: 'carol', op: 'kanban.addColumn', code: 'NOT_A_MEMBER', message: expect.any(String) },
    ])
  })
})
