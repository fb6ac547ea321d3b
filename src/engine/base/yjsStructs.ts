/**
 * Struct-level Yjs internals the SQL fallback needs, beside `yjsInternals.ts` and pinned by the same
 * exact Yjs version: which structs make up an item, which items a delete set removes, and the
 * reclamation of removed top-level entries.
 *
 * Why reclamation: removing a key from a Y.Map leaves its Item in the struct store for good (Yjs
 * turns the nested content into GC runs, but keeps the entry itself with its key string and parent
 * name, ~28 bytes per removed message). Materializing 24,000 messages would leave ~670 KB behind
 * and the residue grows with every message ever moved. Yjs keeps the entry because a later `set`
 * of the same key would use it as its origin. In a create-once collection (ids are fresh, an item
 * is `set` exactly once and only ever deleted after) nothing can reference the entry again except
 * structs *inside* it, and those resolve the same way whether the parent is a deleted Item or a GC
 * struct: both make them GC. So replacing the removed entry by a GC struct of the same id and
 * length changes nothing any replica can observe (content, state vector, delete set) while the
 * runs of GC merge to a few bytes. Only create-once collections may be reclaimed.
 */
import * as Y from 'yjs'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type
type AnyType = Y.AbstractType<any>
type Struct = Y.Item | Y.GC
export type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds']

interface MapInternals {
  _map: Map<string, Y.Item>
}
const mapOf = (type: AnyType): Map<string, Y.Item> => (type as unknown as MapInternals)._map

/**
 * End clock (exclusive) per client of every struct that makes
 * up `type` and its Item: what a replica must hold to show it.
 */
export function structsNeeded(type: AnyType, out = new Map<number, number>()): Map<number, number> {
  if (type._item) note(out, type._item)
  for (const item of mapOf(type).values()) visit(item, out)
  for (let item = type._start; item !== null; item = item.right) visit(item, out)
  return out
}

function visit(item: Y.Item, out: Map<number, number>): void {
  note(out, item)
  if (!item.deleted && item.content instanceof Y.ContentType) structsNeeded(item.content.type as AnyType, out)
}

function note(out: Map<number, number>, s: Struct): void {
  const end = s.id.clock + s.length
  if ((out.get(s.id.client) ?? 0) < end) out.set(s.id.client, end)
}

/**
 * Items of `doc` that are present now and that the delete set removes, as chosen by `pick` (for
 * instance: current entries of a watched collection). Reads only; call before applying the update.
 */
export function itemsDeletedBy(doc: Y.Doc, ds: DeleteSet, pick: (item: Y.Item) => boolean): Y.Item[] {
  const out: Y.Item[] = []
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client)
    if (!structs || structs.length === 0) continue
    const held = structs[structs.length - 1]!.id.clock + structs[structs.length - 1]!.length
    for (const r of ranges) {
      if (r.clock >= held) continue
      for (let i = Y.findIndexSS(structs, r.clock); i < structs.length; i++) {
        const s = structs[i]!
        if (s.id.clock >= r.clock + r.len) break
        if (s instanceof Y.Item && !s.deleted && pick(s)) out.push(s)
      }
    }
  }
  return out
}

/** The current Item of `key` in `map`, deleted or not (Yjs keeps removed keys' Items in `_map`). */
export const entryItem = (map: Y.Map<unknown>, key: string): Y.Item | undefined => mapOf(map as AnyType).get(key)

/** Keys of `map` whose current entry is removed (and not yet reclaimed). */
export function removedKeys(map: Y.Map<unknown>): string[] {
  const out: string[] = []
  for (const [key, item] of mapOf(map as AnyType)) if (item.deleted) out.push(key)
  return out
}

/**
 * Reclaims removed entries `keys` of the create-once collection `map` (see the file comment):
 * each deleted entry Item becomes a GC struct and adjacent GC structs merge. Call outside any
 * transaction. Returns how many entries were reclaimed.
 */
export function reclaimRemovedEntries(doc: Y.Doc, map: Y.Map<unknown>, keys: Iterable<string>): number {
  const entries = mapOf(map as AnyType)
  const byClient = new Map<number, Y.Item[]>()
  for (const key of keys) {
    const item = entries.get(key)
    if (!item || !item.deleted || item.keep || (item.parent as unknown) !== map) continue
    entries.delete(key)
    const list = byClient.get(item.id.client) ?? []
    list.push(item)
    byClient.set(item.id.client, list)
  }
  let n = 0
  for (const [client, items] of byClient) {
    const structs = doc.store.clients.get(client)
    if (!structs) continue
    for (const item of items) {
      const i = Y.findIndexSS(structs, item.id.clock)
      if (structs[i] !== item) continue
      structs[i] = new Y.GC(item.id, item.length)
      n++
    }
    mergeGcRuns(structs)
  }
  return n
}

/** Merges adjacent GC structs in place (one pass over the client's structs). */
function mergeGcRuns(structs: Struct[]): void {
  let w = 0
  for (let r = 0; r < structs.length; r++) {
    const s = structs[r]!
    const last = w > 0 ? structs[w - 1]! : undefined
    if (last instanceof Y.GC && s instanceof Y.GC) last.length += s.length
    else structs[w++] = s
  }
  structs.length = w
}
