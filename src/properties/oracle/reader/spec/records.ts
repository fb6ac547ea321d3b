/**
 * The spec profile's layout, as the spec's schema draws it (src/engine/spec/records.ts and
 * membership.ts restate it): an item is a Y.Map of its schema fields under its id; an edit sets
 * the keys and `updated_at` (wall-clock Unix seconds); a deletion sets the flag (`deleted`,
 * `archived`, `closed`) and its time and an empty `ack_vector`. Concurrent writes of one key are
 * resolved by Yjs (by clientID), so a field's stamp is the item's `updated_at`.
 *
 * Membership: `members` maps a member id to its MemberData (`role`, `joined_at`, `deleted`, ...);
 * a member is active while not deleted. Every write counts (the spec fences nothing).
 */
import * as Y from 'yjs'
import { entries, entryStruct, jsonOf, type CoreRead, type ItemRecord, type Json, type StructId } from '../views.ts'

export const ACK_VECTOR = 'ack_vector'

/** The spec's Unix seconds from a wall clock in ms. */
export const seconds = (ms: number): number => Math.floor(ms / 1000)

/** A record of the spec layout: its fields, `updated_at` as every field's stamp. */
export function specRecord(map: Y.Map<unknown>, id: string, flag: string): ItemRecord {
  const fields: Record<string, Json> = {}
  for (const { key, value } of entries(map)) if (key !== ACK_VECTOR) fields[key] = jsonOf(value)
  const deleted = fields[flag] === true
  fields[flag] = deleted
  const stamp = typeof fields.updated_at === 'number' ? fields.updated_at : 0
  const stamps = Object.fromEntries(Object.keys(fields).map((k) => [k, stamp]))
  const writers = Object.fromEntries(Object.keys(fields).map((k) => [k, '']))
  const flagId = entryStruct(map, flag)
  return { id, fields, stamps, writers, deleted, deletions: deleted && flagId ? [flagId] : [] }
}

/** Every item of a collection (tombstones included), by id. */
export function specRecords(coll: Y.Map<unknown>, flag: string): ItemRecord[] {
  const out: ItemRecord[] = []
  for (const id of [...coll.keys()].sort()) {
    const m = coll.get(id)
    if (m instanceof Y.Map) out.push(specRecord(m, id, flag))
  }
  return out
}

/** The spec membership of a core document. */
export function readSpecCore(core: Y.Doc): CoreRead {
  const roles = new Map<string, string>()
  const removed: { member: string; deletions: StructId[] }[] = []
  for (const { key, value } of entries(core.getMap<unknown>('members'))) {
    if (!(value instanceof Y.Map)) continue
    if (value.get('deleted') === true) {
      const flag = entryStruct(value, 'deleted')
      removed.push({ member: key, deletions: flag ? [flag] : [] })
      continue
    }
    const role = value.get('role')
    roles.set(key, role === 'owner' || role === 'admin' ? role : 'member')
  }
  return {
    active: [...roles.keys()].sort(),
    removed: () => removed,
    roleOf: (m) => roles.get(m),
    effective: () => true,
  }
}
