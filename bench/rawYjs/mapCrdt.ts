/** Raw Yjs as a `MapCrdt` for the B3 workloads: V2 updates, as the crdt-benchmarks Yjs adapter. */
import * as Y from 'yjs'
import type { MapCrdt, MapCrdtFactory } from '../mapCrdt.ts'
import { newDoc } from './documents.ts'

class YjsMap implements MapCrdt {
  private readonly map: Y.Map<unknown>
  constructor(private readonly doc: Y.Doc) {
    this.map = doc.getMap('map')
  }
  setMap(key: string, value: unknown): void {
    this.map.set(key, value)
  }
  getMap(): Record<string, unknown> {
    return this.map.toJSON()
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

export const yjsMapFactory: MapCrdtFactory = {
  name: 'rawYjs',
  create(clientId, onUpdate) {
    const doc = newDoc(clientId)
    doc.on('updateV2', (u: Uint8Array) => onUpdate(u))
    return new YjsMap(doc)
  },
  load(clientId, state) {
    const doc = newDoc(clientId)
    Y.applyUpdateV2(doc, state)
    return new YjsMap(doc)
  },
}
