/**
 * What a reference writer records of the core's state vector (reference/causalSv.ts): the clients
 * that wrote membership ops, and for a removal the removed member's, however many members wrote
 * in the core. Whether fencing and revival still decide as before is the oracle's and the
 * mutation suite's (fenceByCoreOnly, fenceForgetsRevive) to say; this holds the sizes.
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { SmallWorld } from '../../src/sim/smallWorld.ts'
import { restrictSv } from '../../src/engine/reference/causalSv.ts'
import { parseClientKey } from '../../src/engine/base/yjsInternals.ts'

const G = 'group:causal'
const CORE = `${G}:core` as const

interface StoredEntry {
  k: string
  sv: Record<string, Record<string, number>>
}

/** alice owns G with `n` members, each of whom has written in the core (acked a removal there). */
function coreWritten(n: number): SmallWorld {
  const net = new SmallWorld({ profile: 'reference' })
  const names = Array.from({ length: n + 1 }, (_, i) => `m${i}`)
  net.add('alice')
  for (const m of names) net.add(m)
  net.r('alice').createEntity(G, { members: Object.fromEntries(names.map((m) => [m, 'member'])) })
  net.replicateEntity('alice', G)
  net.r('alice').execute('member.remove', G, { member: names.at(-1)! })
  net.settle()
  return net
}

/** The membership ops alice's core holds, newest last by stamp. */
function ops(net: SmallWorld): StoredEntry[] {
  const members = net.r('alice').ydoc(CORE).getMap<Y.Map<StoredEntry>>('members')
  const out: StoredEntry[] = []
  for (const frag of members.values()) if (frag instanceof Y.Map) for (const e of frag.values()) out.push(e)
  return out
}

const clientsWritingOps = (net: SmallWorld): Set<number> => {
  const members = net.r('alice').ydoc(CORE).getMap<Y.Map<StoredEntry>>('members')
  const out = new Set<number>()
  for (const frag of members.values())
    if (frag instanceof Y.Map) for (const key of frag.keys()) out.add(parseClientKey(key.split('.')[0]!))
  return out
}

/** Bytes of the update alice publishes for one `member.add` in the core. */
function addBytes(net: SmallWorld): number {
  net.r('alice').drainOutbox()
  net.r('alice').execute('member.add', G, { member: 'newcomer', role: 'member' })
  const sent = net
    .r('alice')
    .drainOutbox()
    .filter((e) => e.docId === CORE)
  return sent[0]!.message.byteLength
}

describe('the causal core state vector of a reference write', () => {
  it('keeps only the clients asked for', () => {
    expect(restrictSv({ '1': 4, a: 2, b: 9 }, new Set([1, 11]))).toEqual({ '1': 4, b: 9 })
  })

  it("names only op writers' clients in an add, however many members wrote in the core", () => {
    const small = coreWritten(4)
    const large = coreWritten(24)
    // With every member's client in it, an add grew by ~5 B per member who ever wrote there.
    expect(Math.abs(addBytes(large) - addBytes(small))).toBeLessThanOrEqual(4)
    const add = ops(large).find((e) => e.k === 'add' && Object.keys(e.sv.core ?? {}).length > 0)!
    const writers = clientsWritingOps(large)
    for (const ck of Object.keys(add.sv.core!)) expect(writers.has(parseClientKey(ck))).toBe(true)
  })

  it("names the removed member's clients in a removal (its writes there are fenced by it)", () => {
    const net = coreWritten(4)
    const m1Clients = new Set(
      [...net.r('alice').ydoc(CORE).getMap<[string, unknown]>('_clients').entries()]
        .filter(([, e]) => e[0] === 'm1')
        .map(([ck]) => parseClientKey(ck)),
    )
    expect(m1Clients.size).toBeGreaterThan(0)
    net.r('alice').execute('member.remove', G, { member: 'm1' })
    const removal = ops(net)
      .filter((e) => e.k === 'remove')
      .at(-1)!
    const named = new Set(Object.keys(removal.sv.core!).map(parseClientKey))
    for (const c of m1Clients) expect(named.has(c)).toBe(true)
    const writers = clientsWritingOps(net)
    for (const c of named) expect(writers.has(c) || m1Clients.has(c)).toBe(true)
  })
})
