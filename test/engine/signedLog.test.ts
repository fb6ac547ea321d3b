/**
 * The signed log of one document (authorship/signedLog.ts): each reason it refuses an entry, the
 * clientID binding, equivocation evidence and the burn it causes, and a log rebuilt from its
 * stored records that agrees with the one that stored them.
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { MemberKeys } from '../../src/engine/authorship/keys.ts'
import { SignedLog } from '../../src/engine/authorship/signedLog.ts'
import { Authorship } from '../../src/engine/authorship/authorship.ts'
import { forgeUpdate } from '../../src/engine/mutants/forgeUpdate.ts'
import { MemoryStore } from '../../src/engine/store/memoryStore.ts'
import { ManualClock } from '../../src/engine/base/providers.ts'
import type { DocId } from '../../src/engine/base/ids.ts'

const DOC: DocId = 'group:g:chat'
const SEED = 'world-7'
const keys = (m: string) => new MemberKeys(SEED, m)

/** A writer: a Y.Doc under `client` that registers itself as `member` first, as the reference does. */
function writer(client: number, member: string) {
  const doc = new Y.Doc()
  doc.clientID = client
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  doc.getMap('_clients').set(client.toString(36), [member, {}])
  return {
    doc,
    updates,
    send(key: string, value: unknown) {
      doc.getMap('messages').set(key, value)
      return updates[updates.length - 1]!
    },
  }
}

const signed = (by: string, update: Uint8Array, signer = by) => ({
  signer,
  signature: keys(by).sign(DOC, update),
  update,
})

function fresh(records: Uint8Array[] = []) {
  const stored: Uint8Array[] = []
  return { log: new SignedLog(DOC, keys('bob'), records, (r) => stored.push(r)), stored }
}

describe('the signed log', () => {
  it('takes an author’s entries, binding its clientID to the signer of its first', () => {
    const a = writer(11, 'alice')
    const first = signed('alice', a.updates[0]!)
    const { log } = fresh()
    const c = log.check(first)
    expect(c.kind).toBe('new')
    if (c.kind === 'new') log.commit(c.entry)
    expect(log.binding.get(11)).toBe('alice')
    expect(log.check(first).kind).toBe('known')
    expect(log.check(signed('alice', a.send('m1', 'hi'))).kind).toBe('new')
  })

  it('refuses an unsigned, a badly signed and an impersonating entry, each counted once', () => {
    const a = writer(11, 'alice')
    const m = writer(22, 'alice') // mallory's client, registered as alice
    const { log } = fresh()
    const ok = log.check(signed('alice', a.updates[0]!))
    if (ok.kind === 'new') log.commit(ok.entry)
    const unsigned = { signer: 'alice', signature: new Uint8Array(), update: a.send('m1', 'x') }
    expect(log.check(unsigned)).toMatchObject({ kind: 'refuse', code: 'UNSIGNED' })
    // mallory names alice as signer over her own signature
    const claimed = signed('mallory', m.updates[0]!, 'alice')
    expect(log.check(claimed)).toMatchObject({ kind: 'refuse', code: 'BAD_SIGNATURE', repeat: false })
    expect(log.check(claimed)).toMatchObject({ kind: 'refuse', repeat: true })
    // mallory signs as herself what registers alice
    expect(log.check(signed('mallory', m.updates[0]!))).toMatchObject({
      kind: 'refuse',
      code: 'IMPERSONATION',
      reason: expect.stringMatching(/registers client m as "alice", signed by mallory/),
    })
    // mallory signs alice's next structs (client 11, bound to alice)
    expect(log.check(signed('mallory', a.send('m2', 'y')))).toMatchObject({
      kind: 'refuse',
      code: 'IMPERSONATION',
      reason: 'client b is bound to alice',
    })
  })

  it('keeps a later entry aside until its client’s first entry binds it', () => {
    const a = writer(11, 'alice')
    const later = signed('alice', a.send('m1', 'x'))
    const { log } = fresh()
    const c = log.check(later)
    expect(c.kind).toBe('defer')
    if (c.kind === 'defer') expect(log.defer(c.entry, 10)).toBe(true)
    const first = log.check(signed('alice', a.updates[0]!))
    if (first.kind === 'new') log.commit(first.entry)
    expect(log.takeDeferred(11)).toEqual([later])
    expect(log.check(later).kind).toBe('new')
  })

  it('takes a second version of a range as evidence and burns the client from there', () => {
    const m = writer(33, 'mallory')
    const { log } = fresh()
    const first = log.check(signed('mallory', m.updates[0]!))
    if (first.kind === 'new') log.commit(first.entry)
    const u = m.send('m1', { content: 'yes' })
    const one = log.check(signed('mallory', u))
    if (one.kind === 'new') log.commit(one.entry)
    const other = signed('mallory', forgeUpdate(u)!)
    expect(log.check(other)).toMatchObject({ kind: 'refuse', code: 'EQUIVOCATION', burn: true })
    expect(log.burned.get(33)).toBe(1)
    expect(log.check(other)).toMatchObject({ kind: 'refuse', repeat: true })
    // the client's next entry lies in the burned range: kept, never integrated
    expect(log.check(signed('mallory', m.send('m2', 'z'))).kind).toBe('burned')
  })

  it('reads back from its records: the same entries, binding, burn and hash', () => {
    const m = writer(33, 'mallory')
    const { log, stored } = fresh()
    for (const u of [m.updates[0]!, m.send('m1', { content: 'yes' })]) {
      const c = log.check(signed('mallory', u))
      if (c.kind === 'new') log.commit(c.entry)
    }
    log.check(signed('mallory', forgeUpdate(m.updates[1]!)!))
    const again = new SignedLog(DOC, keys('bob'), stored, () => undefined)
    expect(again.entries().map((e) => [e.key, e.evidence])).toEqual(log.entries().map((e) => [e.key, e.evidence]))
    expect(again.binding).toEqual(log.binding)
    expect(again.burned).toEqual(log.burned)
    expect(again.hash).toEqual(log.hash)
  })
})

describe('a replica’s authorship', () => {
  it('rebuilds a burned document: the equivocated range and what points into it stand as GC', () => {
    const store = new MemoryStore(new ManualClock())
    const bob = new Authorship('bob', SEED, store)
    const m = writer(33, 'mallory')
    const a = writer(11, 'alice')
    const u = m.send('m1', { content: 'yes' })
    for (const x of [signed('mallory', m.updates[0]!), signed('mallory', u), signed('alice', a.updates[0]!)]) {
      const c = bob.log(DOC).check(x)
      if (c.kind === 'new') bob.log(DOC).commit(c.entry)
    }
    bob.log(DOC).check(signed('mallory', forgeUpdate(u)!))
    const doc = new Y.Doc()
    Y.applyUpdate(doc, bob.rebuiltState(DOC))
    expect(doc.getMap('messages').toJSON()).toEqual({})
    expect(doc.getMap('_clients').toJSON()).toEqual({ b: ['alice', {}], x: ['mallory', {}] })
    expect(Y.decodeStateVector(Y.encodeStateVector(doc))).toEqual(
      new Map([
        [33, 2],
        [11, 1],
      ]),
    )
    // the log outlives the replica: a new one on the same store holds the same entries
    const again = new Authorship('bob', SEED, store)
    expect(again.index(DOC)).toEqual(bob.index(DOC))
  })
})
