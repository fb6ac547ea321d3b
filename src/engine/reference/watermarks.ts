/**
 * Deletion watermarks (reference profile): how a member acknowledges tombstones, once per document
 * rather than once per tombstone.
 *
 *   `_acks`  { <writer ck>: [{ <ck>: clock }, digest?] }
 *
 * An entry, keyed by the client key (base 36) of the client that wrote it, states that the
 * replica of that client's member holds every struct of client `ck` below `clock`: a state
 * vector restricted to the clients whose deletions it attests. It acknowledges a tombstone when
 * it covers every deletion the reader holds of it (an item's deletion records, a removed member's
 * removal ops): those are structs, and holding a struct is what a state vector says. A member
 * keeps one entry per document, overwritten in place (Yjs keeps the last write of a key and
 * reduces the one before to a deleted range), and deletes the entries of its own earlier clients
 * when it writes from a new one (a replica's clientID changes on restart and re-add): the bytes a
 * member adds are per document, not per tombstone. The key is the client, not the member id,
 * because the member is already named once by the client's registration (registry.ts).
 *
 * An entry counts only when its key is the client that wrote it, that client is registered to a
 * member (nobody attests for another), and, in content documents, that write takes effect. Where
 * replicas sign, `digest` names the version of the structs it covers (docs/entryVersions.ts): it
 * counts only where the reader holds the same version, and covers only what the writer's signed
 * log vouches for. The member's replica writes it after what it covers was integrated and
 * persisted, in a later transaction: a torn last write then loses the attestation, never the
 * deletion under it.
 */
import type { ManagedDoc } from '../docs/documentManager.ts'
import type { MemberId } from '../base/ids.ts'
import type { Authority, WriteCtx } from '../ports/records.ts'
import { clientKey, forEachEntry, type StructId } from '../base/yjsInternals.ts'
import { registrationOf } from './registry.ts'
import { isWatermark } from './recordShapes.ts'
import { noteIgnored } from '../docs/ignoredRecords.ts'
import { entryVersionsOf } from '../docs/entryVersions.ts'
import * as Y from 'yjs'

export const ACKS = '_acks'

/** Client key -> the clock below which the member's replica holds every struct of that client. */
export type Watermark = Readonly<Record<string, number>>

/** A watermark, with the digest of the version it covers where the writer signs (docs/entryVersions.ts). */
type Entry = [Watermark] | [Watermark, string]

export const acksMapOf = (doc: Y.Doc): Y.Map<Entry> => doc.getMap<Entry>(ACKS)

/** True when the watermark covers the struct `id`. */
export const covers = (wm: Watermark, id: StructId): boolean => (wm[clientKey(id.client)] ?? 0) > id.clock

/** True when the watermark covers every one of `ids`. */
export const coversAll = (wm: Watermark, ids: readonly StructId[]): boolean => ids.every((id) => covers(wm, id))

/** One member's watermarks in a document (normally one; more until its earlier clients' are deleted). */
export interface MemberWatermarks {
  readonly member: MemberId
  /** Writer client key -> watermark. */
  readonly byClient: ReadonlyMap<string, Watermark>
}

interface Cached {
  readonly version: number
  readonly authority: Authority | undefined
  readonly verified: boolean
  /** The entry versions' stamp when read (undefined: not verified). */
  readonly stamp: number | undefined
  readonly value: ReadonlyMap<MemberId, MemberWatermarks>
}

const CACHE = 'ref-watermarks'

/**
 * The watermarks a document holds, per member: each written by the client its key names,
 * registered to that member and, given an `authority`, taking effect under it. Where the replica
 * signs (docs/entryVersions.ts), only watermarks naming the version of the structs it holds count
 * (`verified`; false: every entry, as a member's own entries are deleted). Cached per document
 * version, authority, `verified` and the versions' stamp (the log takes entries apart from the
 * document: evidence changes no document).
 */
export function readWatermarks(
  md: ManagedDoc,
  authority?: Authority,
  verified = true,
): ReadonlyMap<MemberId, MemberWatermarks> {
  const hit = md.ext.get(CACHE) as Cached | undefined
  const versions = verified ? entryVersionsOf(md) : undefined
  const stamp = versions?.stamp()
  if (hit?.version === md.version && hit.authority === authority && hit.verified === verified && hit.stamp === stamp)
    return hit.value
  const value = new Map<MemberId, MemberWatermarks>()
  forEachEntry(acksMapOf(md.doc), (ck, raw, id) => {
    if (!Array.isArray(raw) || !isWatermark(raw[0])) return noteIgnored(md, id, 'ack')
    if (clientKey(id.client) !== ck) return
    const member = registrationOf(md, id.client)?.member
    if (member === undefined || (authority !== undefined && !authority.effective(md, id))) return
    if (versions && !(typeof raw[1] === 'string' && versions.holds(raw[0] as Watermark, raw[1]))) return
    let mine = value.get(member)
    if (mine === undefined) value.set(member, (mine = { member, byClient: new Map() }))
    ;(mine.byClient as Map<string, Watermark>).set(ck, raw[0] as Watermark)
  })
  md.ext.set(CACHE, { version: md.version, authority, verified, stamp, value } satisfies Cached)
  return value
}

/** True when one of the member's watermarks covers every one of `ids`. */
export const someCoversAll = (mw: MemberWatermarks | undefined, ids: readonly StructId[]): boolean => {
  if (mw === undefined) return false
  for (const wm of mw.byClient.values()) if (coversAll(wm, ids)) return true
  return false
}

/**
 * Writes `ctx.member`'s watermark under its current client (inside a system write of `ctx.md`)
 * and deletes the entries of its earlier clients, which it supersedes: the replica holds at
 * least what they attested (they were written after what they cover was saved).
 */
export function writeWatermark(ctx: WriteCtx, wm: Watermark, digest?: string): void {
  const map = acksMapOf(ctx.md.doc)
  const ck = clientKey(ctx.md.doc.clientID)
  for (const old of readWatermarks(ctx.md, undefined, false).get(ctx.member)?.byClient.keys() ?? [])
    if (old !== ck) map.delete(old)
  map.set(ck, digest === undefined ? [wm] : [wm, digest])
}

/** The watermark of what `doc` holds of the clients of `ids`: its state vector, restricted to them. */
export function watermarkOf(doc: Y.Doc, ids: Iterable<StructId>): Record<string, number> {
  const clients = new Set<number>()
  for (const id of ids) clients.add(id.client)
  const out: Record<string, number> = {}
  for (const client of [...clients].sort((a, b) => a - b)) {
    const clock = Y.getState(doc.store, client)
    if (clock > 0) out[clientKey(client)] = clock
  }
  return out
}
