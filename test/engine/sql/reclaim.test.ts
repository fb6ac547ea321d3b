/**
 * Reclaiming removed entries of a create-once collection is invisible to every replica: a doc that
 * reclaimed and one that did not show the same content, state vector and delete set, before and
 * after a late write into a removed item arrives, and anything synced from either is the same.
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  itemsDeletedBy,
  reclaimRemovedEntries,
  removedKeys,
  structsNeeded,
} from '../../../src/engine/base/yjsStructs.ts'
import { deleteSetHash } from '../../../src/engine/sync/stateVectors.ts'

const doc = (client: number): Y.Doc => {
  const d = new Y.Doc()
  d.clientID = client
  d.getMap('messages')
  return d
}
const sync = (a: Y.Doc, b: Y.Doc): void => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}
const observable = (d: Y.Doc) => ({
  json: d.getMap('messages').toJSON(),
  sv: Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(d))),
  ds: Buffer.from(deleteSetHash(d)).toString('hex'),
})
const messages = (d: Y.Doc): Y.Map<unknown> => d.getMap('messages')
const fragment = (d: Y.Doc, key: string): Y.Map<unknown> => messages(d).get(key) as Y.Map<unknown>

describe('reclamation of removed entries', () => {
  it('changes nothing observable, with a late write into a removed item and with fresh replicas', () => {
    const [a, b, c] = [doc(1), doc(2), doc(3)]
    for (let i = 0; i < 10; i++) {
      const frag = new Y.Map<unknown>()
      messages(a).set(`k${i}`, frag)
      frag.set('_', { content: `c${i}` })
    }
    sync(a, b)
    sync(a, c)
    const late = Y.encodeStateVector(c)
    fragment(c, 'k1').set('content~c', [9, 'late'])
    fragment(c, 'k2').set('nested', new Y.Map())
    const lateUpdate = Y.encodeStateAsUpdate(c, late)
    a.transact(() => [0, 1, 2, 3, 4].forEach((i) => messages(a).delete(`k${i}`)))
    sync(a, b)
    const before = Y.encodeStateAsUpdate(a).byteLength
    expect(removedKeys(messages(a))).toHaveLength(5)
    expect(reclaimRemovedEntries(a, messages(a), removedKeys(messages(a)))).toBe(5)
    expect(reclaimRemovedEntries(a, messages(a), ['k0', 'k1'])).toBe(0)
    expect(removedKeys(messages(a))).toEqual([])
    expect(Y.encodeStateAsUpdate(a).byteLength).toBeLessThan(before - 5 * 10)
    expect(observable(a)).toEqual(observable(b))
    Y.applyUpdate(a, lateUpdate)
    Y.applyUpdate(b, lateUpdate)
    expect(observable(a)).toEqual(observable(b))
    sync(a, c)
    sync(b, c)
    for (const from of [a, b]) {
      const fresh = doc(9)
      Y.applyUpdate(fresh, Y.encodeStateAsUpdate(from))
      expect(observable(fresh)).toEqual(observable(c))
    }
    const merged = doc(10)
    Y.applyUpdate(merged, Y.mergeUpdates([Y.encodeStateAsUpdate(a), Y.encodeStateAsUpdate(b)]))
    expect(observable(merged)).toEqual(observable(a))
  })

  it('maps a delete set to the entries it removes, and names the structs an item is made of', () => {
    const a = doc(1)
    const frag = new Y.Map<unknown>()
    messages(a).set('k', frag)
    frag.set('_', 1)
    frag.set('r', new Y.Map())
    ;(frag.get('r') as Y.Map<unknown>).set('x', 2)
    expect([...structsNeeded(frag)]).toEqual([[1, 4]])
    const b = doc(2)
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const sv = Y.encodeStateVector(a)
    a.transact(() => messages(a).delete('k'))
    const removal = Y.encodeStateAsUpdate(a, sv)
    const hit = itemsDeletedBy(
      b,
      Y.decodeUpdate(removal).ds,
      (item) => item.parentSub !== null && (item.parent as unknown) === messages(b),
    )
    expect(hit.map((i) => i.parentSub)).toEqual(['k'])
  })
})
