/**
 * Each raw Yjs baseline does the same logical work as its engine row: counted (workCount.ts) on
 * both sides during one timed iteration (after two warm-up iterations, as tinybench warms up),
 * replica by replica (the sender and receiver of a sync op, B3's merging and loading replicas,
 * the full sync's hub and newcomer). The rules (`unfair`):
 *
 * 1. same records: the raw baseline writes the records the spec profile writes (both lay out the
 *    spec's schema), and as many as the reference in every collection both write;
 * 2. no extra work: no count of the raw baseline (transactions, applies, V1 and V2 update encodes,
 *    state encodes) exceeds either profile's, and it touches no replica the row does not have;
 * 3. same applies: the raw baseline integrates remote updates in as many transactions as the spec
 *    profile, on each replica;
 * 4. its updates go on the wire: each local raw transaction is encoded once, in V1.
 *
 * The engine may do more than the baseline (its protocol's acks, persistence, the reference's
 * extra transactions): that is the cost the rows measure. The mutants at the end show each rule
 * catching a baseline that is off, among them the two this branch fixed (a V2 listener in the
 * timed part; a prune that skipped the ack the engine integrates).
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { B3_CASES, b3ClientIds, b3Clients, b3Measures } from '../../bench/b3.ts'
import { engineB3Factory } from '../../bench/engine/b3Crdt.ts'
import { engineFullSyncTask, HUB_CLIENT, NEWCOMER_CLIENT } from '../../bench/engine/fullSync.ts'
import { RECEIVER_CLIENT, SENDER_CLIENT } from '../../bench/engine/starFixture.ts'
import { ENGINE_SYNC_OPS, engineOpTask } from '../../bench/engine/syncOps.ts'
import type { TimedTask } from '../../bench/harness.ts'
import { yjsB3Factory } from '../../bench/rawYjs/b3Crdt.ts'
import { addMember, asClient } from '../../bench/rawYjs/documents.ts'
import { EMPTY_REPLICA, fullSyncTask } from '../../bench/rawYjs/fullSync.ts'
import { type Captured, opTask, ReplicaPair, SYNC_OPS } from '../../bench/rawYjs/syncOps.ts'
import { countWork, type ReplicaWork, type Work } from './workCount.ts'
import { PROFILE_NAMES, type ProfileName } from '../../src/engine/base/enums.ts'

/** A row's replicas by role: the clientID each side gives that role. */
type Roles = Record<string, { raw: number; engine: number }>
type Counted = { work: Work; roles: Roles }

const COUNTERS = ['transactions', 'applies', 'encodesV1', 'encodesV2'] as const
const NONE: ReplicaWork = { records: {}, transactions: 0, applies: 0, encodesV1: 0, encodesV2: 0 }

/** The work of one timed iteration of `task`, after its setup and two warm-up iterations. */
async function timedWork(task: TimedTask): Promise<Work> {
  const state = await task.setup?.()
  for (let i = 0; i < 2; i++) {
    task.beforeEach?.(state)
    task.fn(state)
  }
  task.beforeEach?.(state)
  return countWork(() => task.fn(state)).work
}

const at = (w: Work, client: number): ReplicaWork => w.replicas.get(client) ?? NONE

