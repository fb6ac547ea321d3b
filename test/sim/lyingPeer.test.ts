/**
 * A lying peer (the `impersonate`, `equivocate` and `honest` faults): each attack succeeds against
 * the spec profile, whose code has no defence (and succeeded against the reference before it
 * signed authorship: its client registry was anyone's to write, its replicas answered anyone); the
 * reference refuses each, and its honest replicas agree.
 */
import { describe, expect, it } from 'vitest'
import { liveMessages } from '../../src/engine/ops/chatOps.ts'
import { runScenario } from '../../src/sim/run.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'
import { timelineOf } from '../../src/properties/timeline.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'
import { parseScenario } from '../../src/sim/scenario/load.ts'
import { G, liarScenario, send } from './liarScenario.ts'

/** alice owns the group; bob and carol are members; mallory is a member only when `malloryIn`. */
const scenario = (steps: unknown[], malloryIn = true) => liarScenario(steps, { malloryIn })

function run(steps: unknown[], profile: ProfileName, malloryIn = true) {
  return runScenario(scenario(steps, malloryIn), { profile })
}

const messagesOn = (r: ReturnType<typeof run>, peer: string) =>
  liveMessages(r.world.peer(peer).r.entity(G))
    .map((m) => `${m.author_id}: ${m.content}`)
    .sort() // the spec orders by wall-clock seconds: messages of one second tie

/** mallory lies both ways, posts, turns honest, posts again. */
const LIE_THEN_HONEST = [
  { at: 100, fault: 'impersonate', peer: 'mallory', as: 'alice' },
  { at: 100, fault: 'equivocate', peer: 'mallory' },
  send(200, 'mallory', 'as alice'),
  { at: 300, fault: 'honest', peer: 'mallory' },
  send(400, 'mallory', 'as me'),
]

describe('a lying peer against the spec profile', () => {
  const profile = 'spec'
  it('impersonation: its message shows as alice’s on every honest replica', () => {
    const r = run(
      [
        send(0, 'alice', 'hello'),
        { at: 100, fault: 'impersonate', peer: 'mallory', as: 'alice' },
        send(200, 'mallory', 'I resign'),
      ],
      profile,
    )
    for (const p of ['alice', 'bob', 'carol']) expect(messagesOn(r, p)).toEqual(['alice: I resign', 'alice: hello'])
    expect(r.world.lies.liars).toEqual(new Set(['mallory']))
    r.world.dispose()
  })

  it('impersonation: a non-member makes itself admin as alice, and deletes bob’s message', () => {
    const r = run(
      [
        send(0, 'bob', 'keep this', 'm1'),
        { at: 100, fault: 'impersonate', peer: 'mallory', as: 'alice' },
        { at: 200, peer: 'mallory', op: 'member.add', entity: G, args: { member: 'mallory', role: 'admin' } },
        { at: 300, peer: 'mallory', op: 'chat.delete', entity: G, args: { message: '$m1' } },
      ],
      profile,
      false,
    )
    for (const p of ['alice', 'bob', 'carol']) {
      expect(r.world.peer(p).r.membership(G).roleOf('mallory')).toBe('admin')
      expect(messagesOn(r, p)).toEqual([])
    }
    r.world.dispose()
  })

  it('equivocation: bob and carol hold different content under the same ids, and never converge', () => {
    const r = run([{ at: 100, fault: 'equivocate', peer: 'mallory' }, send(200, 'mallory', 'yes')], profile)
    const [a, b, c] = ['alice', 'bob', 'carol'].map((p) => messagesOn(r, p))
    expect(a).toEqual(['mallory: yes'])
    // peers in order alice, bob, carol: alice and carol get the update, bob the forgery
    expect(b).toEqual(['mallory: sey'])
    expect(c).toEqual(a)
    const sv = (p: string) => [...r.world.peer(p).r.stateVector(`${G}:chat`)]
    expect(sv('bob')).toEqual(sv('alice'))
    expect(r.liveness.converged).toBe(true) // equal state vectors and delete sets: nothing tells them apart
    expect(r.world.journal.records.filter((x) => x.type === 'forge')).toHaveLength(1)
    r.world.dispose()
  })

  it('a non-member reads: anti-entropy hands it every message', () => {
    const r = run([send(0, 'alice', 'secret plans'), send(10, 'bob', 'more secrets')], profile, false)
    expect(r.world.peer('mallory').r.membership(G).roleOf('mallory')).toBeUndefined()
    expect(messagesOn(r, 'mallory')).toEqual(['alice: secret plans', 'bob: more secrets'])
    r.world.dispose()
  })

  it('honest ends the lie: fresh clientIDs, own name, own access checks again', () => {
    const r = run(LIE_THEN_HONEST, profile)
    const ops = r.world.journal.records.filter((x) => x.type === 'op').map((x) => x.data)
    expect(ops).toEqual([
      expect.objectContaining({ peer: 'mallory', as: 'alice', equivocating: true, ok: true }),
      expect.not.objectContaining({ as: expect.anything() }),
    ])
    expect(messagesOn(r, 'alice')).toEqual(['alice: as alice', 'mallory: as me'])
    r.world.dispose()
  })
})

