/** Engine bench measures at tiny sizes: shapes, bytes and growth, never timings. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { B3_CASES, prepareB3 } from '../../bench/b3.ts'
import { builtDoc } from '../../bench/engine/catalog.ts'
import { chatWorld, clientOfMember, coreWorld, createdWorld, docIdOf } from '../../bench/engine/documents.ts'
import { removeMember } from '../../bench/engine/laterTombstone.ts'
import { PeakObserver } from '../../bench/engine/peakObserver.ts'
import { engineFullSyncBytes } from '../../bench/engine/fullSync.ts'
import { engineB3Factory } from '../../bench/engine/b3Crdt.ts'
import { engineDocBytes, engineMemBytes, loadReplica } from '../../bench/engine/memory.ts'
import { engineItemsFitting } from '../../bench/engine/scalability.ts'
import { ENGINE_SYNC_OPS, engineMeanBytes } from '../../bench/engine/syncOps.ts'
import {
  engineMemberTombstoneBytes,
  engineWorstCaseBytes,
  engineWorstCaseExtended,
} from '../../bench/engine/tombstone.ts'
import { TOMBSTONE_MOMENTS, type TombstoneMoment } from '../../bench/specClaims.ts'
import { storeHolding } from '../../bench/engine/world.ts'
import { Workload } from '../../bench/workloads.ts'
import { PROFILE_NAMES } from '../../src/engine/base/enums.ts'

describe.each(PROFILE_NAMES)('engine documents (%s)', (profile) => {
  it('builds the workload through ops: every member, every message, deterministically', () => {
    const w = new Workload('t:core', 6)
    const core = coreWorld(profile, w, 6)
    expect(core.get(w.entity.owner).query('member.list', core.entityId)).toEqual(w.members.map((m) => m.id).sort())
    const chat = (seed: string): Uint8Array => {
      const cw = new Workload(seed)
      return chatWorld(profile, cw, 40).world.snapshot(cw.entity.owner).get(docIdOf(cw, 'chat'))!
    }
    expect(chat('t:chat')).toEqual(chat('t:chat'))
  })

  it('loads a built document into a fresh replica that reads all of it', () => {
    const b = builtDoc(profile, 'chat', 40)
    expect(engineDocBytes(profile, 'chat', 40)).toBeGreaterThan(1000)
    const replica = loadReplica(profile, 'chat', b.entityId, storeHolding(b.snapshot))
    expect(replica.query('chat.list', b.entityId)).toHaveLength(40)
  })
})

describe.each(PROFILE_NAMES)('engine sync operations (%s)', (profile) => {
  it.each(Object.keys(ENGINE_SYNC_OPS))('%s publishes bytes', (row) => {
    const spec = { ...ENGINE_SYNC_OPS[row]!, count: ENGINE_SYNC_OPS[row]!.doc === 'chat' ? 30 : 10 }
    const bytes = engineMeanBytes(profile, spec, 3)
    expect(bytes.v1).toBeGreaterThan(0)
    expect(bytes.v2).toBeGreaterThan(0)
  })

  it('syncs a whole entity into an empty replica', () => {
    expect(engineFullSyncBytes(profile, { messages: 30, members: 25, cards: 0, issues: 0 })).toBeGreaterThan(
      engineDocBytes(profile, 'chat', 30),
    )
  })
})

describe.each(PROFILE_NAMES)('engine tombstones and scalability (%s)', (profile) => {
  it.each(TOMBSTONE_MOMENTS)(
    'counts every ack (%s): bytes grow with the members who ack, the hub prunes at the last',
    (moment) => {
      const small = engineMemberTombstoneBytes(profile, 4, Infinity, moment)
      const large = engineMemberTombstoneBytes(profile, 12, Infinity, moment)
      expect(small).toBeGreaterThan(0)
      expect(large).toBeGreaterThan(small)
    },
  )

  it.each(TOMBSTONE_MOMENTS)('extrapolates from a sample of ackers to near the exact figure (%s)', (moment) => {
    const exact = engineMemberTombstoneBytes(profile, 24, Infinity, moment)
    const sampled = engineMemberTombstoneBytes(profile, 24, 8, moment)
    expect(Math.abs(sampled - exact) / exact).toBeLessThan(0.1)
  })

  it('measures the worst case on a small chat', () => {
    expect(engineWorstCaseBytes(profile, 6, 5)).toBeGreaterThan(engineWorstCaseBytes(profile, 3, 5))
  })

  it('extends the worst case from two smaller counts to near the exact figure (once-per-document bytes once)', () => {
    const exact = engineWorstCaseBytes(profile, 32, 6)
    expect(Math.abs(engineWorstCaseExtended(profile, 32, 6, 8) - exact) / exact).toBeLessThan(0.05)
  })

  it('counts the items that fit, and scales a reduced growth', () => {
    const n = engineItemsFitting(profile, 'core', 20_000)
    expect(n).toBeGreaterThan(20)
    expect(engineItemsFitting(profile, 'core', 20_000, 2) % 2).toBe(0)
  })
})

describe('engine heap and B3', () => {
  it('measures the heap a loaded replica holds, in a child process', async () => {
    expect(await engineMemBytes('reference', 'chat', 40, 1)).toBeGreaterThan(0)
  })

  it.each(PROFILE_NAMES)('maps B3 onto the record layer (%s): replicas agree, every client writes', (profile) => {
    const factory = engineB3Factory(profile)
    const p = prepareB3(factory, B3_CASES[0]!, 16)
    expect(p.updates).toHaveLength(p.clients)
    const merged = factory.create(p.clients + 1, () => {}, 'map')
    merged.applyUpdates(p.updates)
    expect(merged.getMap()).toEqual(p.reference)
    expect(Object.keys(p.reference as object)).toEqual(['v'])
  })

  it.each(PROFILE_NAMES)('maps B3.4 onto a kanban column (%s): every insert listed once, in one order', (profile) => {
    const factory = engineB3Factory(profile)
    const c = B3_CASES[3]!
    const p = prepareB3(factory, c, 16)
    expect(p.updates).toHaveLength(p.clients)
    const merged = factory.create(p.ids[p.clients]!, () => {}, 'array')
    merged.applyUpdates([...p.updates].reverse())
    expect(merged.getArray()).toEqual(p.reference)
    expect(factory.load(p.ids[p.clients + 1]!, p.state).getArray()).toEqual(p.reference)
    expect([...(p.reference as string[])].sort()).toEqual(Array.from({ length: p.clients }, (_, i) => String(i)).sort())
    expect(() => factory.create(7, () => {}, 'array').insertArray(1, ['x'])).toThrow(/inserts at the end/)
  })

  it("leaves a member's once-per-document bytes out of a later tombstone (reference): they are the first one's", () => {
    // What a later tombstone adds per member is a watermark written again, not its registration:
    // a measure of the later tombstone that counted fresh ackers (their first write) would fail this.
    const perMember = (moment: TombstoneMoment): number =>
      (engineMemberTombstoneBytes('reference', 24, Infinity, moment) -
        engineMemberTombstoneBytes('reference', 4, Infinity, moment)) /
      20
    expect(perMember('later')).toBeGreaterThan(0)
    expect(perMember('later')).toBeLessThan(perMember('first') / 2)
  })

  it('has the peak observer leave out a prune, then take it in on catching up with the hub', () => {
    const w = new Workload('t:observer', 4)
    const world = createdWorld('reference', w, w.members)
    const hub = world.get(w.entity.owner)
    const core = docIdOf(w, 'core')
    const before = world.snapshot(w.entity.owner)
    const observer = new PeakObserver(hub, core)
    removeMember(world, w, w.members.at(-1)!.id)
    const deletion = observer.seeHub()
    for (const m of w.members.slice(1, -1).map((x) => x.id)) {
      const acker = world.fork(m, clientOfMember(w, m), before)
      for (const env of deletion) acker.receive(w.entity.owner, env.docId, env.message)
      observer.deliverToHub(m, acker.drainOutbox())
    }
    expect(observer.prunes).toBe(1)
    const hubSize = (): number => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, hub.encodeState(core))
      return Y.encodeStateAsUpdate(doc).byteLength
    }
    expect(observer.size()).not.toBe(hubSize())
    observer.catchUp()
    expect(observer.size()).toBe(hubSize())
  })

  it("counts the spec's acks of a later tombstone: they are per tombstone, as dear as the first one's", () => {
    // The spec's hub acks a member on every tombstone it holds when that member's update comes: a
    // staging that made the measured tombstone before the earlier one's acks came in would book
    // those acks to the earlier one (0.48 of the first tombstone's bytes).
    const first = engineMemberTombstoneBytes('spec', 12, Infinity, 'first')
    expect(engineMemberTombstoneBytes('spec', 12, Infinity, 'later')).toBeGreaterThan(first * 0.8)
  })

  it('keeps one slot per concurrent writer in the reference profile', () => {
    const size = (n: number): number => prepareB3(engineB3Factory('reference'), B3_CASES[0]!, n).state.byteLength
    expect(size(64)).toBeGreaterThan(size(16) * 1.5)
  })
})
