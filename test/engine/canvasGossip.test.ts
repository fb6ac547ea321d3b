/**
 * The spec's four canvas gossip kinds as bytes: round trips, every truncation rejected, arbitrary
 * bytes never crash the decoder; the replica answers them; remote cursors throttled to 10 Hz.
 */
import * as Y from 'yjs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { labErrorOf } from './labErrorOf.ts'
import { addShape, CANVAS, canvasTrio, G } from './canvasNet.ts'
import {
  decodeCanvasGossip,
  encodeCanvasGossip,
  type CanvasGossipMessage,
} from '../../src/engine/concerns/canvas/gossip.ts'
import { isLabError } from '../../src/engine/base/errors.ts'
import type { SmallWorld } from '../../src/sim/smallWorld.ts'

/** One message of each kind, with real Yjs payloads from alice's canvas. */
function samples(net: SmallWorld): CanvasGossipMessage[] {
  const doc = net.r('alice').ydoc(CANVAS)
  const update = Y.encodeStateAsUpdate(doc)
  return [
    { kind: 'operation', update },
    { kind: 'cursor', cursor: { member: 'alice', x: 12.5, y: -3, t: 1767225600123 } },
    { kind: 'stateRequest', stateVector: Y.encodeStateVector(new Y.Doc()) },
    { kind: 'stateResponse', update: Y.encodeStateAsUpdate(doc, Y.encodeStateVector(new Y.Doc())) },
  ]
}

function withShape(): SmallWorld {
  const net = canvasTrio('reference')
  addShape(net, 'alice')
  net.settle()
  return net
}

describe('canvas gossip messages', () => {
  it('round-trip every kind', () => {
    for (const m of samples(withShape())) expect(decodeCanvasGossip(encodeCanvasGossip(m), CANVAS)).toEqual(m)
  })

  it('reject every truncation of every kind with CORRUPT_MESSAGE, also as views into a larger buffer', () => {
    for (const m of samples(withShape())) {
      const bytes = encodeCanvasGossip(m)
      const padded = new Uint8Array(bytes.byteLength + 64)
      padded.set(bytes)
      for (let cut = 0; cut < bytes.byteLength; cut++) {
        expect(labErrorOf(() => decodeCanvasGossip(bytes.slice(0, cut), CANVAS)).code, `${m.kind} cut at ${cut}`).toBe(
          'CORRUPT_MESSAGE',
        )
        expect(
          labErrorOf(() => decodeCanvasGossip(padded.subarray(0, cut), CANVAS)).code,
          `${m.kind} view cut at ${cut}`,
        ).toBe('CORRUPT_MESSAGE')
      }
    }
  })

  it('decodes arbitrary bytes into a message that re-encodes to them, or raises CORRUPT_MESSAGE', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 40 }),
          fc.uint8Array({ maxLength: 40 }).map((b) => Uint8Array.of(100 + ((b[0] ?? 0) % 4), ...b)),
        ),
        (bytes) => {
          try {
            const m = decodeCanvasGossip(bytes, CANVAS)
            expect(encodeCanvasGossip(m)).toEqual(bytes)
          } catch (e) {
            expect(isLabError(e, 'CORRUPT_MESSAGE')).toBe(true)
          }
        },
      ),
    )
  })

  it('a replica applies an Operation, answers a StateRequest with a StateResponse, and rejects a truncated one', () => {
    const net = canvasTrio('spec')
    const alice = net.r('alice')
    const bob = net.r('bob')
    addShape(net, 'alice')
    alice.drainOutbox()
    const op = encodeCanvasGossip({ kind: 'operation', update: Y.encodeStateAsUpdate(alice.ydoc(CANVAS)) })
    expect(bob.receive('alice', CANVAS, op)).toMatchObject({ status: 'applied', changed: true })
    expect(bob.query('canvas.elements', G)).toBe(1)
    bob.drainOutbox()
    const request = encodeCanvasGossip({
      kind: 'stateRequest',
      stateVector: Y.encodeStateVector(net.r('carol').ydoc(CANVAS)),
    })
    expect(bob.receive('carol', CANVAS, request)).toMatchObject({ status: 'answered' })
    const [reply] = bob.drainOutbox()
    const response = decodeCanvasGossip(reply!.message, CANVAS)
    expect(response.kind).toBe('stateResponse')
    expect(net.r('carol').receive('bob', CANVAS, reply!.message)).toMatchObject({ status: 'applied' })
    expect(net.r('carol').query('canvas.elements', G)).toBe(1)
    expect(bob.receive('alice', CANVAS, op.subarray(0, op.byteLength - 1))).toMatchObject({
      status: 'rejected',
      error: { code: 'CORRUPT_MESSAGE' },
    })
  })
})