describe('the reference refuses a lying peer', () => {
  const profile = 'reference'
  const stats = (r: ReturnType<typeof run>) =>
    ['alice', 'bob', 'carol'].map((p) => r.world.peer(p).r.receiveStats().rejected.signature ?? 0)

  it('impersonation: nothing mallory writes as alice reaches an honest replica; each refusal is counted', () => {
    const r = run(
      [
        send(0, 'alice', 'hello'),
        send(0, 'bob', 'keep this', 'm1'),
        { at: 100, fault: 'impersonate', peer: 'mallory', as: 'alice' },
        send(200, 'mallory', 'I resign'),
        { at: 300, peer: 'mallory', op: 'member.add', entity: G, args: { member: 'mallory', role: 'owner' } },
        { at: 400, peer: 'mallory', op: 'chat.delete', entity: G, args: { message: '$m1' } },
      ],
      profile,
    )
    for (const p of ['alice', 'bob', 'carol']) {
      expect(messagesOn(r, p)).toEqual(['alice: hello', 'bob: keep this'])
      expect(r.world.peer(p).r.membership(G).roleOf('mallory')).toBe('member')
    }
    for (const n of stats(r)) expect(n).toBeGreaterThan(0)
    r.world.dispose()
  })

  it('equivocation: the honest replicas drop both versions and agree, byte for byte', () => {
    const r = run([{ at: 100, fault: 'equivocate', peer: 'mallory' }, send(200, 'mallory', 'yes')], profile)
    for (const p of ['alice', 'bob', 'carol']) expect(messagesOn(r, p)).toEqual([])
    const state = (p: string) => Buffer.from(r.world.peer(p).r.encodeState(`${G}:chat`)).toString('hex')
    expect(state('bob')).toBe(state('alice'))
    expect(state('carol')).toBe(state('alice'))
    r.world.dispose()
  })

  it('a non-member asking for state is answered nothing, and each refusal is counted', () => {
    let mallory: string[] = []
    const { result } = runAndCheck(liarScenario([send(0, 'alice', 'secret plans')], { malloryIn: false }), {
      profile,
      inspect: (r) => void (mallory = messagesOn(r, 'mallory')),
    })
    expect(mallory).toEqual([])
    expect(result.stats.refusedReads).toBeGreaterThan(0)
    expect(result.checks.access).toMatchObject({ holds: true })
  })

  it('a refused read still asks: an owner whose core was torn at bootstrap learns it back from a member', () => {
    // Found by the library example's generated scenarios: alice, knowing no members after the torn
    // write, refused bob's digests and sent none of hers, so the two never synced again.
    const scenario = parseScenario(
      {
        name: 'torn-bootstrap',
        seed: 1,
        peers: ['alice', 'bob'],
        entities: [{ id: 'project:lab', owner: 'alice', members: { bob: 'member' } }],
        network: { latencyMs: [1, 1] },
        steps: [
          { at: 0, peer: 'bob', op: 'chat.send', entity: 'project:lab', args: { content: 'v2' } },
          { at: 0, fault: 'crash', peer: 'alice', tornWrite: true },
          { at: 20, fault: 'restart', peer: 'alice' },
        ],
      },
      'torn-bootstrap.json',
    )
    const { result } = runAndCheck(scenario, { profile })
    expect(result.checks.convergence).toMatchObject({ holds: true })
    expect(result.stats.refusedReads).toBeGreaterThan(0)
  })

  it('honest ends the lie: what mallory writes as herself afterwards reaches everyone', () => {
    const r = run(LIE_THEN_HONEST, profile)
    for (const p of ['alice', 'bob', 'carol']) expect(messagesOn(r, p)).toEqual(['mallory: as me'])
    r.world.dispose()
  })
})

describe('the lie faults as world verbs', () => {
  it('journal one record each and show as periods on the timeline; honest while honest is a no-op', () => {
    const r = run(
      [
        { at: 50, fault: 'honest', peer: 'mallory' },
        send(60, 'mallory', 'before'),
        { at: 100, fault: 'impersonate', peer: 'mallory', as: 'alice' },
        { at: 150, fault: 'equivocate', peer: 'mallory' },
        send(200, 'mallory', 'during'),
        { at: 300, fault: 'honest', peer: 'mallory' },
      ],
      'spec',
    )
    const faults = r.world.journal.records
      .filter((x) => x.type === 'fault')
      .map((x): Record<string, unknown> => ({ t: x.t, ...x.data }))
    expect(faults.filter((f) => ['impersonate', 'equivocate', 'honest'].includes(String(f.fault)))).toEqual([
      { t: 100, fault: 'impersonate', peer: 'mallory', as: 'alice' },
      { t: 150, fault: 'equivocate', peer: 'mallory' },
      { t: 300, fault: 'honest', peer: 'mallory' },
    ])
    const lies = timelineOf(r.world, []).faults.filter((f) => f.kind === 'impersonate' || f.kind === 'equivocate')
    expect(lies).toEqual([
      { kind: 'impersonate', peers: ['mallory'], from: 100, to: 300, label: 'writes as alice' },
      { kind: 'equivocate', peers: ['mallory'], from: 150, to: 300 },
    ])
    r.world.dispose()
  })
})

describe('the lie faults in the scenario format', () => {
  it('name peers, and a peer impersonates another', () => {
    expect(() => scenario([{ at: 1, fault: 'impersonate', peer: 'mallory', as: 'mallory' }])).toThrow(
      /\$\.steps\[0\]\.as: a peer impersonates another peer; peer and as are both mallory/,
    )
    expect(() => scenario([{ at: 1, fault: 'impersonate', peer: 'mallory', as: 'zed' }])).toThrow(
      /\$\.steps\[0\]\.as: "zed" is not a peer/,
    )
    expect(() => scenario([{ at: 1, fault: 'equivocate', peer: 'eve' }])).toThrow(
      /\$\.steps\[0\]\.peer: "eve" is not a peer/,
    )
  })
})
