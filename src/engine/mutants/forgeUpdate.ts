/**
 * Equivocation's raw material: a v1 update with the same Yjs ids as another and different
 * content. Free text (Y.Text runs, and string values under a free-text key: `content`, `title`,
 * `description`, `text`, or an LWW slot of one) is reversed, or changed when reversing leaves it
 * equal; an update without free text gets its first number changed instead (a wall clock, a
 * stamp). Struct kinds, lengths, parents, origins and map keys stay as they were, so every id
 * the update writes is the one the original wrote: a receiver cannot tell them apart by id.
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number]

const FREE_TEXT = /^(content|title|description|text)(~|$)/

/** The variant of `update`, or undefined when it carries no content to change (only types or deletions). */
export function forgeUpdate(update: Uint8Array): Uint8Array | undefined {
  const { structs, ds } = Y.decodeUpdate(update)
  let changed = false
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue
    const c = s.content
    if (c instanceof Y.ContentString) {
      c.str = otherText(c.str)
      changed = true
    } else if (c instanceof Y.ContentAny || c instanceof Y.ContentJSON) {
      const free = FREE_TEXT.test(s.parentSub ?? '')
      const arr = c.arr.map((v) => alterText(v, free))
      if (JSON.stringify(arr) !== JSON.stringify(c.arr)) changed = true
      c.arr = arr
    }
  }
  if (!changed) changed = bumpFirstNumber(structs)
  return changed ? encode(structs, ds) : undefined
}

/** Same length, different characters. */
function otherText(s: string): string {
  const r = [...s].reverse().join('')
  if (r !== s || s.length === 0) return r
  return (s[0] === 'x' ? 'y' : 'x') + s.slice(1)
}

function alterText(v: unknown, free: boolean): unknown {
  if (typeof v === 'string') return free ? otherText(v) : v
  if (Array.isArray(v)) return v.map((x) => alterText(x, free))
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, alterText(x, free || FREE_TEXT.test(k))]))
  return v
}

function bumpFirstNumber(structs: Struct[]): boolean {
  for (const s of structs) {
    if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentAny || s.content instanceof Y.ContentJSON)) continue
    let done = false
    const bump = (v: unknown): unknown => {
      if (done) return v
      if (typeof v === 'number' && Number.isFinite(v)) {
        done = true
        return v + 1
      }
      if (Array.isArray(v)) return v.map(bump)
      if (v !== null && typeof v === 'object')
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, bump(x)]))
      return v
    }
    s.content.arr = s.content.arr.map(bump)
    if (done) return true
  }
  return false
}

/** Writes decoded structs and a delete set back as a v1 update (Yjs's own layout: clients, runs, delete set). */
function encode(structs: Struct[], ds: ReturnType<typeof Y.decodeUpdate>['ds']): Uint8Array {
  const e = new Y.UpdateEncoderV1()
  const runs = new Map<number, Struct[]>()
  for (const s of structs) runs.set(s.id.client, [...(runs.get(s.id.client) ?? []), s])
  encoding.writeVarUint(e.restEncoder, runs.size)
  for (const [client, run] of runs) {
    encoding.writeVarUint(e.restEncoder, run.length)
    e.writeClient(client)
    encoding.writeVarUint(e.restEncoder, run[0]!.id.clock)
    for (const s of run) s.write(e, 0)
  }
  const clients = [...ds.clients.entries()].sort((a, b) => b[0] - a[0])
  encoding.writeVarUint(e.restEncoder, clients.length)
  for (const [client, items] of clients) {
    e.resetDsCurVal()
    encoding.writeVarUint(e.restEncoder, client)
    encoding.writeVarUint(e.restEncoder, items.length)
    for (const it of items) {
      e.writeDsClock(it.clock)
      e.writeDsLen(it.len)
    }
  }
  return e.toUint8Array()
}
