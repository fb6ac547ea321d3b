/** The simulator's disk: torn writes and the statistics it reports. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { DocId } from '../../../src/engine/base/ids.ts'
import { ManualClock } from '../../../src/engine/base/providers.ts'
import { MemoryStore } from '../../../src/engine/store/memoryStore.ts'
import { edit, recordedDoc, replay, view } from './yjsHistory.ts'
import { FRAME_HEADER_BYTES } from '../../../src/engine/store/logFrames.ts'

const CHAT: DocId = 'group:ocean-forest-moon-star:chat'
const CORE: DocId = 'group:ocean-forest-moon-star:core'

function storeWith(updates: number): { store: MemoryStore; rec: ReturnType<typeof recordedDoc> } {
  const store = new MemoryStore(new ManualClock(0))
  const rec = recordedDoc()
  edit(rec, updates)
  for (const u of rec.updates) store.append(CHAT, u)
  return { store, rec }
}

describe('MemoryStore.tearLastWrite', () => {
  it('returns null when nothing was written', () => {
    expect(new MemoryStore(new ManualClock()).tearLastWrite()).toBeNull()
  })

  it.each(['truncate', 'garbage'] as const)('%s: a torn append loses only that update', (mode) => {
    const { store, rec } = storeWith(4)
    expect(store.tearLastWrite(mode)).toEqual({ docId: CHAT, kind: 'append', mode })
    const loaded = store.load(CHAT)!
    expect(loaded.updates).toEqual(rec.updates.slice(0, 3))
    expect(loaded.recovery.tornTail).toBe(true)
    expect(loaded.recovery.droppedBytes).toBeGreaterThan(0)
    expect(replay(loaded)).toEqual(rec.states[2])
  })

  it('cuts the torn record off before the next append, so later updates stay readable', () => {
    const { store, rec } = storeWith(3)
    store.tearLastWrite('garbage')
    // The restarted replica continues from what it loaded.
    const restarted = recordedDoc(2, store.load(CHAT)!)
    edit(restarted, 2, 'restart')
    for (const u of restarted.updates) store.append(CHAT, u)
    const loaded = store.load(CHAT)!
    expect(loaded.recovery).toEqual({ tornTail: false, droppedBytes: 0 })
    expect(loaded.updates).toEqual([...rec.updates.slice(0, 2), ...restarted.updates])
    expect(replay(loaded)).toEqual(view(restarted.doc))
  })

  it('a torn compaction never switched the meta: the previous generation and its log load', () => {
    const { store, rec } = storeWith(2)
    store.compact(CHAT, Y.encodeStateAsUpdate(rec.doc))
    edit(rec, 2, 'g1')
    for (const u of rec.updates.slice(2)) store.append(CHAT, u)
    const before = store.load(CHAT)!
    store.compact(CHAT, Y.encodeStateAsUpdate(rec.doc))

    expect(store.tearLastWrite('garbage')).toEqual({ docId: CHAT, kind: 'compact', mode: 'garbage' })
    const loaded = store.load(CHAT)!
    expect(loaded).toEqual(before)
    expect(loaded.meta.generation).toBe(1)
    expect(replay(loaded)).toEqual(view(rec.doc))
  })

  it('a torn compaction of a document it created leaves no document', () => {
    const store = new MemoryStore(new ManualClock())
    store.compact(CORE, Uint8Array.of(0, 0))
    expect(store.tearLastWrite()).toMatchObject({ docId: CORE, kind: 'compact' })
    expect(store.load(CORE)).toBeNull()
    expect(store.list()).toEqual([])
  })

  it('tears the most recent write across the whole store, not another document', () => {
    const { store, rec } = storeWith(2)
    store.append(CORE, rec.updates[0]!)
    expect(store.tearLastWrite()).toMatchObject({ docId: CORE, kind: 'append' })
    expect(store.load(CHAT)!.updates).toEqual(rec.updates)
    expect(store.load(CORE)!.updates).toEqual([])
  })

  it('tearing twice in a row is harmless: the second time there is nothing left to tear', () => {
    const { store, rec } = storeWith(3)
    store.tearLastWrite()
    expect(store.tearLastWrite()).toBeNull()
    expect(store.tearLastWrite('garbage')).toBeNull()
    expect(store.load(CHAT)!.updates).toEqual(rec.updates.slice(0, 2))

    store.compact(CHAT, Y.encodeStateAsUpdate(rec.doc))
    store.tearLastWrite()
    expect(store.tearLastWrite()).toBeNull()
    expect(store.load(CHAT)!.meta.generation).toBe(0)
  })

  it('a removal forgets the last write, so an earlier append is not torn after it', () => {
    const { store, rec } = storeWith(2)
    store.append(CORE, rec.updates[0]!)
    store.remove(CORE)
    expect(store.tearLastWrite()).toBeNull()
    expect(store.load(CHAT)!.updates).toEqual(rec.updates)
  })
})

describe('MemoryStore statistics', () => {
  it('counts appends and compactions, and the bytes held by all documents', () => {
    const { store, rec } = storeWith(3)
    store.append(CORE, rec.updates[0]!)
    expect(store.writes()).toBe(4)
    expect(store.bytes()).toBe(store.sizeOf(CHAT) + store.sizeOf(CORE))
    expect(store.bytes()).toBe(
      rec.updates.reduce((n, u) => n + FRAME_HEADER_BYTES + u.length, 0) + FRAME_HEADER_BYTES + rec.updates[0]!.length,
    )
    store.compact(CHAT, Uint8Array.of(0, 0))
    expect(store.writes()).toBe(5)
    expect(store.bytes()).toBe(2 + FRAME_HEADER_BYTES + rec.updates[0]!.length)
    expect(store.kind).toBe('memory')
    expect(store.dir).toBeNull()
  })
})
