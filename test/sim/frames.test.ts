import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import * as encoding from 'lib0/encoding'
import { crc32 } from 'node:zlib'
import { LabError } from '../../src/engine/base/errors.ts'
import { Rng } from '../../src/engine/base/providers.ts'
import { labErrorOf } from './labErrors.ts'
import { bitflip, corruptBytes, decodeFrame, encodeFrame, garbage, truncate, type Frame } from '../../src/sim/frames.ts'

const frame: Frame = {
  kind: 'update',
  entityId: 'group:ocean-forest-moon-star',
  docId: 'group:ocean-forest-moon-star:chat',
  payload: Uint8Array.of(1, 2, 3, 250),
}

/** The CORRUPT_MESSAGE error `f` throws; fails the test on success or any other exception. */
const corruptError = (f: () => unknown) => labErrorOf(f, 'CORRUPT_MESSAGE')

const idPart = fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}$/)
const frameArb: fc.Arbitrary<Frame> = fc
  .record({
    kind: fc.stringMatching(/^[a-z][a-zA-Z0-9._-]{0,20}$/),
    type: fc.constantFrom('group', 'channel', 'project', 'organization'),
    id: idPart,
    concern: fc.constantFrom('core', 'chat', 'canvas', null),
    payload: fc.uint8Array({ maxLength: 300 }),
  })
  .map(({ kind, type, id, concern, payload }) => ({
    kind,
    entityId: `${type}:${id}` as Frame['entityId'],
    docId: concern === null ? null : (`${type}:${id}:${concern}` as Frame['docId']),
    payload,
  }))

/** A frame with a valid checksum over arbitrary body bytes: what an encoder bug would send. */
const sealed = (build: (enc: encoding.Encoder) => void): Uint8Array => {
  const enc = encoding.createEncoder()
  build(enc)
  const body = encoding.toUint8Array(enc)
  const out = new Uint8Array(body.length + 4)
  out.set(body)
  new DataView(out.buffer).setUint32(body.length, crc32(body))
  return out
}

describe('frames', () => {
  it('round-trips a frame, with and without a document', () => {
    expect(decodeFrame(encodeFrame(frame))).toEqual(frame)
    const entityWide = { ...frame, docId: null }
    expect(decodeFrame(encodeFrame(entityWide))).toEqual(entityWide)
  })

  it('round-trips any frame (property)', () => {
    fc.assert(
      fc.property(frameArb, (f) => {
        expect(decodeFrame(encodeFrame(f))).toEqual(f)
      }),
    )
  })

  it('refuses to encode a kind the decoder would reject', () => {
    expect(() => encodeFrame({ ...frame, kind: 'Bad Kind' })).toThrow(LabError)
  })

  it('detects each corruption mode, saying what failed', () => {
    const bytes = encodeFrame(frame)
    const rng = new Rng(1)
    expect(corruptError(() => decodeFrame(truncate(bytes, rng))).message).toMatch(/shorter|checksum/)
    expect(corruptError(() => decodeFrame(bitflip(bytes, rng))).message).toMatch(/checksum mismatch/)
    expect(corruptError(() => decodeFrame(garbage(bytes, rng))).message).toMatch(/checksum mismatch/)
    expect(corruptError(() => decodeFrame(new Uint8Array(0))).message).toMatch(/0 bytes is shorter/)
  })

  it('rejects well-sealed frames with a bad version, kind, id, document or trailing bytes', () => {
    const fields = (version: number, kind: string, entity: string, doc: string) => (enc: encoding.Encoder) => {
      encoding.writeVarUint(enc, version)
      encoding.writeVarString(enc, kind)
      encoding.writeVarString(enc, entity)
      encoding.writeVarString(enc, doc)
      encoding.writeVarUint8Array(enc, Uint8Array.of(1))
    }
    const cases: Array<[Uint8Array, RegExp]> = [
      [sealed(fields(2, 'update', 'group:a', '')), /unsupported frame version 2/],
      [sealed(fields(1, 'Up Date', 'group:a', '')), /not a valid kind/],
      [sealed(fields(1, 'update', 'team:a', '')), /invalid id/],
      [sealed(fields(1, 'update', 'group:a', 'group:b:chat')), /does not belong/],
      [sealed((enc) => (fields(1, 'update', 'group:a', '')(enc), encoding.writeUint8(enc, 7))), /1 trailing bytes/],
      // A string that claims 100 bytes where 2 remain.
      [
        sealed(
          (enc) => (
            encoding.writeVarUint(enc, 1), encoding.writeVarString(enc, 'update'), encoding.writeVarUint(enc, 100)
          ),
        ),
        /structure is damaged/,
      ],
    ]
    for (const [bytes, message] of cases) expect(corruptError(() => decodeFrame(bytes)).message).toMatch(message)
  })

  it('every corruption changes the bytes and leaves the input alone', () => {
    const bytes = encodeFrame(frame)
    const copy = bytes.slice()
    const rng = new Rng('modes')
    for (let i = 0; i < 300; i++) {
      const { bytes: out } = corruptBytes(bytes, rng)
      expect(Buffer.compare(out, bytes)).not.toBe(0)
    }
    expect(bytes).toEqual(copy)
    expect(corruptBytes(new Uint8Array(0), rng)).toMatchObject({ mode: 'garbage' })
  })

  it('random corruption of a random frame is always rejected with CORRUPT_MESSAGE (property)', () => {
    fc.assert(
      fc.property(frameArb, fc.integer(), (f, seed) => {
        const { bytes } = corruptBytes(encodeFrame(f), new Rng(seed))
        corruptError(() => decodeFrame(bytes))
      }),
      { numRuns: 1000 },
    )
  })

  it('arbitrary bytes are rejected with CORRUPT_MESSAGE, never another exception (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => void corruptError(() => decodeFrame(bytes))),
      { numRuns: 1000 },
    )
  })
})
