/**
 * A signed entry's bytes (sync/signedMessages.ts `encodeEntry`, its log record and the key its
 * digest is taken of) are exactly what the wire's lib0 writer writes for it, and read back whole:
 * a property over signers (any UTF-16, lone surrogates included) and byte lengths around the
 * var-uint steps (127/128, 16383/16384).
 */
import { describe, expect } from 'vitest'
import { fc, it } from '@fast-check/vitest'
import * as encoding from 'lib0/encoding'
import { decodeEntry, encodeEntry, writeEntry } from '../../src/engine/sync/signedMessages.ts'

const lengths = fc.constantFrom(0, 1, 63, 64, 127, 128, 300, 16383, 16384, 20000)
/** `n` bytes from a seed (large arrays drawn byte by byte made shrinking take a minute). */
const bytes = fc
  .tuple(lengths, fc.integer({ min: 0, max: 255 }))
  .map(([n, seed]) => Uint8Array.from({ length: n }, (_, i) => (seed + i * 31) & 0xff))
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0

describe('signed entry bytes', () => {
  it.prop([fc.string({ unit: 'binary', maxLength: 200 }), bytes, bytes], { numRuns: 100 })(
    "are lib0's writeEntry bytes, and decode back",
    (signer, signature, update) => {
      const x = { signer, signature, update }
      const e = encoding.createEncoder()
      writeEntry(e, x)
      const mine = encodeEntry(x)
      expect(same(mine, encoding.toUint8Array(e))).toBe(true)
      const back = decodeEntry(mine)
      expect(same(back.signature, signature) && same(back.update, update)).toBe(true)
    },
  )
})
