/** The file store on a real disk: its layout, and damage a crash or a bad disk leaves behind. */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { parseDocId, type DocId } from '../../../src/engine/base/ids.ts'
import { ManualClock } from '../../../src/engine/base/providers.ts'
import { metaFor } from '../../../src/engine/store/docMeta.ts'
import { FsStore } from '../../../src/engine/store/fsStore.ts'
import { FRAME_HEADER_BYTES } from '../../../src/engine/store/logFrames.ts'
import { labErrorOf } from '../labErrorOf.ts'
import { edit, recordedDoc, replay, view, type RecordedDoc } from './yjsHistory.ts'

const CHAT: DocId = 'group:ocean-forest-moon-star:chat'
const clock = new ManualClock(7)
let store: FsStore
let dir: string
const file = (name: string): string => join(dir, name)

/** Appends `n` fresh updates of `rec` to CHAT and returns them. */
function appendEdits(rec: RecordedDoc, n: number, tag = 'e'): Uint8Array[] {
  const from = rec.updates.length
  edit(rec, n, tag)
  const added = rec.updates.slice(from)
  for (const u of added) store.append(CHAT, u)
  return added
}

beforeEach(() => {
  store = FsStore.temp(clock)
  dir = join(store.dir, 'group', 'ocean-forest-moon-star')
})
afterEach(() => store.destroy())

describe('FsStore layout', () => {
  it('keeps <type>/<id>/<concern>.meta, .<g>.yrs and .<g>.log, and deletes the old generation', () => {
    const rec = recordedDoc()
    appendEdits(rec, 2)
    expect(readdirSync(dir).sort()).toEqual(['chat.0.log', 'chat.meta'])
    store.compact(CHAT, Y.encodeStateAsUpdate(rec.doc))
    expect(readdirSync(dir).sort()).toEqual(['chat.1.log', 'chat.1.yrs', 'chat.meta'])
    expect(JSON.parse(readFileSync(file('chat.meta'), 'utf8'))).toEqual(store.load(CHAT)!.meta)
    expect(statSync(file('chat.1.yrs')).size).toBe(Y.encodeStateAsUpdate(rec.doc).length)
    expect(store.kind).toBe('fs')
  })

  it("removes a document's files and its empty folders", () => {
    appendEdits(recordedDoc(), 1)
    store.remove(CHAT)
    expect(readdirSync(store.dir)).toEqual([])
  })

  it('lists only documents, skipping stray files and folders beside them', () => {
    appendEdits(recordedDoc(), 1)
    writeFileSync(join(store.dir, 'archive.sqlite'), 'x')
    mkdirSync(join(store.dir, 'group', 'Not An Id'))
    writeFileSync(join(store.dir, 'group', 'Not An Id', 'chat.meta'), '{}')
    writeFileSync(file('notes.meta'), '{}')
    writeFileSync(file('kanban.meta'), '{}') // kanban exists for projects only
    expect(store.list()).toEqual([CHAT])
  })

  it('destroys only temporary roots', () => {
    const e = labErrorOf(() => new FsStore(store.dir, clock).destroy())
    expect(e.code).toBe('BAD_USAGE')
    expect(existsSync(store.dir)).toBe(true)
    const temp = FsStore.temp(clock)
    temp.destroy()
    expect(existsSync(temp.dir)).toBe(false)
  })
})

