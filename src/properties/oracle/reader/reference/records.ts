/**
 * The reference profile's record layout, decoded as its documentation states it
 * (src/engine/reference/records.ts and registry.ts describe the format):
 *
 *   `_clients` root      `<clientKey>` -> [member, coreStateVector]   who writes with a clientID
 *   an item              a Y.Map under its id in its collection, holding
 *     `_`                { s: stamp, t: wallMs, f: {initial fields} }  its creation
 *     `<field>~<ck>`     [stamp, value, wallMs]                        one LWW slot per field per writer
 *     `~d~<ck>`          [stamp, seq, wallMs, byMember]                a deletion record
 *     `~r~<ck>`          [stamp, {ck: seq}, wallMs, byMember]          a revival covering deletions
 *     `~a~...`           acknowledgements (the oracle judges pruning by what replicas hold, not by acks)
 *
 * A field shows the effective write with the greatest (stamp, member, client); an item is a
 * tombstone while an effective deletion is not covered by a revival of the same member. Whether a
 * write is effective is the core document's (core.ts): fencing of removed members.
 */
import * as Y from 'yjs'
import { entries, entryStruct, type CoreRead, type ItemRecord, type Json, type StructId } from '../views.ts'

export const CLIENTS = '_clients'
const CREATION = '_'
const DEL = '~d~'
const REV = '~r~'
const ACK = '~a~'

/** The member a client registered as in `doc` ('' when unregistered), and the core state vector then. */
export function registration(doc: Y.Doc, client: number): { member: string; coreSv: Record<string, number> } {
  const e = doc.getMap<unknown>(CLIENTS).get(client.toString(36))
  return Array.isArray(e) && typeof e[0] === 'string'
    ? { member: e[0], coreSv: (e[1] ?? {}) as Record<string, number> }
    : { member: '', coreSv: {} }
}

interface Candidate {
  readonly stamp: number
  readonly member: string
  readonly client: number
  readonly value: Json
}

/** The reference's LWW order: greater stamp, then member, then client. */
export const beats = (a: Candidate, b: Candidate): boolean =>
  a.stamp !== b.stamp ? a.stamp > b.stamp : a.member !== b.member ? a.member > b.member : a.client > b.client

/** Splits `<field>~<clientKey>`. */
export function slotKey(key: string): { field: string; client: number } | undefined {
  const cut = key.lastIndexOf('~')
  if (cut <= 0) return undefined
  return { field: key.slice(0, cut), client: Number.parseInt(key.slice(cut + 1), 36) }
}

/**
 * The item `id` of collection `coll` (a root map of `doc`, document concern `concern`) as the
 * replica shows it; undefined when absent, pruned, or created by a write that does not count.
 * `flag` names the tombstone field (`deleted`, `archived`, `closed`).
 */
export function readRecord(
  doc: Y.Doc,
  concern: string,
  core: CoreRead,
  coll: Y.Map<unknown>,
  id: string,
  flag: string,
): ItemRecord | undefined {
  const frag = coll.get(id)
  const made = entryStruct(coll, id)
  if (!(frag instanceof Y.Map) || !made || !core.effective(concern, doc, made)) return undefined
  const creation = frag.get(CREATION) as { s?: unknown; f?: unknown } | undefined
  if (!creation || typeof creation.s !== 'number') return undefined
  const best = new Map<string, Candidate>()
  const creator = { stamp: creation.s, member: registration(doc, made.client).member, client: made.client }
  for (const [field, value] of Object.entries((creation.f ?? {}) as Record<string, Json>))
    best.set(field, { ...creator, value })
  const deletions: { id: StructId; ck: string; seq: number; by: string }[] = []
  const revivals: { by: string; covers: Record<string, number> }[] = []
  for (const { key, value, id: sid } of entries(frag)) {
    if (key === CREATION || key.startsWith(ACK) || !core.effective(concern, doc, sid)) continue
    const by = registration(doc, sid.client).member
    if (key.startsWith(DEL) && Array.isArray(value))
      deletions.push({ id: sid, ck: key.slice(DEL.length), seq: Number(value[1]), by })
    else if (key.startsWith(REV))
      revivals.push({ by, covers: (Array.isArray(value) ? value[1] : {}) as Record<string, number> })
    else {
      const slot = slotKey(key)
      if (!slot || !Array.isArray(value) || typeof value[0] !== 'number') continue
      const cand = { stamp: value[0], member: by, client: slot.client, value: value[1] as Json }
      const cur = best.get(slot.field)
      if (!cur || beats(cand, cur)) best.set(slot.field, cand)
    }
  }
  const standing = deletions.filter((d) => !revivals.some((r) => r.by === d.by && (r.covers[d.ck] ?? 0) >= d.seq))
  const fields: Record<string, Json> = {}
  const stamps: Record<string, number> = {}
  const writers: Record<string, string> = {}
  for (const [field, c] of best) {
    fields[field] = c.value
    stamps[field] = c.stamp
    writers[field] = c.member
  }
  fields[flag] = standing.length > 0
  return { id, fields, stamps, writers, deleted: standing.length > 0, deletions: standing.map((d) => d.id) }
}

/** Every item of a collection the replica shows (tombstones included), by id. */
export function readRecords(
  doc: Y.Doc,
  concern: string,
  core: CoreRead,
  coll: Y.Map<unknown>,
  flag: string,
): ItemRecord[] {
  const out: ItemRecord[] = []
  for (const id of [...coll.keys()].sort()) {
    const r = readRecord(doc, concern, core, coll, id, flag)
    if (r) out.push(r)
  }
  return out
}

/** One entry of an item fragment an op wrote, decoded (see `writtenEntry`). */
export type FragmentWrite =
  | { readonly kind: 'create'; readonly fields: Record<string, Json>; readonly stamp: number }
  | { readonly kind: 'field'; readonly field: string; readonly value: Json; readonly stamp: number }
  | { readonly kind: 'delete' }
  | { readonly kind: 'revive' }
  | { readonly kind: 'other' }

/** What writing `value` under `key` of an item fragment means. */
export function writtenEntry(key: string, value: unknown): FragmentWrite {
  if (key === CREATION) {
    const c = value as { s?: unknown; f?: unknown }
    return typeof c?.s === 'number'
      ? { kind: 'create', fields: (c.f ?? {}) as Record<string, Json>, stamp: c.s }
      : { kind: 'other' }
  }
  if (key.startsWith(DEL)) return { kind: 'delete' }
  if (key.startsWith(REV)) return { kind: 'revive' }
  if (key.startsWith(ACK)) return { kind: 'other' }
  const slot = slotKey(key)
  if (!slot || !Array.isArray(value) || typeof value[0] !== 'number') return { kind: 'other' }
  return { kind: 'field', field: slot.field, value: value[1] as Json, stamp: value[0] }
}
