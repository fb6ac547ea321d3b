/**
 * An entry's shape (authorship/entryShape.ts) is read from the structs the structure check decoded,
 * with Y.parseUpdateMeta's walk: a property holds it to what parseUpdateMeta gives on generated
 * updates (one writer, several writers merged, gaps merged in as skips, deletions only).
 */
import { describe, expect } from 'vitest'
import { fc, it } from '@fast-check/vitest'
import * as Y from 'yjs'
import { shapeOf } from '../../src/engine/authorship/entryShape.ts'

/** What the shape said when it was read with Y.parseUpdateMeta. */
function byParseUpdateMeta(update: Uint8Array) {
  const meta = Y.parseUpdateMeta(update)
  const clients = [...meta.to].filter(([c, to]) => to > (meta.from.get(c) ?? to))
  const [first] = clients
  const client = first?.[0]
  return {
    client,
    from: client === undefined ? 0 : meta.from.get(client)!,
    to: client === undefined ? 0 : first![1],
    clients: clients.length,
  }
}

/** The update of each step: writer `writer` sets or deletes `key` in its own document (a delete may write nothing). */
function updates(steps: readonly { writer: number; key: string; del: boolean }[]): Uint8Array[] {
  const docs = new Map<number, Y.Doc>()
  const out: Uint8Array[] = []
  for (const s of steps) {
    let d = docs.get(s.writer)
    if (!d) {
      docs.set(s.writer, (d = new Y.Doc()))
      d.clientID = s.writer
    }
    const before = Y.encodeStateVector(d)
    if (s.del) d.getMap('m').delete(s.key)
    else d.getMap('m').set(s.key, s.key.length)
    out.push(Y.encodeStateAsUpdate(d, before))
  }
  return out
}

const step = fc.record({
  writer: fc.integer({ min: 1, max: 3 }),
  key: fc.constantFrom('a', 'b', 'c'),
  del: fc.boolean(),
})

describe('entry shape', () => {
  it.prop([fc.array(step, { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { maxLength: 6 })])(
    "gives parseUpdateMeta's clock ranges, merged updates and skips included",
    (steps, picks) => {
      const all = updates(steps)
      const chosen = picks.length === 0 ? all : picks.map((p) => all[p % all.length]!)
      for (const u of [...all, Y.mergeUpdates(chosen)]) {
        const { client, from, to, clients } = shapeOf(u)
        expect({ client, from, to, clients }).toEqual(byParseUpdateMeta(u))
      }
    },
  )
})
