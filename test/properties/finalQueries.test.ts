import { describe, expect, it } from 'vitest'
import { parseScenario } from '../../src/sim/scenario/load.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'

const P = 'project:login-revamp'
const scenario = (final: unknown[], steps: unknown[] = []) => ({
  name: 'final-refs',
  seed: 5,
  peers: ['alice', 'bob'],
  entities: [{ id: P, owner: 'alice', members: { bob: 'member' } }],
  steps: [
    { at: 0, peer: 'alice', op: 'issues.create', entity: P, args: { title: 'login broken' }, as: 'bug' },
    {
      at: 100,
      peer: 'bob',
      op: 'issues.update',
      entity: P,
      args: { issue: '$bug', fields: { title: 'login broken on safari' } },
    },
    ...steps,
  ],
  expect: { final },
})

describe('final queries', () => {
  it('resolve "$name" arguments to the ids the steps created', () => {
    const { result } = runAndCheck(
      parseScenario(
        scenario([
          {
            peer: '*',
            query: 'issues.get',
            entity: P,
            args: { issue: '$bug' },
            includes: { title: 'login broken on safari' },
          },
        ]),
        'inline',
      ),
    )
    expect(result.final[0]).toMatchObject({ holds: true, actual: { title: 'login broken on safari' } })
    expect(result.verdict).toBe('pass')
  })
  it('fail, saying why, when the step that should have bound the name created nothing', () => {
    // carol is a peer but no member: her issues.create is refused, so $ghost is never bound.
    const sc = {
      ...scenario([
        { peer: 'alice', query: 'issues.get', entity: P, args: { issue: '$ghost' }, includes: { title: 'x' } },
      ]),
      peers: ['alice', 'bob', 'carol'],
    }
    sc.steps.push({ at: 200, peer: 'carol', op: 'issues.create', entity: P, args: { title: 'x' }, as: 'ghost' })
    const { result } = runAndCheck(parseScenario(sc, 'inline'))
    expect(result.final[0]).toMatchObject({
      holds: false,
      detail: expect.stringContaining('names an id no step created'),
    })
  })
})

describe('final query results', () => {
  it('say what was asked, what came back and how it differs', () => {
    const { result } = runAndCheck(
      parseScenario(
        scenario([
          { peer: '*', query: 'issues.get', entity: P, args: { issue: '$bug' }, includes: { title: 'login broken' } },
        ]),
        'inline',
      ),
    )
    expect(result.final[0]).toEqual({
      peer: '*',
      query: 'issues.get',
      holds: false,
      actual: expect.objectContaining({ title: 'login broken on safari' }),
      entity: P,
      args: { issue: '$bug' },
      operator: 'includes',
      expected: { title: 'login broken' },
      diff: ['title: expected "login broken", got "login broken on safari"'],
      detail: 'alice, bob answer otherwise: title: expected "login broken", got "login broken on safari"',
    })
  })

  it('fail, never crash, when the answer is of another type than expected (an object against a string)', () => {
    const { result } = runAndCheck(
      parseScenario(
        scenario([
          { peer: 'alice', query: 'member.role', entity: P, args: { member: 'bob' }, includes: { role: 'member' } },
        ]),
        'inline',
      ),
    )
    expect(result.final[0]).toMatchObject({
      holds: false,
      actual: 'member',
      operator: 'includes',
      expected: { role: 'member' },
      diff: ['expected an object, got a string "member"'],
    })
    expect(result.verdict).toBe('fail')
  })
})
