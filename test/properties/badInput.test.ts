/**
 * Bad input at every sync entry point, generated: garbage bytes, and truncations and bit flips
 * of real messages of every kind (update, step 1, step 2, digest, and the canvas gossip kinds),
 * for every document of an entity. A replica never throws and never half-applies: a rejected
 * message leaves the document's state vector and content byte-identical, and whatever it
 * accepted still reads. Prints how many inputs it tried.
 */
import * as Y from 'yjs'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { SmallWorld } from '../../src/sim/smallWorld.ts'
import { encodeSyncMessage } from '../../src/engine/sync/messages.ts'
import { encodeCanvasGossip } from '../../src/engine/concerns/canvas/gossip.ts'
import { digestOf } from '../../src/engine/replica/receive.ts'
import type { DocId } from '../../src/engine/base/ids.ts'

const P = 'project:bad'
/** What a refusal may be: the pipeline's structural codes, and the signature stage's (reference). */
const STRUCTURAL = ['CORRUPT_MESSAGE', 'CORRUPT_UPDATE', 'UPDATE_TOO_LARGE', 'CAP_EXCEEDED', 'FORBIDDEN', 'INVALID_ARG']
const SIGNATURE = ['UNSIGNED', 'BAD_SIGNATURE', 'IMPERSONATION', 'EQUIVOCATION']
const REFUSED = new RegExp(`^(${[...STRUCTURAL, ...SIGNATURE].join('|')})$`)
const tried = { inputs: 0, rejected: 0, applied: 0 }

/** A project where alice has written to every concern; bob holds the same state. */
function world() {
  const net = new SmallWorld({ profile: 'reference', seed: 3 })
  net.add('alice')
  net.add('bob')
  const a = net.r('alice')
  a.createEntity(P, { members: { bob: 'admin' } })
  net.replicateEntity('alice', P)
  const m = a.execute('chat.send', P, { content: 'hello' }).createdId!
  a.execute('chat.edit', P, { message: m, content: 'hello again' })
  const col = a.execute('kanban.addColumn', P, { title: 'todo' }).createdId!
  a.execute('kanban.addCard', P, { column: col, title: 'card' })
  a.execute('issues.create', P, { title: 'bug' })
  a.execute('canvas.add', P, { elementType: 'shape', x: 1, y: 2, width: 3, height: 4 })
  a.execute('disk.write', P, { disk: 'public', path: '/readme.md', content: '# hi' })
  net.settle()
  return net
}

/** Real messages of every kind for each document, as alice would send them. */
function samples(net: SmallWorld): { docId: DocId; message: Uint8Array }[] {
  const a = net.r('alice')
  const out: { docId: DocId; message: Uint8Array }[] = []
  for (const docId of a.docIds(P)) {
    const doc = a.ydoc(docId)
    const update = Y.encodeStateAsUpdate(doc)
    const sv = Y.encodeStateVector(doc)
    out.push({ docId, message: encodeSyncMessage({ type: 'update', update }) })
    out.push({ docId, message: encodeSyncMessage({ type: 'step2', update }) })
    // What the reference sends: the original signed updates (an unsigned update is refused as UNSIGNED).
    const entries = a.sync.authorship?.allEntries(docId) ?? []
    if (entries.length > 0) out.push({ docId, message: encodeSyncMessage({ type: 'signed', entries }) })
    out.push({ docId, message: encodeSyncMessage({ type: 'step1', stateVector: sv }) })
    out.push({ docId, message: encodeSyncMessage(digestOf(a.docs.get(docId))) })
    if (docId.endsWith(':canvas')) {
      out.push({ docId, message: encodeCanvasGossip({ kind: 'operation', update }) })
      out.push({ docId, message: encodeCanvasGossip({ kind: 'stateRequest', stateVector: sv }) })
      out.push({
        docId,
        message: encodeCanvasGossip({ kind: 'cursor', cursor: { member: 'alice', x: 1, y: 2, t: 3 } }),
      })
    }
  }
  return out
}

const fingerprint = (net: SmallWorld, docId: DocId) =>
  Buffer.from(net.r('bob').encodeState(docId)).toString('hex') + [...net.r('bob').stateVector(docId)].join()

type Damage =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; bit: number }
  | { kind: 'garbage'; bytes: Uint8Array }
  | { kind: 'splice'; at: number; bytes: Uint8Array }

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.nat().map((at) => ({ kind: 'truncate' as const, at })),
  fc.nat().map((bit) => ({ kind: 'flip' as const, bit })),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ kind: 'garbage' as const, bytes })),
  fc
    .tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 }))
    .map(([at, bytes]) => ({ kind: 'splice' as const, at, bytes })),
)

function apply(d: Damage, msg: Uint8Array): Uint8Array {
  switch (d.kind) {
    case 'truncate':
      return msg.subarray(0, d.at % msg.byteLength)
    case 'flip': {
      const out = new Uint8Array(msg)
      const bit = d.bit % (msg.byteLength * 8)
      out[bit >> 3]! ^= 1 << (bit & 7)
      return out
    }
    case 'garbage':
      return d.bytes
    case 'splice': {
      const at = d.at % msg.byteLength
      return new Uint8Array([...msg.subarray(0, at), ...d.bytes, ...msg.subarray(at)])
    }
  }
}

describe('bad input never half-applies and never crashes a replica', () => {
  afterAll(() => {
    console.log(
      `bad-input properties: ${tried.inputs} inputs tried, ${tried.rejected} ` +
        `rejected, ${tried.applied} applied as whole valid updates`,
    )
  })

  it('at every entry point, for every document and message kind', () => {
    const base = world()
    const msgs = samples(base)
    fc.assert(
      fc.property(fc.nat(msgs.length - 1), damage, (i, d) => {
        const net = world()
        const { docId, message } = msgs[i]!
        const before = fingerprint(net, docId)
        const bytes = apply(d, message)
        let result
        expect(() => (result = net.r('bob').receive('alice', docId, bytes))).not.toThrow()
        tried.inputs++
        if (result!.status === 'rejected') {
          tried.rejected++
          expect(result!.error.code).toMatch(REFUSED)
          expect(fingerprint(net, docId)).toBe(before)
        } else {
          tried.applied++
          expect(() => net.r('bob').query('chat.list', P)).not.toThrow()
        }
        // the replica keeps working
        net.r('bob').execute('chat.send', P, { content: 'still here' })
      }),
      { numRuns: 300, seed: 20261125 },
    )
    expect(tried.rejected).toBeGreaterThan(100)
  })
})
