import { describe, expect, it } from 'vitest'
import { parseDocId } from '../../../src/engine/base/ids.ts'
import { metaFor, parseMeta, sha256Hex, storedDocFrom, verifySnapshot } from '../../../src/engine/store/docMeta.ts'
import { frameRecord } from '../../../src/engine/store/logFrames.ts'
import { labErrorOf } from '../labErrorOf.ts'

const doc = parseDocId('channel:bright-river-wind-star:chat')
const snapshot = Uint8Array.of(1, 2, 3, 4)
const meta = metaFor(doc, 3, snapshot, 42)

describe('document meta', () => {
  it('records the generation, the snapshot length and its SHA-256', () => {
    expect(meta).toEqual({
      version: 1,
      docId: doc.docId,
      entityId: doc.entityId,
      concern: 'chat',
      generation: 3,
      snapshotBytes: 4,
      snapshotSha256: sha256Hex(snapshot),
      compactedAt: 42,
    })
    expect(sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(metaFor(doc, 0, null, 7)).toMatchObject({
      generation: 0,
      snapshotBytes: 0,
      snapshotSha256: sha256Hex(new Uint8Array(0)),
    })
  })

  it('parses its own JSON back and drops unknown fields', () => {
    expect(parseMeta(JSON.stringify({ ...meta, extra: true }), doc, 'x.meta')).toEqual(meta)
  })

  it('names the file and every wrong field of a bad meta', () => {
    const e = labErrorOf(() =>
      parseMeta(
        JSON.stringify({ ...meta, docId: 'group:other:chat', generation: -1, snapshotSha256: undefined }),
        doc,
        '/s/chat.meta',
      ),
    )
    expect(e.code).toBe('CORRUPT_STORE')
    expect(e.path).toBe('/s/chat.meta')
    expect(e.message).toMatch(/^\/s\/chat\.meta: /)
    expect(e.message).toMatch(/docId is "group:other:chat" but must be "channel:bright-river-wind-star:chat"/)
    expect(e.message).toMatch(/generation is -1 but must be a non-negative integer/)
    expect(e.message).toMatch(/snapshotSha256 is missing/)
    expect(labErrorOf(() => parseMeta('{"version":1,', doc, 'm')).message).toMatch(/not valid JSON/)
    expect(labErrorOf(() => parseMeta('[]', doc, 'm')).message).toMatch(/JSON object/)
    expect(labErrorOf(() => parseMeta(JSON.stringify({ ...meta, generation: 0 }), doc, 'm')).message).toMatch(
      /generation 0 has no snapshot/,
    )
  })

  it('tells a truncated snapshot from an altered one', () => {
    expect(labErrorOf(() => verifySnapshot(meta, snapshot.subarray(0, 2), 's.yrs')).message).toMatch(
      /is 2 bytes but its meta records 4/,
    )
    expect(labErrorOf(() => verifySnapshot(meta, Uint8Array.of(1, 2, 3, 5), 's.yrs')).message).toMatch(
      /has SHA-256 [0-9a-f]{64} but its meta records/,
    )
    expect(() => verifySnapshot(meta, snapshot, 's.yrs')).not.toThrow()
  })

  it('assembles a loaded document, refusing a missing snapshot the meta points at', () => {
    const loaded = storedDocFrom(meta, snapshot, frameRecord(Uint8Array.of(9, 9)), 's.yrs', 's.log')
    expect(loaded).toEqual({
      meta,
      snapshot,
      updates: [Uint8Array.of(9, 9)],
      recovery: { tornTail: false, droppedBytes: 0 },
    })
    expect(labErrorOf(() => storedDocFrom(meta, null, new Uint8Array(0), 's.3.yrs', 's.3.log')).message).toMatch(
      /^s\.3\.yrs: snapshot of generation 3 is missing/,
    )
  })
})
