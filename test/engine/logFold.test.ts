/**
 * The reference's membership fold is kept up to date per transaction (logFold.ts): whatever
 * arrives in whatever order, every view must equal a fold of the whole log from scratch, and
 * both ways of getting it (continued, folded again) must be exercised.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SmallWorld } from '../../src/sim/smallWorld.ts'
import { foldMembership, REFERENCE_MEMBERSHIP_RULES } from '../../src/engine/reference/membershipFold.ts'
import { linearize, readFenceOps, readOps, type StoredOp } from '../../src/engine/reference/membershipLog.ts'
import { logFoldOf } from '../../src/engine/reference/logFold.ts'
import type { Replica } from '../../src/engine/replica/replica.ts'

const G = 'group:test'
const PEERS = ['alice', 'bob', 'carol'] as const
const TARGETS = ['bob', 'carol', 'dave', 'erin'] as const

type Step =
  | { k: 'op'; peer: number; kind: 'add' | 'remove' | 'role'; target: number; admin: boolean }
  | { k: 'deliver'; to: number; from: number }
  | { k: 'settle' }
  | { k: 'round' }

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('op' as const),
      peer: fc.nat(2),
      kind: fc.constantFrom('add' as const, 'remove' as const, 'role' as const),
      target: fc.nat(3),
      admin: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('deliver' as const), to: fc.nat(2), from: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.constant({ k: 'settle' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'round' as const }) },
)

const RUNS = 40

const idOf = (o: StoredOp): string => `${o.id.client}.${o.id.clock}`

/** The replica's view against a fold of its whole log from scratch. */
function expectFreshFold(r: Replica): void {
  const core = r.docs.get(`${G}:core`)
  const fresh = foldMembership(linearize([...readOps(core), ...readFenceOps(core.doc)]), REFERENCE_MEMBERSHIP_RULES)
  const view = r.membership(G)
  expect(view.active).toEqual(fresh.active())
  for (const m of new Set([...fresh.states.keys(), ...view.active])) expect(view.roleOf(m)).toBe(fresh.roleOf(m))
  const fold = (view as unknown as { fold: ReturnType<typeof foldMembership> }).fold
  expect(fold.applied.map(idOf)).toEqual(fresh.applied.map(idOf))
  expect([...fold.states].map(([m, s]) => [m, s.active, s.role, s.removals.length, s.revives.length]).sort()).toEqual(
    [...fresh.states].map(([m, s]) => [m, s.active, s.role, s.removals.length, s.revives.length]).sort(),
  )
  expect(fold.removed()).toEqual(fresh.removed())
}

describe('the incremental membership fold', () => {
  it('equals a fold from scratch after every step, whatever the delivery order', () => {
    const counts = { full: 0, continued: 0 }
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const net = new SmallWorld({ profile: 'reference' })
        for (const p of PEERS) net.add(p)
        net.r('alice').createEntity(G, { members: { bob: 'admin', carol: 'admin' } })
        net.replicateEntity('alice', G)
        for (const s of steps) {
          if (s.k === 'op') {
            const args = { member: TARGETS[s.target]!, role: s.admin ? 'admin' : 'member' }
            try {
              net.r(PEERS[s.peer]!).execute(`member.${s.kind === 'role' ? 'updateRole' : s.kind}`, G, args)
            } catch {
              // refused by the role rules: nothing written
            }
          } else if (s.k === 'deliver') net.deliver(PEERS[s.to]!, PEERS[s.from]!)
          else if (s.k === 'settle') net.settle()
          else net.antiEntropy(G)
          for (const p of PEERS) expectFreshFold(net.r(p))
        }
        for (const p of PEERS) {
          const log = logFoldOf(net.r(p).docs.get(`${G}:core`), REFERENCE_MEMBERSHIP_RULES)
          counts.full += log.counts.full
          counts.continued += log.counts.continued
        }
      }),
      { numRuns: RUNS, seed: 11 },
    )
    // both paths ran: continuing the fold, and folding again (beyond each replica's first view)
    // when an op that sorts earlier arrived
    expect(counts.continued).toBeGreaterThan(0)
    expect(counts.full).toBeGreaterThan(RUNS * PEERS.length)
  })

  it('continuing a fold with an op that sorts earlier differs from folding from scratch (why it refolds then)', () => {
    const net = new SmallWorld({ profile: 'reference' })
    for (const p of PEERS) net.add(p)
    net.r('alice').createEntity(G, { members: { bob: 'owner', carol: 'owner' } })
    net.replicateEntity('alice', G)
    // concurrent: bob removes carol, carol removes bob; the fold order decides who wins
    net.r('bob').execute('member.remove', G, { member: 'carol' })
    net.r('carol').execute('member.remove', G, { member: 'bob' })
    net.deliver('alice') // both removals reach alice; nobody else has acked them, so nothing is pruned
    const all = linearize(readOps(net.r('alice').docs.get(`${G}:core`)))
    const removals = all.filter((o) => o.entry.k === 'remove')
    expect(removals).toHaveLength(2)
    const fresh = foldMembership(all)
    // the first removal in fold order takes effect and fences the other; taken in reverse, the other wins
    const wrong = foldMembership(all.filter((o) => !removals.includes(o))).extend([...removals].reverse())
    expect(wrong.active()).not.toEqual(fresh.active())
    expect(net.r('alice').membership(G).active).toEqual(fresh.active())
  })
})
