/**
 * Compaction (reference): a replica deletes the entries no read can show again, settled by the
 * authority (records.ts, recordRead.ts). The claim: a compacting replica shows what one that never
 * compacts shows, now and after anything that arrives later. Checked as a property: the same
 * random membership changes, edits and deliveries run in a world whose replicas compact and in one
 * whose replicas do not, and every replica shows the same messages in both after every step. A
 * compaction that settles too much (every effective write taken as counting for good) is caught.
 */
import fc from 'fast-check'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { SmallWorld } from '../../src/sim/smallWorld.ts'
import { referenceProfile, type Profile } from '../../src/engine/profile/profile.ts'
import { ReferenceRecords } from '../../src/engine/reference/records.ts'
import { ReferenceMembership } from '../../src/engine/reference/membership.ts'
import { overrideView } from '../../src/engine/mutants/viewOverride.ts'
import { DELETED, EVERYONE, type RecordStrategy } from '../../src/engine/ports/records.ts'
import { ManagedDoc } from '../../src/engine/docs/documentManager.ts'
import { parseDocId } from '../../src/engine/base/ids.ts'

const G = 'group:test'
const PEERS = ['alice', 'bob', 'carol'] as const

/** The reference without compaction: its records strategy less `compact`. */
function neverCompacting(): Profile {
  const r = new ReferenceRecords()
  const records: RecordStrategy = {
    create: (...a) => r.create(...a),
    update: (...a) => r.update(...a),
    remove: (ctx, coll, id) => r.remove(ctx, coll, id),
    read: (...a) => r.read(...a),
    keys: (...a) => r.keys(...a),
    revive: (...a) => r.revive(...a),
    prune: (...a) => r.prune(...a),
  }
  return referenceProfile({ records })
}

/** A broken settling: every write that counts now counts for good, every fenced one never will. */
function settlingEverything(): Profile {
  const membership = overrideView(new ReferenceMembership(), (v) => ({
    authority: {
      effective: v.authority.effective,
      final: (md, id) => (v.authority.effective(md, id) ? 'effective' : 'fenced'),
    },
  }))
  return referenceProfile({ membership })
}

type Step =
  | { k: 'edit'; peer: number; text: number }
  | { k: 'remove'; target: number }
  | { k: 'add'; target: number }
  | { k: 'deliver'; to: number; from: number }
  | { k: 'settle' }
  | { k: 'round' }

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('edit' as const), peer: fc.nat(2), text: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('remove' as const), target: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('add' as const), target: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('deliver' as const), to: fc.nat(2), from: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.constant({ k: 'settle' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'round' as const }) },
)

function world(profile: Profile): { net: SmallWorld; message: string } {
  const net = new SmallWorld({ profile, seed: 5 })
  for (const p of PEERS) net.add(p)
  net.r('alice').createEntity(G, { members: { bob: 'admin', carol: 'member' } })
  net.replicateEntity('alice', G)
  const message = net.r('alice').execute('chat.send', G, { content: 'start' }).createdId!
  net.settle()
  return { net, message }
}

function run(w: { net: SmallWorld; message: string }, s: Step): void {
  const { net, message } = w
  const tryOp = (peer: string, op: string, args: Record<string, unknown>): void => {
    try {
      net.r(peer).execute(op, G, args)
    } catch {
      // refused (not a member, no live message): nothing written
    }
  }
  if (s.k === 'edit') tryOp(PEERS[s.peer]!, 'chat.edit', { message, content: `v${s.text}` })
  else if (s.k === 'remove') tryOp('alice', 'member.remove', { member: PEERS[s.target]! })
  else if (s.k === 'add') tryOp('alice', 'member.add', { member: PEERS[s.target]!, role: 'member' })
  else if (s.k === 'deliver') net.deliver(PEERS[s.to]!, PEERS[s.from]!)
  else if (s.k === 'settle') net.settle()
  else net.antiEntropy(G)
}

/** Entries compaction deleted so far in a world (entries of the message's fragment missing against the other). */
const entries = (net: SmallWorld, peer: string, message: string): number =>
  (net.r(peer).ydoc(`${G}:chat`).getMap<Y.Map<unknown>>('messages').get(message)?.size ?? 0) as number

/** Runs `steps` in a world of `profile` and in one that never compacts; the first step where a replica differs. */
function firstDifference(profile: () => Profile, steps: readonly Step[]): string | undefined {
  const a = world(profile())
  const b = world(neverCompacting())
  for (const [i, s] of steps.entries()) {
    run(a, s)
    run(b, s)
    for (const p of PEERS) {
      const shown = (w: typeof a) => JSON.stringify(w.net.r(p).query('chat.list', G))
      if (shown(a) !== shown(b)) return `step ${i} (${JSON.stringify(s)}): ${p} shows ${shown(a)}, not ${shown(b)}`
    }
  }
  return undefined
}

const steps = fc.array(step, { minLength: 4, maxLength: 28 })

describe('compaction', () => {
  it('a compacting replica shows what one that never compacts shows, after every step', () => {
    let compacted = 0
    fc.assert(
      fc.property(steps, (s) => {
        expect(firstDifference(referenceProfile, s)).toBeUndefined()
        const a = world(referenceProfile())
        const b = world(neverCompacting())
        for (const x of s) {
          run(a, x)
          run(b, x)
        }
        for (const p of PEERS) compacted += Math.max(0, entries(b.net, p, b.message) - entries(a.net, p, a.message))
      }),
      { numRuns: 25, seed: 16 },
    )
    // it ran: fenced slots of pruned members were deleted somewhere
    expect(compacted).toBeGreaterThan(0)
  })

  it("settling too much is caught: a slot beaten by a live member's write shows again once that is fenced", () => {
    const found = fc.check(
      fc.property(steps, (s) => firstDifference(settlingEverything, s) === undefined),
      { numRuns: 200, seed: 16 },
    )
    expect(found.failed).toBe(true)
  })

  it('with every write counting for good (no membership), every slot the winner beats goes; the field holds', () => {
    const md = new ManagedDoc(`${G}:chat`, parseDocId(`${G}:chat`), new Y.Doc())
    const records = new ReferenceRecords()
    const coll = md.doc.getMap<unknown>('items')
    const write = (client: number, f: () => void) => {
      md.doc.clientID = client
      md.doc.transact(f)
    }
    write(1, () => records.create({ md, member: 'm1', now: 0 }, coll, 'x', { v: 0 }))
    for (const c of [2, 3, 4]) write(c, () => records.update({ md, member: `m${c}`, now: 0 }, coll, 'x', { v: c }))
    const rctx = { md, authority: EVERYONE }
    const before = records.read(rctx, coll, 'x', DELETED)!
    expect(before.fields.v).toBe(4)
    expect(before.compactable).toHaveLength(2)
    write(9, () => records.compact({ md, member: 'm9', now: 0 }, coll, 'x', before.compactable!))
    const after = records.read(rctx, coll, 'x', DELETED)!
    expect(after.fields).toEqual(before.fields)
    expect(after.compactable).toBeUndefined()
    expect((coll.get('x') as Y.Map<unknown>).size).toBe(2)
  })
})
