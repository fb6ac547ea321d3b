/**
 * `access` and `convergence` against lying peers: each rule about a liar fails on the attack that
 * breaks it (the spec profile, which has no defence), and a liar's own replica is never judged.
 */
import { describe, expect, it } from 'vitest'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'
import { G, liarScenario, send } from '../sim/liarScenario.ts'
import { parseScenario } from '../../src/sim/scenario/load.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'

function judge(steps: unknown[], options: { malloryIn?: boolean; profile?: ProfileName } = {}) {
  return runAndCheck(liarScenario(steps, { ...options, seed: 5 }), { profile: options.profile ?? 'spec' }).result
}

const impersonate = (at: number) => ({ at, fault: 'impersonate', peer: 'mallory', as: 'alice' })

describe('access against a lying peer (spec: no defence)', () => {
  it('fails when a member posts as alice: the write is held, and the message shown as alice’s', () => {
    const r = judge([impersonate(100), send(200, 'mallory', 'I resign', 'fake')])
    expect(r.checks.access).toMatchObject({ holds: false })
    const detail = (r.checks.access as { detail: string }).detail
    expect(detail).toMatch(/alice, bob and carol hold mallory.s chat\.send made as alice \(t=200\)/)
    expect(detail).toMatch(/alice, bob and carol show \$fake \(m\w+\) by alice; mallory wrote it/)
  })

  it('fails when a non-member makes itself admin as alice, or deletes bob’s message as alice', () => {
    const admin = judge(
      [
        impersonate(100),
        { at: 200, peer: 'mallory', op: 'member.add', entity: G, args: { member: 'mallory', role: 'admin' } },
      ],
      { malloryIn: false },
    )
    expect((admin.checks.access as { detail: string }).detail).toMatch(
      /alice lists members \["alice","bob","carol","mallory"\]; the role rules give \["alice","bob","carol"\]/,
    )
    const deletion = judge([
      send(0, 'bob', 'keep this', 'm1'),
      impersonate(100),
      { at: 200, peer: 'mallory', op: 'chat.delete', entity: G, args: { message: '$m1' } },
    ])
    const what = "mallory's chat\\.delete made as alice \\(t=200\\)"
    expect((deletion.checks.access as { detail: string }).detail).toMatch(
      new RegExp(`^alice, bob and carol hold ${what}; \\$m1 \\(m\\w+\\) is gone on alice, bob and carol after ${what}`),
    )
  })

  it('fails when honest replicas show what a liar equivocated; convergence fails among the honest ones', () => {
    const r = judge([{ at: 100, fault: 'equivocate', peer: 'mallory' }, send(200, 'mallory', 'yes')])
    expect((r.checks.access as { detail: string }).detail).toMatch(
      /alice, bob and carol show what mallory equivocated at t=200 \(group:ocean:chat \w+:\d+-\d+; another/,
    )
    expect(r.checks.convergence).toMatchObject({ holds: false, detail: expect.stringMatching(/differ in content/) })
  })

  it('judges an equivocation only when its other version reached an honest replica', () => {
    // bob, the one the variant goes to, is offline: the variant is lost, and every replica ends with the one version
    const lost = judge([
      { at: 100, fault: 'equivocate', peer: 'mallory' },
      { at: 150, fault: 'offline', peer: 'bob' },
      send(200, 'mallory', 'yes'),
      { at: 400, fault: 'online', peer: 'bob' },
    ])
    expect(lost.checks.access).toMatchObject({ evaluated: true, holds: true })
    expect(lost.checks.convergence).toMatchObject({ holds: true })
  })

  it('holds on the same runs without the lie, and is not evaluated with neither lies nor membership ops', () => {
    expect(judge([send(200, 'mallory', 'I resign')]).checks.access).toEqual({
      evaluated: false,
      detail: 'no membership op ran, no peer lied and no non-member was handed content',
    })
    const honest = judge([
      send(0, 'bob', 'keep this', 'm1'),
      { at: 200, peer: 'mallory', op: 'chat.delete', entity: G, args: { message: '$m1' } },
      { at: 300, peer: 'alice', op: 'member.add', entity: G, args: { member: 'mallory', role: 'admin' } },
    ])
    expect(honest.checks.access).toMatchObject({ holds: true })
  })

  it('judges honest replicas only: a liar whose own replica differs does not fail convergence', () => {
    // mallory keeps posting as alice after the others stopped taking her updates: only her replica holds them
    const r = judge(
      [
        impersonate(100),
        { at: 150, fault: 'partition', groups: [['mallory'], ['alice', 'bob', 'carol']] },
        send(200, 'mallory', 'only mine'),
      ],
      { profile: 'reference' },
    )
    expect(r.checks.convergence).toMatchObject({ holds: true })
  })
})

describe('an equivocation seen by no member', () => {
  it('is no equivocation to judge: the variant went only to a non-member (bob), whose replica keeps it', () => {
    // mallory's updates go in peer order, the original to alice and carol, the variant to bob: no member
    const scenario = parseScenario(
      {
        name: 'variant-to-a-non-member',
        seed: 5,
        peers: ['alice', 'bob', 'carol', 'mallory'],
        entities: [{ id: G, owner: 'alice', members: { carol: 'member', mallory: 'member' } }],
        network: { latencyMs: [5, 20], antiEntropyMs: 200 },
        steps: [{ at: 100, fault: 'equivocate', peer: 'mallory' }, send(200, 'mallory', 'yes')],
      },
      'x.json',
    )
    const r = runAndCheck(scenario, { profile: 'reference' }).result
    expect(r.checks.access).toMatchObject({ evaluated: true, holds: true })
    expect(r.checks.convergence).toMatchObject({ holds: true })
  })
})
