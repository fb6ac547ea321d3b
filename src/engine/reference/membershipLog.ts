/**
 * Storage of the reference profile's membership in the core document.
 *
 *   members        `<member>~<ck>~<stamp>` -> Y.Map of op entries `<ck>.<stamp>` -> OpEntry
 *   member_fences  `<member>~<ck>`         -> FenceRecord, left behind when a removed member is pruned
 *   _acks          `<member>`              -> the member's watermark (watermarks.ts): a removed member's
 *                                             tombstone is acknowledged by the watermarks covering its removal ops
 *
 * A member's ops live in "fragments" created by whoever first wrote about the member (or revived
 * it): concurrent first adds by two admins then never collide on one map key (Yjs would keep one
 * and silently drop the other), and ops written into a fragment that a prune removed vanish.
 */
import * as Y from 'yjs'
import type { MemberId } from '../base/ids.ts'
import type { EntitySvs } from '../ports/membership.ts'
import type { MembershipOpKind } from '../ports/roles.ts'
import { entryId, forEachEntry, parseClientKey, type StructId } from '../base/yjsInternals.ts'
import { registrationOf } from './registry.ts'
import { noteIgnored } from '../docs/ignoredRecords.ts'
import { isPlainObject } from '../base/jsonValue.ts'
import { isStamp } from './recordShapes.ts'
import type { ManagedDoc } from '../docs/documentManager.ts'
import type { Role } from '../base/enums.ts'

export const MEMBERS = 'members'
export const MEMBER_FENCES = 'member_fences'

export interface OpEntry {
  readonly k: MembershipOpKind
  readonly r?: Role
  readonly by: MemberId
  /** Lamport stamp (core document). */
  readonly s: number
  /** Wall-clock ms at the issuer. */
  readonly t: number
  /** The issuer's state vectors before the op: `core` always; every concern for a removal (its fence). */
  readonly sv: EntitySvs
}

/** One membership op as read back, with who really wrote it. */
export interface StoredOp {
  readonly key: string
  readonly target: MemberId
  readonly fragment: string
  readonly entry: OpEntry
  readonly id: StructId
  /** Member the writing client registered as ('' when unregistered). */
  readonly author: MemberId
  /** From a fence record: it took effect before the member's record was pruned; the fold replays it as is. */
  readonly preapplied?: boolean
}

/**
 * What a pruned member leaves behind: the ops about it that had taken effect (adds, role
 * changes, removals), so the fold still knows when it was a member with which role (ops it
 * issued before its removal stay valid) and fencing still works.
 */
export interface FenceRecord {
  readonly ops: readonly [key: string, client: number, clock: number, entry: OpEntry][]
}

export const membersMap = (doc: Y.Doc): Y.Map<Y.Map<OpEntry>> => doc.getMap(MEMBERS)
export const fencesMap = (doc: Y.Doc): Y.Map<FenceRecord> => doc.getMap(MEMBER_FENCES)

/** The member a `<member>~...` key is about. */
export const memberOfKey = (key: string): MemberId => key.slice(0, key.indexOf('~'))

/** Every op stored in the core document, in no particular order. */
export function readOps(md: ManagedDoc): StoredOp[] {
  const ops: StoredOp[] = []
  forEachEntry(membersMap(md.doc), (fragment, frag, fid) => {
    if (!(frag instanceof Y.Map)) return noteIgnored(md, fid, 'membership-op')
    const target = memberOfKey(fragment)
    forEachEntry(frag, (key, entry, id) => {
      if (isOpEntry(entry))
        ops.push({ key, target, fragment, entry, id, author: registrationOf(md, id.client)?.member ?? '' })
      else noteIgnored(md, id, 'membership-op')
    })
  })
  return ops
}

/** Ops in the fold's linear order: (stamp, issuer, key) - consistent with causality. */
export function linearize(ops: StoredOp[]): StoredOp[] {
  return ops.sort(compareOps)
}

/** The fold's linear order: (stamp, issuer, key). */
export const compareOps = (a: StoredOp, b: StoredOp): number =>
  a.entry.s - b.entry.s || cmp(a.entry.by, b.entry.by) || cmp(a.key, b.key)

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** The op stored under `key` of the fragment `fragment`, if that entry is an op. */
export function storedOp(md: ManagedDoc, fragment: string, frag: Y.Map<OpEntry>, key: string): StoredOp | undefined {
  const entry = frag.get(key)
  const id = entryId(frag, key)
  if (!id || !isOpEntry(entry)) return undefined
  return {
    key,
    target: memberOfKey(fragment),
    fragment,
    entry,
    id,
    author: registrationOf(md, id.client)?.member ?? '',
  }
}

const isSv = (x: unknown): x is Record<string, number> =>
  isPlainObject(x) && Object.values(x).every((c) => Number.isSafeInteger(c) && (c as number) >= 0)

/** An op entry with its shape: a stamp, a finite time, an issuer, a kind, state vectors (`core` at least). */
function isOpEntry(v: unknown): v is OpEntry {
  if (!isPlainObject(v)) return false
  const e = v as Partial<Record<keyof OpEntry, unknown>>
  return (
    isStamp(e.s) &&
    typeof e.t === 'number' &&
    Number.isFinite(e.t) &&
    typeof e.by === 'string' &&
    (e.r === undefined || typeof e.r === 'string') &&
    (e.k === 'add' || e.k === 'remove' || e.k === 'role') &&
    isPlainObject(e.sv) &&
    isSv(e.sv.core) &&
    Object.values(e.sv).every(isSv)
  )
}

/** One op a fence record keeps: `[key, client, clock, entry]`. */
const isFenceOp = (x: unknown): x is FenceRecord['ops'][number] =>
  Array.isArray(x) &&
  typeof x[0] === 'string' &&
  Number.isSafeInteger(x[1]) &&
  Number.isSafeInteger(x[2]) &&
  x[1] >= 0 &&
  x[2] >= 0 &&
  isOpEntry(x[3])

/** The fragment new ops about `target` go into (the newest one), or undefined. */
export function latestFragment(doc: Y.Doc, target: MemberId): string | undefined {
  let best: string | undefined
  let bestStamp = -1
  for (const [key, frag] of membersMap(doc).entries()) {
    if (memberOfKey(key) !== target || !(frag instanceof Y.Map)) continue
    const stamp = Number(key.slice(key.lastIndexOf('~') + 1))
    if (stamp > bestStamp || (stamp === bestStamp && best !== undefined && key > best)) {
      best = key
      bestStamp = stamp
    }
  }
  return best
}

/** The ops fence records preserve, as pre-applied stored ops (one per op, whichever record holds it). */
export function readFenceOps(doc: Y.Doc): StoredOp[] {
  const out = new Map<string, StoredOp>()
  for (const [recordKey, rec] of fencesMap(doc).entries()) {
    if (!isPlainObject(rec) || !Array.isArray(rec.ops) || !rec.ops.every(isFenceOp)) continue
    const target = memberOfKey(recordKey)
    for (const [key, client, clock, entry] of rec.ops) {
      out.set(`${client}.${clock}`, {
        key,
        target,
        fragment: recordKey,
        entry,
        id: { client, clock },
        author: entry.by,
        preapplied: true,
      })
    }
  }
  return [...out.values()]
}

/** `id` is in the causal past of a write whose issuer had state vector `sv` (clientKey -> clock). */
export function inPast(id: StructId, sv: Readonly<Record<string, number>> | undefined): boolean {
  if (!sv) return false
  const clock = sv[id.client.toString(36)]
  return clock !== undefined && clock > id.clock
}

export { parseClientKey }
