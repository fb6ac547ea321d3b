/**
 * The few Yjs internals the engine reads, in one place. Yjs 13.6 is pinned exactly in
 * package.json because of them.
 *
 * Why: conflict resolution in the `reference` profile needs to know *who wrote a map entry and
 * when in their stream* (the Yjs ID of the entry's Item: clientID + clock) to fence writes of
 * removed members and to tell whether one write was in another's causal past. Yjs keeps the
 * current Item of each map key in `YMap._map`; `Item.id` is its `{client, clock}`.
 */
import * as Y from 'yjs'

export interface StructId {
  readonly client: number
  readonly clock: number
}

interface MapInternals {
  _map: Map<string, Y.Item>
}

/** The Yjs ID of the Item currently holding `key` in `map`, or undefined when the key is absent or deleted. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any value type
export function entryId(map: Y.Map<any>, key: string): StructId | undefined {
  const item = (map as unknown as MapInternals)._map.get(key)
  if (item === undefined || item.deleted) return undefined
  return item.id
}

/**
 * Calls `f` with every live entry of `map` (key, value, the ID of the Item holding it), in the
 * order `map.entries()` gives them, without building an iterator and an ID lookup per key: the
 * reads that fold every entry of a map (records, membership) run on every change.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any value type
export function forEachEntry(map: Y.Map<any>, f: (key: string, value: unknown, id: StructId) => void): void {
  for (const [key, item] of (map as unknown as MapInternals)._map) {
    if (item.deleted) continue
    const content = item.content.getContent()
    f(key, content[item.length - 1], item.id)
  }
}

/** True while Yjs holds structs or deletions it cannot integrate yet (missing dependencies). */
export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null
}

/**
 * The clients whose writes a document holds pending: the clients of its pending structs, and the
 * clients of the structs its pending deletions wait for (beyond the document's state vector).
 */
export function pendingClients(doc: Y.Doc): Set<number> {
  const out = new Set<number>()
  const ps = doc.store.pendingStructs
  if (ps) for (const client of Y.parseUpdateMetaV2(ps.update).from.keys()) out.add(client)
  if (doc.store.pendingDs)
    for (const [client, items] of Y.decodeUpdateV2(doc.store.pendingDs).ds.clients) {
      const held = Y.getState(doc.store, client)
      if (items.some((it) => it.clock + it.len > held)) out.add(client)
    }
  return out
}

/** `sv[client] > clock`: the struct `id` is integrated in a replica whose state vector is `sv`. */
export const svCovers = (sv: ReadonlyMap<number, number> | Readonly<Record<string, number>>, id: StructId): boolean => {
  const clock = sv instanceof Map ? sv.get(id.client) : (sv as Record<string, number>)[clientKey(id.client)]
  return clock !== undefined && clock > id.clock
}

/** Short, stable text form of a clientID used in map keys and JSON (base 36). */
export const clientKey = (client: number): string => client.toString(36)

export const parseClientKey = (key: string): number => parseInt(key, 36)

/** A state vector as a plain JSON object keyed by `clientKey`. */
export function svToJSON(sv: ReadonlyMap<number, number>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [client, clock] of [...sv.entries()].sort((a, b) => a[0] - b[0])) out[clientKey(client)] = clock
  return out
}

/** Id ranges per client, as a Yjs DeleteSet or an UndoManager stack item holds them. */
export interface IdRanges {
  readonly clients: ReadonlyMap<number, readonly { readonly clock: number; readonly len: number }[]>
}

/**
 * Calls `f` with every Item of `doc` that overlaps `ranges`, read-only: unlike Yjs's own
 * iterateDeletedStructs it splits no struct and needs no transaction (an estimate must not write).
 */
export function itemsIn(doc: Y.Doc, ranges: IdRanges, f: (item: Y.Item) => void): void {
  for (const [client, list] of ranges.clients) {
    const structs = doc.store.clients.get(client)
    if (!structs || structs.length === 0) continue
    const last = structs[structs.length - 1]!
    const end = last.id.clock + last.length
    for (const r of list) {
      if (r.clock >= end) continue
      for (let i = Y.findIndexSS(structs, r.clock); i < structs.length && structs[i]!.id.clock < r.clock + r.len; i++) {
        const s = structs[i]!
        if (s instanceof Y.Item) f(s)
      }
    }
  }
}

/**
 * Structs and delete ranges Yjs holds pending in `doc`, decoding what it keeps (O(pending); Yjs
 * keeps both as v2 updates, merging each new update into them).
 */
export function pendingCount(doc: Y.Doc): number {
  let n = 0
  const structs = doc.store.pendingStructs
  if (structs) n += Y.decodeUpdateV2(structs.update).structs.length
  if (doc.store.pendingDs) {
    for (const ranges of Y.decodeUpdateV2(doc.store.pendingDs).ds.clients.values()) n += ranges.length
  }
  return n
}

/** Forgets what Yjs holds pending in `doc` (nothing of it was integrated or stored). */
export function dropPending(doc: Y.Doc): void {
  doc.store.pendingStructs = null
  doc.store.pendingDs = null
}
