/** Direct reads of Yjs internals: they must agree with Yjs's own API on every state a map can be in. */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { entryId, forEachEntry } from '../../src/engine/base/yjsInternals.ts'

describe('forEachEntry', () => {
  it('gives what map.entries() gives, in its order, with the ID entryId gives', () => {
    const a = new Y.Doc()
    a.clientID = 1
    const b = new Y.Doc()
    b.clientID = 2
    const m = a.getMap<unknown>('m')
    m.set('x', 1)
    m.set('y', { nested: [1, 2] })
    m.set('x', 'overwritten')
    m.set('gone', true)
    m.delete('gone')
    m.set('sub', new Y.Map())
    // A concurrent write of the same key from another client: Yjs keeps one of the two.
    b.getMap<unknown>('m').set('y', 'from b')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    const seen: [string, unknown, unknown][] = []
    forEachEntry(m, (key, value, id) => void seen.push([key, value, id]))
    expect(seen.map(([k, v]) => [k, v])).toEqual([...m.entries()])
    for (const [key, , id] of seen) expect(id).toEqual(entryId(m, key))
    expect(seen.map(([k]) => k)).not.toContain('gone')
    expect(seen.find(([k]) => k === 'x')?.[1]).toBe('overwritten')
  })
})
