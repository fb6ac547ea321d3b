/**
 * The DocStore contract, run against both stores: what the engine relies on, whichever disk it
 * has. Store-specific damage and recovery live in memoryStore.test.ts and fsStore.test.ts.
 */
import { readdirSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { DocId } from '../../../src/engine/base/ids.ts'
import { ManualClock } from '../../../src/engine/base/providers.ts'
import { sha256Hex } from '../../../src/engine/store/docMeta.ts'
import { FsStore } from '../../../src/engine/store/fsStore.ts'
import { MemoryStore } from '../../../src/engine/store/memoryStore.ts'
import type { DocStore } from '../../../src/engine/store/store.ts'
import { labErrorOf } from '../labErrorOf.ts'
import { FRAME_HEADER_BYTES } from '../../../src/engine/store/logFrames.ts'
import { edit, recordedDoc, replay, view } from './yjsHistory.ts'

interface Subject {
  readonly store: DocStore
  readonly clock: ManualClock
  /** The same disk seen by a new store object, as after a crash and restart. */
  reopen(): DocStore
  /** Nothing at all has been written. */
  untouched(): boolean
  cleanup(): void
}

const subjects: { name: string; make: () => Subject }[] = [
  {
    name: 'MemoryStore',
    make: () => {
      const clock = new ManualClock(1_000)
      const store = new MemoryStore(clock)
      return {
        store,
        clock,
        reopen: () => store,
        untouched: () => store.writes() === 0 && store.bytes() === 0 && store.list().length === 0,
        cleanup: () => {},
      }
    },
  },
  {
    name: 'FsStore',
    make: () => {
      const clock = new ManualClock(1_000)
      const store = FsStore.temp(clock)
      return {
        store,
        clock,
        reopen: () => new FsStore(store.dir, clock),
        untouched: () => readdirSync(store.dir).length === 0,
        cleanup: () => store.destroy(),
      }
    },
  },
]

const CHAT: DocId = 'group:ocean-forest-moon-star:chat'
const CORE: DocId = 'group:ocean-forest-moon-star:core'
const KANBAN: DocId = 'project:gentle-wave-moon-fire:kanban'
const framed = (updates: readonly Uint8Array[]): number =>
  updates.reduce((n, u) => n + FRAME_HEADER_BYTES + u.length, 0)

describe.each(subjects)('$name honours the DocStore contract', ({ make }) => {
  let s: Subject
  afterEach(() => s.cleanup())

  it('knows nothing of a document never written', () => {
    s = make()
    expect(s.store.load(CHAT)).toBeNull()
    expect(s.store.sizeOf(CHAT)).toBe(0)
    expect(s.store.list()).toEqual([])
    s.store.remove(CHAT)
    expect(s.untouched()).toBe(true)
  })

  it('loads appended Yjs updates back, byte for byte and in order', () => {
    s = make()
    const rec = recordedDoc()
    edit(rec, 6)
    for (const u of rec.updates) s.store.append(CHAT, u)
    const loaded = s.reopen().load(CHAT)!
    expect(loaded.snapshot).toBeNull()
    expect(loaded.updates).toEqual(rec.updates)
    expect(loaded.recovery).toEqual({ tornTail: false, droppedBytes: 0 })
    expect(loaded.meta).toMatchObject({
      version: 1,
      docId: CHAT,
      entityId: 'group:ocean-forest-moon-star',
      concern: 'chat',
      generation: 0,
      snapshotBytes: 0,
      compactedAt: 1_000,
    })
    expect(replay(loaded)).toEqual(view(rec.doc))
  })

  it('compacts into a new generation and keeps appending after it', () => {
    s = make()
    const rec = recordedDoc()
    edit(rec, 3)
    for (const u of rec.updates) s.store.append(CHAT, u)
    s.clock.set(5_000)
    const state = Y.encodeStateAsUpdate(rec.doc)
    s.store.compact(CHAT, state)
    edit(rec, 2, 'after')
    for (const u of rec.updates.slice(3)) s.store.append(CHAT, u)

    const loaded = s.reopen().load(CHAT)!
    expect(loaded.meta).toMatchObject({
      generation: 1,
      snapshotBytes: state.length,
      snapshotSha256: sha256Hex(state),
      compactedAt: 5_000,
    })
    expect(loaded.snapshot).toEqual(state)
    expect(loaded.updates).toEqual(rec.updates.slice(3))
    expect(replay(loaded)).toEqual(view(rec.doc))

    s.store.compact(CHAT, Y.encodeStateAsUpdate(rec.doc))
    const again = s.reopen().load(CHAT)!
    expect(again.meta.generation).toBe(2)
    expect(again.updates).toEqual([])
    expect(replay(again)).toEqual(view(rec.doc))
  })

  it('creates a document by compacting it', () => {
    s = make()
    const rec = recordedDoc()
    edit(rec, 2)
    s.store.compact(CORE, Y.encodeStateAsUpdate(rec.doc))
    expect(s.store.load(CORE)!.meta.generation).toBe(1)
    expect(replay(s.store.load(CORE))).toEqual(view(rec.doc))
  })

  it('keeps its own copies of what it was given and what it returned', () => {
    s = make()
    const rec = recordedDoc()
    edit(rec, 1)
    const bytes = rec.updates[0]!.slice()
    s.store.append(CHAT, bytes)
    bytes.fill(0)
    const first = s.store.load(CHAT)!
    ;(first.updates[0] as Uint8Array).fill(0)
    expect(s.store.load(CHAT)!.updates).toEqual(rec.updates)
  })

  it('lists documents sorted, per entity, sizes them and removes them', () => {
    s = make()
    const rec = recordedDoc()
    edit(rec, 3)
    for (const id of [KANBAN, CORE, CHAT]) for (const u of rec.updates) s.store.append(id, u)
    expect(s.store.list()).toEqual([CHAT, CORE, KANBAN])
    expect(s.store.list('group:ocean-forest-moon-star')).toEqual([CHAT, CORE])
    expect(s.store.list('channel:nobody-here')).toEqual([])
    expect(s.store.sizeOf(CHAT)).toBe(framed(rec.updates))

    const state = Y.encodeStateAsUpdate(rec.doc)
    s.store.compact(CHAT, state)
    s.store.append(CHAT, rec.updates[0]!)
    expect(s.store.sizeOf(CHAT)).toBe(state.length + framed([rec.updates[0]!]))

    s.store.remove(CHAT)
    expect(s.store.load(CHAT)).toBeNull()
    expect(s.store.sizeOf(CHAT)).toBe(0)
    expect(s.reopen().list()).toEqual([CORE, KANBAN])
    s.store.append(CHAT, rec.updates[0]!)
    expect(s.store.load(CHAT)!.meta.generation).toBe(0)
    expect(s.store.load(CHAT)!.updates).toEqual([rec.updates[0]])
  })

  it.each(['group:../../etc:core', '../../etc', 'group:ocean/../../x:chat', 'team:x:core', 'group:x:kanban'])(
    'rejects the document id %j with a typed error and writes nothing',
    (bad) => {
      s = make()
      const id = bad as DocId
      const update = Uint8Array.of(0, 0)
      const calls: (() => unknown)[] = [
        () => s.store.load(id),
        () => s.store.append(id, update),
        () => s.store.compact(id, update),
        () => s.store.sizeOf(id),
        () => s.store.remove(id),
      ]
      for (const call of calls) {
        const e = labErrorOf(call)
        expect(['BAD_DOC_ID', 'UNKNOWN_ENTITY_TYPE', 'CONCERN_NOT_ALLOWED']).toContain(e.code)
      }
      expect(labErrorOf(() => s.store.list('group:../..' as never)).code).toBe('BAD_ENTITY_ID')
      expect(s.untouched()).toBe(true)
    },
  )

  it('keeps a disk document (a dashed internal concern) like any other, across a reopen', () => {
    s = make()
    const rec = recordedDoc()
    edit(rec, 2)
    const DISK: DocId = 'group:ocean-forest-moon-star:disk-public'
    for (const u of rec.updates) s.store.append(DISK, u)
    s.store.compact(DISK, Y.encodeStateAsUpdate(rec.doc))
    s.store.append(CHAT, rec.updates[0]!)
    const reopened = s.reopen()
    expect(reopened.list('group:ocean-forest-moon-star')).toEqual([CHAT, DISK])
    expect(reopened.load(DISK)!.meta.concern).toBe('disk-public')
    expect(replay(reopened.load(DISK)!)).toEqual(view(rec.doc))
  })

  it('refuses an empty update without creating the document', () => {
    s = make()
    expect(labErrorOf(() => s.store.append(CHAT, new Uint8Array(0))).code).toBe('INVALID_ARG')
    expect(s.untouched()).toBe(true)
  })
})
