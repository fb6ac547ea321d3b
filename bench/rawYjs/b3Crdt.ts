/** Raw Yjs as a `B3Crdt` for the B3 workloads: V2 updates, as the crdt-benchmarks Yjs adapter. */
import * as Y from 'yjs'
import type { B3Crdt, B3CrdtFactory } from '../b3Crdt.ts'
import { newDoc } from './documents.ts'

/**
 * The shared types are opened on first use: opening a Y.Array runs an (empty) transaction, which a
 * load or a map case would otherwise pay for a type it never reads (the engine opens none).
 */
class YjsB3 implements B3Crdt {
  constructor(private readonly doc: Y.Doc) {}
  private get map(): Y.Map<unknown> {
    return this.doc.getMap('map')
  }
  private get array(): Y.Array<string> {
    return this.doc.getArray('array')
  }
  setMap(key: string, value: unknown): void {
    this.map.set(key, value)
  }
  getMap(): Record<string, unknown> {
    return this.map.toJSON()
  }
  insertArray(index: number, values: readonly string[]): void {
    this.array.insert(index, [...values])
  }
  getArray(): unknown[] {
    return this.array.toArray()
  }
  applyUpdates(updates: readonly Uint8Array[]): void {
    this.doc.transact(() => {
      for (const u of updates) Y.applyUpdateV2(this.doc, u)
    })
  }
  encodeState(): Uint8Array {
    return Y.encodeStateAsUpdateV2(this.doc)
  }
}

/** Raw Yjs needs no initial state: every shape starts from an empty document. */
export const yjsB3Factory: B3CrdtFactory = {
  name: 'rawYjs',
  create(clientId, onUpdate) {
    const doc = newDoc(clientId)
    doc.on('updateV2', (u: Uint8Array) => onUpdate(u))
    return new YjsB3(doc)
  },
  load(clientId, state) {
    const doc = newDoc(clientId)
    Y.applyUpdateV2(doc, state)
    return new YjsB3(doc)
  },
}
