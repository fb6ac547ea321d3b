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

describe('log framing', () => {
  it('uses CRC-32 (IEEE): the standard check value of "123456789" is cbf43926', () => {
    expect(crc32Of(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
  })

  it('frames a record as [u32 LE length][u32 LE crc32][payload]', () => {
    const r = frameRecord(bytes(0xaa, 0xbb))
    const view = new DataView(r.buffer)
    expect(r.length).toBe(FRAME_HEADER_BYTES + 2)
    expect(view.getUint32(0, true)).toBe(2)
    expect(view.getUint32(4, true)).toBe(crc32Of(bytes(0xaa, 0xbb)))
    expect([...r.subarray(8)]).toEqual([0xaa, 0xbb])
  })

  it('reads back every record of an intact log', () => {
    expect(readFrames(log)).toEqual({ records: payloads, goodBytes: log.length, droppedBytes: 0, torn: false })
    expect(readFrames(new Uint8Array(0))).toEqual({ records: [], goodBytes: 0, droppedBytes: 0, torn: false })
  })

  it('drops a tail cut at any byte, keeping the whole records before it', () => {
    const ends = [11, 20, log.length] // where each record ends
    for (let cut = 0; cut < log.length; cut++) {
      const scan = readFrames(log.subarray(0, cut))
      const whole = ends.filter((end) => end <= cut).length
      expect(scan.records).toEqual(payloads.slice(0, whole))
      expect(scan.goodBytes).toBe(whole === 0 ? 0 : ends[whole - 1])
      expect(scan.droppedBytes).toBe(cut - scan.goodBytes)
      expect(scan.torn).toBe(cut !== scan.goodBytes)
    }
  })

  it('stops at the first record that fails its checksum and drops everything after it', () => {
    const damaged = log.slice()
    damaged[11 + FRAME_HEADER_BYTES] = damaged[11 + FRAME_HEADER_BYTES]! ^ 0x01 // payload of record 2
    expect(readFrames(damaged)).toMatchObject({
      records: [payloads[0]],
      goodBytes: 11,
      droppedBytes: log.length - 11,
      torn: true,
    })
  })

  it('treats a zero-filled tail (a file extended by a crash) as damage, not as empty records', () => {
    const scan = readFrames(concatBytes([log, new Uint8Array(64)]))
    expect(scan.records).toEqual(payloads)
    expect(scan.droppedBytes).toBe(64)
  })

  it('treats a length that runs past the end as a torn record', () => {
    const r = frameRecord(bytes(5, 6, 7))
    new DataView(r.buffer).setUint32(0, 1_000_000, true)
    expect(readFrames(concatBytes([log, r]))).toMatchObject({ records: payloads, droppedBytes: r.length })
  })

  it('refuses to frame an empty payload', () => {
    const e = labErrorOf(() => frameRecord(new Uint8Array(0)))
    expect(e.code).toBe('INVALID_ARG')
    expect(e.message).toMatch(/empty update/)
  })
})