/** What makes the raw baseline's work differ from its engine rows' (the rules above); empty when it is fair. */
function unfair(raw: Work, engine: Readonly<Record<ProfileName, Work>>, roles: Roles): string[] {
  const out: string[] = []
  const known = new Set(Object.values(roles).map((r) => r.raw))
  for (const client of raw.replicas.keys()) if (!known.has(client)) out.push(`raw works on replica ${client}, no role`)
  for (const [role, ids] of Object.entries(roles)) {
    const r = at(raw, ids.raw)
    const spec = at(engine.spec, ids.engine)
    const ref = at(engine.reference, ids.engine)
    if (JSON.stringify(sorted(r.records)) !== JSON.stringify(sorted(spec.records)))
      out.push(`${role} records ${JSON.stringify(r.records)}, spec ${JSON.stringify(spec.records)}`)
    for (const [coll, n] of Object.entries(ref.records))
      if (coll in r.records && r.records[coll] !== n)
        out.push(`${role} records ${coll} ${r.records[coll]}, reference ${n}`)
    for (const profile of PROFILE_NAMES)
      for (const c of COUNTERS) {
        const e = at(engine[profile], ids.engine)[c]
        if (r[c] > e) out.push(`${role} ${c} ${r[c]} > ${profile} ${e}`)
      }
    if (r.applies !== spec.applies) out.push(`${role} applies ${r.applies}, spec ${spec.applies}`)
    if (r.encodesV1 !== r.transactions) out.push(`${role} encodes ${r.encodesV1} of ${r.transactions} transactions`)
  }
  for (const profile of PROFILE_NAMES)
    for (const c of ['stateEncodesV1', 'stateEncodesV2'] as const)
      if (raw[c] > engine[profile][c]) out.push(`${c} ${raw[c]} > ${profile} ${engine[profile][c]}`)
  return out
}

const sorted = (o: Record<string, number>): [string, number][] => Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1))

const SYNC_ROLES: Roles = {
  sender: { raw: SENDER_CLIENT, engine: SENDER_CLIENT },
  receiver: { raw: RECEIVER_CLIENT, engine: RECEIVER_CLIENT },
}
type SyncRow = keyof typeof SYNC_OPS
type RawOp = { op: (p: ReplicaPair) => Captured; prep?: (p: ReplicaPair) => void }

/** Small documents on both sides: the counts do not depend on the size. */
const smallPair = (row: SyncRow) => (): ReplicaPair =>
  row === 'Add member' ? ReplicaPair.core(10) : ReplicaPair.chat(30)

const engineSync = new Map<SyncRow, Promise<Record<ProfileName, Work>>>()
/** The engine rows' work, counted once per row for the file. */
function engineSyncWork(row: SyncRow): Promise<Record<ProfileName, Work>> {
  let hit = engineSync.get(row)
  if (hit === undefined) {
    const spec = ENGINE_SYNC_OPS[row]!
    const small = { ...spec, count: spec.doc === 'chat' ? 30 : 10 }
    hit = (async () => ({
      spec: await timedWork(engineOpTask('spec', small)),
      reference: await timedWork(engineOpTask('reference', small)),
    }))()
    engineSync.set(row, hit)
  }
  return hit
}

async function syncVerdict(row: SyncRow, raw: RawOp): Promise<string[]> {
  const rawWork = await timedWork(opTask(smallPair(row), raw.op, raw.prep))
  return unfair(rawWork, await engineSyncWork(row), SYNC_ROLES)
}

const baseline = (row: SyncRow): RawOp => {
  const s = SYNC_OPS[row]
  return { op: s.op, prep: 'prep' in s ? s.prep : undefined }
}

describe('raw Yjs baselines do their engine rows’ logical work', () => {
  it.each(Object.keys(SYNC_OPS) as SyncRow[])('sync: %s', async (row) => {
    expect(await syncVerdict(row, baseline(row))).toEqual([])
  })

  it.each(B3_CASES.map((c) => c.name))('B3 merge and load: %s', async (name) => {
    const c = B3_CASES.find((x) => x.name === name)!
    const clients = b3Clients(16)
    const [merger, loader] = b3ClientIds(clients, 'random').slice(clients)
    const roles: Roles = { merger: { raw: merger!, engine: merger! }, loader: { raw: loader!, engine: loader! } }
    const work = async (m: ReturnType<typeof b3Measures>): Promise<Work> => {
      const merge = await timedWork(m.cpuMs as TimedTask)
      const load = await timedWork(m.loadMs as TimedTask)
      return { ...merge, replicas: new Map([...merge.replicas, ...load.replicas]) }
    }
    const engine = {
      spec: await work(b3Measures(engineB3Factory('spec'), c, 16)),
      reference: await work(b3Measures(engineB3Factory('reference'), c, 16)),
    }
    const raw = await work(b3Measures(yjsB3Factory, c, 16))
    expect(at(raw, merger!).applies).toBe(1)
    expect(unfair(raw, engine, roles)).toEqual([])
  })

  it('full entity sync', async () => {
    const size = { messages: 30, members: 25, cards: 8, issues: 8 }
    const engine = {
      spec: await timedWork(engineFullSyncTask('spec', size)),
      reference: await timedWork(engineFullSyncTask('reference', size)),
    }
    const raw = await timedWork(fullSyncTask())
    const roles: Roles = {
      hub: { raw: 1, engine: HUB_CLIENT },
      newcomer: { raw: EMPTY_REPLICA, engine: NEWCOMER_CLIENT },
    }
    expect(at(raw, EMPTY_REPLICA).applies).toBe(4)
    expect(unfair(raw, engine, roles)).toEqual([])
  }, 60_000)
})

