import { describe, expect, it } from 'vitest'
import {
  concatBytes,
  crc32Of,
  FRAME_HEADER_BYTES,
  frameRecord,
  readFrames,
} from '../../../src/engine/store/logFrames.ts'
import { labErrorOf } from '../labErrorOf.ts'

const bytes = (...xs: number[]): Uint8Array => Uint8Array.from(xs)
const payloads = [bytes(1, 2, 3), bytes(9), bytes(...Array.from({ length: 300 }, (_, i) => i & 0xff))]
const log = concatBytes(payloads.map(frameRecord))
/** Where each record ends. */
const ends = payloads.map((_, i) => payloads.slice(0, i + 1).reduce((n, p) => n + FRAME_HEADER_BYTES + p.length, 0))

describe('log framing', () => {
  it('uses CRC-32 (IEEE): the standard check value of "123456789" is cbf43926', () => {
    expect(crc32Of(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
  })

  it('frames a record as [u32 LE length][u32 LE crc32][u32 LE crc32 of those 8 bytes][payload]', () => {
    const r = frameRecord(bytes(0xaa, 0xbb))
    const view = new DataView(r.buffer)
    expect(r.length).toBe(FRAME_HEADER_BYTES + 2)
    expect(FRAME_HEADER_BYTES).toBe(12)
    expect(view.getUint32(0, true)).toBe(2)
    expect(view.getUint32(4, true)).toBe(crc32Of(bytes(0xaa, 0xbb)))
    expect(view.getUint32(8, true)).toBe(crc32Of(r.subarray(0, 8)))
    expect([...r.subarray(12)]).toEqual([0xaa, 0xbb])
  })

  it('reads back every record of an intact log', () => {
    expect(readFrames(log)).toEqual({ records: payloads, goodBytes: log.length, droppedBytes: 0, torn: false })
    expect(readFrames(new Uint8Array(0))).toEqual({ records: [], goodBytes: 0, droppedBytes: 0, torn: false })
  })

  it('drops a tail cut at any byte as torn, keeping the whole records before it', () => {
    for (let cut = 0; cut < log.length; cut++) {
      const scan = readFrames(log.subarray(0, cut))
      const whole = ends.filter((end) => end <= cut).length
      expect(scan.records).toEqual(payloads.slice(0, whole))
      expect(scan.goodBytes).toBe(whole === 0 ? 0 : ends[whole - 1])
      expect(scan.droppedBytes).toBe(cut - scan.goodBytes)
      expect(scan.torn).toBe(cut !== scan.goodBytes)
      expect(scan.damage).toBeUndefined()
    }
  })

  it('calls any flipped bit before the last record damage, never a torn tail', () => {
    for (let bit = 0; bit < ends[1]! * 8; bit++) {
      const damaged = log.slice()
      damaged[bit >> 3] = damaged[bit >> 3]! ^ (1 << (bit & 7))
      const scan = readFrames(damaged)
      const record = bit >> 3 < ends[0]! ? 0 : 1
      expect(scan.torn, `bit ${bit}`).toBe(false)
      expect(scan.damage?.offset, `bit ${bit}`).toBe(record === 0 ? 0 : ends[0])
      expect(scan.damage?.nextWhole, `bit ${bit}`).toBe(ends[record])
      expect(scan.records).toEqual(payloads.slice(0, record))
    }
  })

  it('calls a flipped bit in the last record a torn tail', () => {
    for (let bit = ends[1]! * 8; bit < log.length * 8; bit += 7) {
      const damaged = log.slice()
      damaged[bit >> 3] = damaged[bit >> 3]! ^ (1 << (bit & 7))
      expect(readFrames(damaged), `bit ${bit}`).toMatchObject({ records: payloads.slice(0, 2), torn: true })
    }
  })

  it('treats a zero-filled tail (a file extended by a crash) as a torn tail, not as empty records', () => {
    const scan = readFrames(concatBytes([log, new Uint8Array(64)]))
    expect(scan.records).toEqual(payloads)
    expect(scan).toMatchObject({ droppedBytes: 64, torn: true })
  })

  it('treats a length that runs past the end as a torn record when the header is whole', () => {
    const r = frameRecord(bytes(5, 6, 7))
    const view = new DataView(r.buffer)
    view.setUint32(0, 1_000_000, true)
    view.setUint32(8, crc32Of(r.subarray(0, 8)), true)
    expect(readFrames(concatBytes([log, r]))).toMatchObject({ records: payloads, droppedBytes: r.length, torn: true })
  })

  it('refuses to frame an empty payload', () => {
    const e = labErrorOf(() => frameRecord(new Uint8Array(0)))
    expect(e.code).toBe('INVALID_ARG')
    expect(e.message).toMatch(/empty update/)
  })
})