describe('remote cursors', () => {
  const cursorsOf = (net: SmallWorld, peer: string) =>
    net.r(peer).query('canvas.cursors', G) as Record<string, { x: number; y: number; t: number }>

  it(
    'a burst of 100 moves within one second sends at most 10 CursorUpdates per ' +
      'peer, and the last position arrives',
    () => {
      const net = canvasTrio('reference')
      const alice = net.get('alice')
      const start = alice.clock.now()
      const sent: number[] = []
      for (let i = 0; i < 100; i++) {
        alice.replica.execute('canvas.cursor', G, { x: i, y: 2 * i })
        for (const env of alice.replica.drainOutbox()) if (env.kind === 'cursor') sent.push(alice.clock.now() - start)
        alice.clock.advance(10)
      }
      expect(sent.length).toBeLessThanOrEqual(10)
      expect(sent).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900])
      for (let i = 1; i < sent.length; i++) expect(sent[i]! - sent[i - 1]!).toBeGreaterThanOrEqual(100)
      expect(net.r('alice').canvas.dueAt()).toBeDefined()
      alice.clock.set(start + 1000)
      net.settle() // the drain flushes the trailing position once its window has passed
      for (const peer of ['bob', 'carol'])
        expect(cursorsOf(net, peer)).toEqual({ alice: { member: 'alice', x: 99, y: 198, t: start + 1000 } })
      expect(net.r('alice').canvas.dueAt()).toBeUndefined()
      expect(cursorsOf(net, 'alice')).toEqual({})
    },
  )

  it('cursors are never written to the document', () => {
    const net = canvasTrio('spec')
    const before = net.r('alice').encodeState(CANVAS)
    net.r('alice').execute('canvas.cursor', G, { x: 1, y: 1 })
    net.settle()
    expect(net.r('alice').encodeState(CANVAS)).toEqual(before)
    expect(net.r('bob').encodeState(CANVAS)).toEqual(before)
  })

  it("an older cursor does not replace a newer one; another member's or a non-member's cursor is refused", () => {
    const net = canvasTrio('reference')
    const bob = net.r('bob')
    const msg = (member: string, x: number, t: number) =>
      encodeCanvasGossip({ kind: 'cursor', cursor: { member, x, y: 0, t } })
    expect(bob.receive('alice', CANVAS, msg('alice', 2, 200))).toMatchObject({ status: 'ephemeral' })
    bob.receive('alice', CANVAS, msg('alice', 1, 100))
    expect(cursorsOf(net, 'bob')).toEqual({ alice: { member: 'alice', x: 2, y: 0, t: 200 } })
    expect(bob.receive('alice', CANVAS, msg('carol', 5, 300))).toMatchObject({
      status: 'rejected',
      error: { code: 'FORBIDDEN' },
    })
    expect(bob.receive('mallory', CANVAS, msg('mallory', 5, 300))).toMatchObject({
      status: 'rejected',
      error: { code: 'FORBIDDEN' },
    })
    expect(Object.keys(cursorsOf(net, 'bob'))).toEqual(['alice'])
  })
})