/** `op` with a V2 listener on the sender while it runs: the sync rows' baseline before it listened to V1 only. */
const withV2 =
  (op: RawOp['op']) =>
  (p: ReplicaPair): Captured => {
    const on = (): void => {}
    p.sender.on('updateV2', on)
    try {
      return op(p)
    } finally {
      p.sender.off('updateV2', on)
    }
  }

describe('the rules catch a baseline that is off', () => {
  it('encodes every operation twice (a V2 listener in the timed part)', async () => {
    expect(await syncVerdict('Send message', { op: withV2(baseline('Send message').op) })).toEqual([
      'sender encodesV2 1 > spec 0',
      'sender encodesV2 1 > reference 0',
    ])
  })

  it('prunes without integrating the last ack (what the engine times)', async () => {
    const op = (p: ReplicaPair): Captured => {
      const messages = p.sender.getMap('messages')
      const newest = [...messages.keys()].at(-1)!
      return p.sync(() => asClient(p.sender, SENDER_CLIENT, () => messages.delete(newest)), true)
    }
    expect(await syncVerdict('Prune tombstone', { op, prep: baseline('Prune tombstone').prep })).toEqual([
      'sender applies 0, spec 1',
    ])
  })

  it('deletes without the receiver acking on receipt (as both engine profiles do)', async () => {
    const op = (p: ReplicaPair): Captured => {
      const messages = p.sender.getMap('messages')
      const m = messages.get([...messages.keys()].at(-1)!) as Y.Map<unknown>
      return p.sync(() => asClient(p.sender, SENDER_CLIENT, () => m.set('deleted', true)))
    }
    expect(await syncVerdict('Delete (tombstone)', { op, prep: baseline('Delete (tombstone)').prep })).toEqual([
      'receiver records {}, spec {"messages":1}',
    ])
  })

  it('applies an update twice on the receiver', async () => {
    const op = (p: ReplicaPair): Captured => {
      const u = baseline('Edit message').op(p)
      Y.applyUpdate(p.receiver, u)
      return u
    }
    const issues = await syncVerdict('Edit message', { op })
    expect(issues).toContain('receiver applies 2 > spec 1')
    expect(issues).toContain('receiver applies 2, spec 1')
  })

  it('writes fewer records than the spec profile (a member without its active_members flag)', async () => {
    const op = (p: ReplicaPair): Captured =>
      p.sync(() => asClient(p.sender, SENDER_CLIENT, () => p.sender.getMap('members').set(p.w.member().id, true)))
    expect(await syncVerdict('Add member', { op })).toEqual([
      'sender records {"members":1}, spec {"members":1,"active_members":1}',
    ])
  })

  it('encodes the whole state, or sends nothing on the wire', async () => {
    const extra = (p: ReplicaPair): Captured => {
      const u = baseline('Send message').op(p)
      Y.encodeStateAsUpdate(p.sender)
      return u
    }
    expect(await syncVerdict('Send message', { op: extra })).toEqual([
      'stateEncodesV1 1 > spec 0',
      'stateEncodesV1 1 > reference 0',
    ])
    const silent = (p: ReplicaPair): Captured => {
      addMember(p.sender, p.w.member(), SENDER_CLIENT)
      return new Uint8Array()
    }
    expect(await syncVerdict('Add member', { op: silent })).toEqual([
      'sender encodes 0 of 1 transactions',
      'receiver applies 0, spec 1',
    ])
  })
})