describe('FsStore recovery', () => {
  it('drops a log record truncated on disk and reports it; the next append cuts it off', () => {
    const rec = recordedDoc()
    const updates = appendEdits(rec, 4)
    const logPath = file('chat.0.log')
    const size = statSync(logPath).size
    truncateSync(logPath, size - 3)

    const reopened = new FsStore(store.dir, clock) // the replica restarts after the crash
    const loaded = reopened.load(CHAT)!
    expect(loaded.updates).toEqual(updates.slice(0, 3))
    expect(loaded.recovery).toEqual({ tornTail: true, droppedBytes: FRAME_HEADER_BYTES + updates[3]!.length - 3 })
    expect(replay(loaded)).toEqual(rec.states[2])

    const restarted = recordedDoc(2, loaded)
    edit(restarted, 1, 'r')
    reopened.append(CHAT, restarted.updates[0]!)
    const after = new FsStore(store.dir, clock).load(CHAT)!
    expect(after.recovery.tornTail).toBe(false)
    expect(after.updates).toEqual([...updates.slice(0, 3), restarted.updates[0]])
    expect(replay(after)).toEqual(view(restarted.doc))
  })

  it('refuses a log with one flipped bit before its last record, and never cuts it', () => {
    // Before: the reader stopped at the damaged record and called everything after it a torn
    // tail; the load dropped the later records and the next append cut them from disk (598 -> 193 B).
    const rec = recordedDoc()
    const updates = appendEdits(rec, 6)
    const logPath = file('chat.0.log')
    const intact = readFileSync(logPath)
    const second = FRAME_HEADER_BYTES + updates[0]!.length
    for (const at of [second + FRAME_HEADER_BYTES + 2, second + 1, second + 9]) {
      // a payload bit, a length bit, a header-checksum bit of the second record
      const damaged = Buffer.from(intact)
      damaged[at] = damaged[at]! ^ 0x10
      writeFileSync(logPath, damaged)
      const reopened = new FsStore(store.dir, clock)
      const e = labErrorOf(() => reopened.load(CHAT))
      expect(e.code, `bit at ${at}`).toBe('CORRUPT_STORE')
      expect(e.message).toContain(logPath)
      expect(e.message).toMatch(new RegExp(`damaged at byte ${second} of ${intact.length}`))
      expect(labErrorOf(() => reopened.append(CHAT, updates[0]!)).code).toBe('CORRUPT_STORE')
      expect(readFileSync(logPath)).toEqual(damaged)
    }
  })

  it('drops a last record with a flipped bit as a torn tail, and cuts only that record', () => {
    const rec = recordedDoc()
    const updates = appendEdits(rec, 3)
    const logPath = file('chat.0.log')
    const damaged = readFileSync(logPath)
    damaged[damaged.length - 1] = damaged[damaged.length - 1]! ^ 0x01
    writeFileSync(logPath, damaged)
    const reopened = new FsStore(store.dir, clock)
    const loaded = reopened.load(CHAT)!
    expect(loaded.updates).toEqual(updates.slice(0, 2))
    expect(loaded.recovery).toEqual({ tornTail: true, droppedBytes: FRAME_HEADER_BYTES + updates[2]!.length })
    reopened.append(CHAT, updates[2]!)
    expect(new FsStore(store.dir, clock).load(CHAT)!.updates).toEqual(updates)
  })

  it('refuses a snapshot with a flipped byte, naming the file', () => {
    const rec = recordedDoc()
    appendEdits(rec, 2)
    store.compact(CHAT, Y.encodeStateAsUpdate(rec.doc))
    const yrs = file('chat.1.yrs')
    const bytes = readFileSync(yrs)
    bytes[bytes.length >> 1] ^= 0x10
    writeFileSync(yrs, bytes)
    const e = labErrorOf(() => store.load(CHAT))
    expect(e.code).toBe('CORRUPT_STORE')
    expect(e.path).toBe(yrs)
    expect(e.message).toContain(yrs)
    expect(e.message).toMatch(/SHA-256/)
  })

  it('refuses a truncated snapshot', () => {
    const rec = recordedDoc()
    appendEdits(rec, 2)
    store.compact(CHAT, Y.encodeStateAsUpdate(rec.doc))
    truncateSync(file('chat.1.yrs'), 5)
    const e = labErrorOf(() => store.load(CHAT))
    expect([e.code, e.path]).toEqual(['CORRUPT_STORE', file('chat.1.yrs')])
    expect(e.message).toMatch(/is 5 bytes but its meta records/)
  })

  it('refuses a document whose log the meta points at is missing', () => {
    appendEdits(recordedDoc(), 2)
    unlinkSync(file('chat.0.log'))
    const e = labErrorOf(() => new FsStore(store.dir, clock).load(CHAT))
    expect([e.code, e.path]).toEqual(['CORRUPT_STORE', file('chat.0.log')])
    expect(labErrorOf(() => new FsStore(store.dir, clock).append(CHAT, Uint8Array.of(0, 0))).code).toBe('CORRUPT_STORE')
  })

  it('refuses a meta that is not JSON, naming the file', () => {
    appendEdits(recordedDoc(), 1)
    writeFileSync(file('chat.meta'), '{"version": 1, "docId": ')
    const e = labErrorOf(() => store.load(CHAT))
    expect([e.code, e.path]).toEqual(['CORRUPT_STORE', file('chat.meta')])
    expect(e.message).toMatch(/not valid JSON/)
    expect(labErrorOf(() => store.append(CHAT, Uint8Array.of(0, 0))).code).toBe('CORRUPT_STORE')
  })

  it('ignores temporary files left by an interrupted write, and deletes them on compaction', () => {
    const rec = recordedDoc()
    const updates = appendEdits(rec, 2)
    writeFileSync(file('chat.meta.tmp'), '{"half": ')
    writeFileSync(file('chat.1.yrs.tmp'), 'half a snapshot')
    expect(store.list()).toEqual([CHAT])
    expect(store.load(CHAT)!.updates).toEqual(updates)
    store.compact(CHAT, Y.encodeStateAsUpdate(rec.doc))
    expect(readdirSync(dir).sort()).toEqual(['chat.1.log', 'chat.1.yrs', 'chat.meta'])
    expect(replay(store.load(CHAT))).toEqual(view(rec.doc))
  })

  it.each(['chat.2.yrs', 'chat.2.log'])('a compaction that fails writing %s never switches the meta', (blocked) => {
    const rec = recordedDoc()
    appendEdits(rec, 2)
    store.compact(CHAT, Y.encodeStateAsUpdate(rec.doc))
    appendEdits(rec, 1, 'g1')
    const before = store.load(CHAT)!
    mkdirSync(file(blocked)) // a directory in the way makes the rename onto it fail
    const e = labErrorOf(() => store.compact(CHAT, Y.encodeStateAsUpdate(rec.doc)))
    expect([e.code, e.path]).toEqual(['STORE_IO', file(blocked)])
    expect(new FsStore(store.dir, clock).load(CHAT)).toEqual(before)
  })

  it('a crash between writing the next generation and switching the meta loads the previous one', () => {
    const rec = recordedDoc()
    appendEdits(rec, 2)
    store.compact(CHAT, Y.encodeStateAsUpdate(rec.doc))
    const tail = appendEdits(rec, 2, 'g1')
    const before = store.load(CHAT)!
    // Generation 2 fully written by hand, but the meta still names generation 1.
    const next = Y.encodeStateAsUpdate(rec.doc)
    writeFileSync(file('chat.2.yrs'), next)
    writeFileSync(file('chat.2.log'), '')

    const reopened = new FsStore(store.dir, clock)
    const loaded = reopened.load(CHAT)!
    expect(loaded).toEqual(before)
    expect(loaded.meta.generation).toBe(1)
    expect(loaded.updates).toEqual(tail)
    expect(replay(loaded)).toEqual(view(rec.doc))

    // The next compaction overwrites the leftovers and completes normally.
    reopened.compact(CHAT, next)
    expect(reopened.load(CHAT)!.meta).toEqual(metaFor(parseDocId(CHAT), 2, next, 7))
    expect(readdirSync(dir).sort()).toEqual(['chat.2.log', 'chat.2.yrs', 'chat.meta'])
  })
})
