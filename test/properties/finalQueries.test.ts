import { describe, expect, it } from 'vitest'
import { parseScenario } from '../../src/sim/scenario/load.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'

const P = 'project:gentle-wave-moon-fire'
const scenario = (creator: string) => ({
  name: 'final-refs',
  peers: ['dana', 'eli', 'zoe'],
  entities: [{ id: P, owner: 'dana', members: { eli: 'member' } }],
  steps: [{ at: 0, peer: creator, op: 'issues.create', entity: P, args: { title: 'flaky', priority: 'high' }, as: 'bug' }],
  expect: { final: [{ peer: '*', query: 'issues.get', entity: P, args: { issue: '$bug' }, includes: { title: 'flaky' } }] },
})

describe('final queries', () => {
  it('resolve a "$name" argument to the id the named step created', () => {
    const { result } = runAndCheck(parseScenario(scenario('eli'), 'inline'))
    expect(result.final[0]).toMatchObject({ holds: true, actual: { title: 'flaky', priority: 'high' } })
    expect(result.verdict).toBe('pass')
  })
  it('fail, saying why, when the step that names the id was refused', () => {
    const { result } = runAndCheck(parseScenario(scenario('zoe'), 'inline'))
    expect(result.final[0]).toMatchObject({ holds: false, detail: expect.stringContaining('names an id no step created') })
    expect(result.verdict).toBe('fail')
  })
})
