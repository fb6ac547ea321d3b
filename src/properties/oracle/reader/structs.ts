/**
 * Struct-level facts of a document, read with plain Yjs: which structs make up an item (a replica
 * holds the item when its state vector covers them), and how many removed entries a map still
 * keeps as Items (a removed entry Yjs has not turned into a GC struct costs ~28 bytes forever).
 */
import * as Y from 'yjs'

type MapInternals = { _map: Map<string, Y.Item> }

/** End clock per client of every struct of the entry `id` of `coll` (its own Item and all it holds), or undefined. */
export function itemNeed(coll: Y.Map<unknown>, id: string): Map<number, number> | undefined {
  const top = (coll as unknown as MapInternals)._map.get(id)
  if (!top || top.deleted) return undefined
  const need = new Map<number, number>()
  const walk = (item: Y.Item): void => {
    const end = item.id.clock + item.length
    if ((need.get(item.id.client) ?? 0) < end) need.set(item.id.client, end)
    const content = item.content
    if (!(content instanceof Y.ContentType)) return
    const type = content.type
    if (type instanceof Y.Map) for (const child of (type as unknown as MapInternals)._map.values()) walk(child)
    for (let n = type._start; n !== null; n = n.right) walk(n)
  }
  walk(top)
  return need
}

/** Keys of `map` whose entry was removed and is still held as an Item. */
export function removedEntries(map: Y.Map<unknown>): number {
  let n = 0
  for (const item of (map as unknown as MapInternals)._map.values()) if (item.deleted) n++
  return n
}
