/**
 * Record layout of the `spec` profile: what the spec's code does, flaws included.
 *
 * Each item is a nested Y.Map with the spec's fields as keys. Edits set the key and `updated_at`
 * (wall clock, whole seconds, as `Utc::now().timestamp()`); concurrent writes to one key are
 * resolved by Yjs (by clientID), not by timestamp. A deletion sets `deleted=true` (or
 * `archived`/`closed`), its time, and an empty `ack_vector`; a later key-level re-set can undo it.
 * Acks are written by the *receiver* for the peer an update came from (`on_peer_sync`).
 */
import * as Y from 'yjs'
import { isJson } from '../base/jsonValue.ts'
import { LabError } from '../base/errors.ts'
import type { MemberId } from '../base/ids.ts'
import type {
  FieldWrite,
  Fields,
  Json,
  ReadCtx,
  RecordStrategy,
  RecordView,
  TombstoneNames,
  WriteCtx,
} from '../ports/records.ts'
import { entryId } from '../base/yjsInternals.ts'

export const ACK_VECTOR = 'ack_vector'

/** The spec stores Unix timestamps in seconds. */
export const specSeconds = (ms: number): number => Math.floor(ms / 1000)

const itemOf = (coll: Y.Map<unknown>, id: string): Y.Map<unknown> | undefined => {
  const v = coll.get(id)
  return v instanceof Y.Map ? v : undefined
}

function mustItem(coll: Y.Map<unknown>, id: string): Y.Map<unknown> {
  const item = itemOf(coll, id)
  if (!item) throw new LabError('NOT_FOUND', `no item ${JSON.stringify(id)}`, { path: id })
  return item
}

export class SpecRecords implements RecordStrategy {
  create(ctx: WriteCtx, coll: Y.Map<unknown>, id: string, fields: Fields): FieldWrite[] {
    if (coll.has(id)) throw new LabError('ALREADY_EXISTS', `item ${JSON.stringify(id)} already exists`, { path: id })
    const now = specSeconds(ctx.now)
    const item = new Y.Map<unknown>()
    coll.set(id, item)
    const all: Fields = 'updated_at' in fields ? fields : { ...fields, updated_at: now }
    for (const [k, v] of Object.entries(all)) item.set(k, v)
    return Object.entries(all).map(([field, value]) => ({ field, value, stamp: now, replica: ctx.member }))
  }

  update(ctx: WriteCtx, coll: Y.Map<unknown>, id: string, fields: Fields): FieldWrite[] {
    const item = mustItem(coll, id)
    const now = specSeconds(ctx.now)
    // A caller that stamps `updated_at` itself (kanban, issues) gets it written once, not twice.
    const all: Fields = 'updated_at' in fields ? fields : { ...fields, updated_at: now }
    for (const [k, v] of Object.entries(all)) item.set(k, v)
    return Object.entries(all).map(([field, value]) => ({ field, value, stamp: now, replica: ctx.member }))
  }

  remove(ctx: WriteCtx, coll: Y.Map<unknown>, id: string, names: TombstoneNames): void {
    const item = mustItem(coll, id)
    item.set(names.flag, true)
    item.set(names.at, specSeconds(ctx.now))
    item.set(ACK_VECTOR, new Y.Map())
  }

  /**
   * The spec's way back: re-set the flag (a key-level write that a concurrent delete may or may not beat, by clientID).
   */
  revive(ctx: WriteCtx, coll: Y.Map<unknown>, id: string, names: TombstoneNames): FieldWrite[] {
    const item = mustItem(coll, id)
    const now = specSeconds(ctx.now)
    item.set(names.flag, false)
    item.set(names.at, 0)
    item.set('updated_at', now)
    return [{ field: names.flag, value: false, stamp: now, replica: ctx.member }]
  }

  read(_rctx: ReadCtx, coll: Y.Map<unknown>, id: string, names: TombstoneNames): RecordView | undefined {
    const item = itemOf(coll, id)
    if (!item) return undefined
    const fields: Fields = {}
    let acked: MemberId[] = []
    for (const [k, v] of item.entries()) {
      if (k === ACK_VECTOR) acked = v instanceof Y.Map ? [...v.keys()].sort() : []
      else if (k !== '__proto__') {
        // What is not JSON (bytes, Infinity, undefined) reads as absent, the same on every replica.
        const value = v instanceof Y.AbstractType ? v.toJSON() : v
        if (isJson(value)) fields[k] = value as Json
      }
    }
    const deleted = fields[names.flag] === true
    if (fields[names.at] === undefined) fields[names.at] = 0
    fields[names.flag] = deleted
    const stamp = typeof fields.updated_at === 'number' ? fields.updated_at : 0
    const stamps = Object.fromEntries(Object.keys(fields).map((k) => [k, stamp]))
    const flagId = entryId(item, names.flag)
    return { id, fields, stamps, deleted, deletions: deleted && flagId ? [flagId] : [], acked: deleted ? acked : [] }
  }

  keys(coll: Y.Map<unknown>): string[] {
    return [...coll.keys()]
  }

  prune(_ctx: WriteCtx, coll: Y.Map<unknown>, id: string): void {
    coll.delete(id)
  }
}

/**
 * Writes, on the receiver, `peer`'s entry in the item's `ack_vector` (the spec's on_peer_sync).
 * False when it is there already. How a spec ack is stored; the ack strategy (acks.ts) decides when.
 */
export function writePeerAck(ctx: WriteCtx, coll: Y.Map<unknown>, id: string, peer: MemberId): boolean {
  const item = mustItem(coll, id)
  let av = item.get(ACK_VECTOR)
  if (!(av instanceof Y.Map)) {
    av = new Y.Map()
    item.set(ACK_VECTOR, av)
  }
  const acks = av as Y.Map<unknown>
  // The spec re-stamps the ack on every sync; recording it once keeps the meaning and avoids an
  // endless ack ping-pong while a tombstone waits for an offline member.
  if (acks.has(peer)) return false
  acks.set(peer, specSeconds(ctx.now))
  return true
}
