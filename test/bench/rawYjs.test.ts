/** Smoke tests of the raw Yjs baselines at tiny sizes: shapes, sizes and determinism, never timings. */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { B3_CASES, b3ClientIds, b3Clients, b3ProfileMeasures, b3Rows, prepareB3 } from '../../bench/b3.ts'
import { plugProfile, runRow } from '../../bench/harness.ts'
import { chatDoc, coreDoc, issuesDoc, kanbanDoc } from '../../bench/rawYjs/documents.ts'
import { yjsB3Factory } from '../../bench/rawYjs/b3Crdt.ts'
import { memBytes } from '../../bench/rawYjs/memory.ts'
import { GROWERS, itemsWithin } from '../../bench/rawYjs/scalability.ts'
import { meanBytes, ReplicaPair, sizesOf, SYNC_OPS } from '../../bench/rawYjs/syncOps.ts'
import { memberTombstoneBytes } from '../../bench/rawYjs/tombstone.ts'
import { Workload } from '../../bench/workloads.ts'
import { specRows } from '../../bench/rows.ts'

const encode = (d: Y.Doc): Uint8Array => Y.encodeStateAsUpdate(d)

describe('raw Yjs documents', () => {
  it('write the spec schemas deterministically, with pinned clientIDs only', () => {
    const a = encode(chatDoc(new Workload('t'), 30))
    const b = encode(chatDoc(new Workload('t'), 30))
    expect(a).toEqual(b)
    const doc = coreDoc(new Workload('t', 5), 5, 77)
    const clients = [...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()]
    expect(clients.every((c) => c >= 1 && c <= 5)).toBe(true)
    const member = doc.getMap('members').values().next().value as Y.Map<unknown>
    expect([...member.keys()].sort()).toEqual([
      'ack_vector',
      'deleted',
      'deleted_at',
      'deleted_by',
      'joined_at',
      'member_id',
      'role',
    ])
  })

  it('builds every concern, bigger with more items', () => {
    for (const build of [coreDoc, chatDoc, kanbanDoc, issuesDoc]) {
      const small = encode(build(new Workload('t'), 5)).byteLength
      const large = encode(build(new Workload('t'), 20)).byteLength
      expect(large).toBeGreaterThan(small)
    }
    const issues = issuesDoc(new Workload('t'), 10).getMap<Y.Map<unknown>>('issues')
    expect(issues.size).toBe(10)
    expect([...issues.values()][0]!.get('comments')).toBeInstanceOf(Y.Array)
  })
})

describe('raw Yjs sync operations', () => {
  it('capture update bytes in both encodings and keep the receiver in step', () => {
    const make = (): ReplicaPair => ReplicaPair.chat(20)
    const send = meanBytes(make, (p) => p.send())
    expect(send.v1).toBeGreaterThan(50)
    expect(send.v2).toBeGreaterThan(50)
    const pair = make()
    pair.send(false)
    const newest = [...pair.sender.getMap('messages').keys()].at(-1)!
    pair.tombstone()
    const acks = (d: Y.Doc): unknown =>
      ((d.getMap('messages').get(newest) as Y.Map<unknown>).get('ack_vector') as Y.Map<unknown>).toJSON()
    expect(Object.keys(acks(pair.receiver) as object)).toHaveLength(1) // the receiver acked on receipt
    expect(acks(pair.sender)).toEqual({}) // held until the prune integrates it
    const deleted = (d: Y.Doc): unknown => (d.getMap('messages').get(newest) as Y.Map<unknown>).get('deleted')
    expect([deleted(pair.sender), deleted(pair.receiver)]).toEqual([true, true])
    const receiverWrote = (): boolean => Y.decodeStateVector(Y.encodeStateVector(pair.sender)).has(900_102)
    expect(receiverWrote()).toBe(false)
    const sender = pair.sender.getMap('messages')
    const prune = pair.prune()
    expect(prune.byteLength).toBeGreaterThan(0) // Yjs emits a delete-set update; the spec claims 0 bytes
    expect(receiverWrote()).toBe(true)
    expect(sender.has(newest)).toBe(false)
    expect(pair.receiver.getMap('messages').size).toBe(sender.size + 1) // pruning is local
  })

  it.each(Object.keys(SYNC_OPS))('%s: V2 sizes converted untimed are the sizes of the updateV2 event', (row) => {
    const op = SYNC_OPS[row as keyof typeof SYNC_OPS]
    const pair = row === 'Add member' ? ReplicaPair.core(10) : ReplicaPair.chat(20)
    for (let i = 0; i < 5; i++) {
      if ('prep' in op) op.prep(pair)
      let native: Uint8Array = new Uint8Array()
      const on = (u: Uint8Array): void => {
        native = u
      }
      pair.sender.on('updateV2', on)
      const captured = op.op(pair)
      pair.sender.off('updateV2', on)
      expect(sizesOf(captured)).toEqual({ v1: captured.byteLength, v2: native.byteLength })
    }
  })
})

