/**
 * Test fixture: a Yjs document whose every transaction is captured as a v1 update, the way the
 * engine persists them, and a replay of what a store loaded into a fresh document.
 */
import * as Y from 'yjs'
import type { StoredDoc } from '../../../src/engine/store/store.ts'

export interface RecordedDoc {
  readonly doc: Y.Doc
  /** Every update the document emitted, oldest first. */
  readonly updates: Uint8Array[]
  /** `view(doc)` after each update: `states[i]` is the state once `updates[0..i]` applied. */
  readonly states: unknown[]
}

/** A document with a fixed clientID (tests stay deterministic) that records its updates. */
export function recordedDoc(clientID = 1, from?: StoredDoc): RecordedDoc {
  const doc = new Y.Doc()
  doc.clientID = clientID
  if (from) applyStored(doc, from)
  const recorded: RecordedDoc = { doc, updates: [], states: [] }
  doc.on('update', (update: Uint8Array) => {
    recorded.updates.push(update)
    recorded.states.push(view(doc))
  })
  return recorded
}

/** Makes `n` transactions of mixed kinds (map set, array push, text insert, map delete). */
export function edit(rec: RecordedDoc, n: number, tag = 'e'): void {
  for (let i = 0; i < n; i++) {
    rec.doc.transact(() => {
      const k = `${tag}${rec.updates.length}`
      rec.doc.getMap('fields').set(k, { i, tag })
      rec.doc.getArray<string>('list').push([k])
      rec.doc.getText('body').insert(0, `${k} `)
      if (i % 3 === 2) rec.doc.getMap('fields').delete(`${tag}${rec.updates.length - 2}`)
    })
  }
}

/**
 * The content of the shared types `edit` writes. (`Y.Doc#toJSON` shows only types the document has
 * already been asked for by name, so a freshly loaded document would show nothing.)
 */
export const view = (doc: Y.Doc): unknown => ({
  fields: doc.getMap('fields').toJSON(),
  list: doc.getArray('list').toJSON(),
  body: doc.getText('body').toString(),
})

function applyStored(doc: Y.Doc, stored: StoredDoc): void {
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const u of stored.updates) Y.applyUpdate(doc, u)
}

/** What a fresh replica holds after loading `stored`: snapshot, then updates in order. */
export function replay(stored: StoredDoc | null): unknown {
  if (stored === null) throw new Error('nothing stored')
  const doc = new Y.Doc()
  applyStored(doc, stored)
  return view(doc)
}