describe('raw Yjs scalability and tombstones', () => {
  it('counts the items that fit under a limit', () => {
    const limit = 20_000
    const n = itemsWithin(limit, GROWERS.core())
    expect(n).toBeGreaterThan(10)
    const w = new Workload('bench:scale:core')
    expect(encode(coreDoc(w, n)).byteLength).toBeLessThanOrEqual(limit * 1.02)
  })

  it.each(['first', 'later'] as const)('grows a tombstone with its ack vector (%s)', (moment) => {
    const five = memberTombstoneBytes(5, moment)
    const twenty = memberTombstoneBytes(20, moment)
    expect(five).toBeGreaterThan(0)
    expect(twenty).toBeGreaterThan(five)
  })

  it("measures a later tombstone on the same ack vector's work, minus each acker's first write", () => {
    // The spec's acks are per tombstone: a later one costs what the first did, but the clients'
    // headers, which the earlier acks wrote (a measure that skipped the acks would be far smaller).
    const first = memberTombstoneBytes(20, 'first')
    const later = memberTombstoneBytes(20, 'later')
    expect(later).toBeLessThan(first)
    expect(later).toBeGreaterThan(first * 0.8)
  })

  it('measures heap in a child process', async () => {
    expect(await memBytes('core', 10, 1)).toBeGreaterThan(0)
  })
})

describe('crdt-benchmarks B3 with raw Yjs', () => {
  it('merges concurrent writes from 20·⌊√N⌋ clients into one agreed map or array', () => {
    expect(b3Clients(6000)).toBe(1540)
    for (const c of B3_CASES) {
      const p = prepareB3(yjsB3Factory, c, 16)
      expect(p.clients).toBe(80)
      expect(p.updates).toHaveLength(80)
      expect(c.read(yjsB3Factory.load(999, p.state))).toEqual(p.reference)
      if (c.shape === 'map') expect(Object.keys(p.reference as object)).toEqual(['v'])
      else expect([...(p.reference as string[])].sort()).toEqual(Array.from({ length: 80 }, (_, i) => String(i)).sort())
    }
  })

  it('draws clientIDs as Yjs does, from a seeded generator: distinct 32-bit values, the same every run', () => {
    const ids = b3ClientIds(1540, 'random')
    expect(ids).toHaveLength(1542)
    expect(new Set(ids).size).toBe(1542)
    expect(ids.every((id) => Number.isInteger(id) && id > 0 && id < 2 ** 32)).toBe(true)
    expect(Math.max(...ids)).toBeGreaterThan(2 ** 31) // the whole 32-bit range, not a small-int slice
    expect(b3ClientIds(1540, 'random')).toEqual(ids)
    expect(b3ClientIds(760, 'random').slice(0, 760)).toEqual(ids.slice(0, 760))
    expect(b3ClientIds(4, 'ascending')).toEqual([1, 2, 3, 4, 5, 6])
    const p = prepareB3(yjsB3Factory, B3_CASES[0]!, 16)
    const writers = new Set(p.ids.slice(0, p.clients))
    expect(Y.decodeUpdateV2(p.state).structs.every((s) => writers.has(s.id.client))).toBe(true)
  })

  it('merges ascending ids (the worst-case rows) into a state of their own', () => {
    const c = B3_CASES[3]!
    const random = prepareB3(yjsB3Factory, c, 400)
    const ascending = prepareB3(yjsB3Factory, c, 400, 'ascending')
    expect(random.state).not.toEqual(ascending.state)
    expect(random.reference).not.toEqual(ascending.reference)
  })

  it('gives every case a random-id row and an ascending-id row, only the first for engine profiles', async () => {
    const rows = b3Rows(yjsB3Factory, 16)
    expect(new Set(rows.map((r) => r.row)).size).toBe(2 * B3_CASES.length)
    expect(rows.filter((r) => r.row.endsWith('(ascending clientIDs)'))).toHaveLength(4 * B3_CASES.length)
    const plugged = plugProfile(rows, 'reference', b3ProfileMeasures({ ...yjsB3Factory, name: 'reference' }, 16))
    const docBytes = plugged.find((r) => r.metric === 'docBytes')!
    const row = await runRow(docBytes)
    expect(row.measured.reference).toBe(row.rawYjs)
    expect(rows.find((r) => r.metric === 'loadMs')!.note).toMatch(/^load: .*not the suite's parseTime/)
    expect(rows.find((r) => r.metric === 'cpuMs')!.note).toMatch(/^merge: /)
    const random = plugged.filter((r) => !r.row.endsWith('(ascending clientIDs)'))
    expect(random.every((r) => r.measure.reference !== undefined)).toBe(true)
  })
})

describe('spec rows', () => {
  it('give every claim of the spec a raw Yjs measure, with the spec row names', () => {
    const rows = specRows({ quick: true })
    expect(rows.map((r) => r.row)).toEqual(
      expect.arrayContaining([
        'core (100 members)',
        'chat (1000 messages)',
        'Delete (tombstone)',
        'Full entity sync',
        'Issues',
        'Total for 100 members',
        "Total for 100 members (the document's first tombstone)",
      ]),
    )
    expect(new Set(rows.map((r) => `${r.table}/${r.row}/${r.metric}`)).size).toBe(rows.length)
    expect(rows.every((r) => r.measure.rawYjs !== undefined)).toBe(true)
  })
})
