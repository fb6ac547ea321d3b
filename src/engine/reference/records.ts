/**
 * Record layout of the reference profile: what the spec claims, done right on Yjs.
 *
 * Each item is one nested Y.Map (its "fragment") under its id:
 *
 *   `_`            { s: stamp, t: wallMs, f: {initial fields} }     written once, by the creator
 *   `<field>~<ck>` [stamp, value, wallMs]                          one LWW slot per field per writer client
 *   `~d~<ck>`      [stamp, seq, wallMs, byMember]                  a deletion record (grow-only per writer)
 *   `~r~<ck>`      [stamp, {ck: seq}, wallMs, byMember]            a revival (undo of a delete) covering
 *                                                                  these deletions of its member
 *
 * Acknowledgements are not in the item: a member attests once per document the deletions its
 * replica holds (watermarks.ts), and a tombstone is acknowledged by the members whose watermark
 * covers every deletion record the reader holds of it.
 *
 * No two clients ever write the same key, so Yjs never resolves a conflict by clientID: a field
 * shows the slot with the greatest (Lamport stamp, member, client). A deletion is a record no
 * concurrent edit can undo (remove-wins): only a revival that covers it (one that causally
 * follows it) lifts it, and a deletion the revival did not cover still stands; edits that arrive
 * after a prune land in a deleted map and vanish. Every entry counts only if the Authority says
 * its author's write takes effect (fencing).
 */
import * as Y from 'yjs'
import { LabError } from '../base/errors.ts'
import type {
  Authority,
  FieldWrite,
  Fields,
  ReadCtx,
  RecordStrategy,
  RecordView,
  TombstoneNames,
  WriteCtx,
} from '../ports/records.ts'
import { clientKey, entryId } from '../base/yjsInternals.ts'
import { nextStamp } from './lamport.ts'
import {
  CREATION,
  DEL,
  REFERENCE_RECORD_RULES,
  REV,
  fragmentOf,
  memberOf,
  mustFragment,
  type Creation,
  type DeletionRecord,
  type RecordRules,
  type RevivalRecord,
  type Slot,
} from './recordLayout.ts'
import { readRecord } from './recordRead.ts'
import { asCreation, asDeletion, asRevival } from './recordShapes.ts'

export { REFERENCE_RECORD_RULES, type Candidate, type DeletionMark, type RecordRules } from './recordLayout.ts'

/** Reads of one document version under one authority (nothing changes between them). */
interface ReadCache {
  /** Transactions of the document so far (counted here: whoever made the ManagedDoc). */
  version: number
  authority: Authority | undefined
  readonly views: Map<Y.Map<unknown>, Map<string, RecordView | null>>
  /** Views held (bounded: a query reading every item of a large document keeps none past the bound). */
  size: number
}

/** At most this many views held per document (a pass reads the few items that changed, several times). */
const CACHE_BOUND = 64

export class ReferenceRecords implements RecordStrategy {
  private readonly caches = new WeakMap<Y.Doc, ReadCache>()

  constructor(private readonly rules: RecordRules = REFERENCE_RECORD_RULES) {}

  /**
   * Reads of the same version of a document repeat (the op checks an item, then the tombstone
   * and the fallback passes look at what changed): they are kept until the next transaction. Not
   * inside one, where a write may change what was read.
   */
  private cacheOf(rctx: ReadCtx, coll: Y.Map<unknown>): Map<string, RecordView | null> | undefined {
    const doc = rctx.md.doc
    if ((doc as unknown as { _transaction: unknown })._transaction !== null) return undefined
    let c = this.caches.get(doc)
    if (c === undefined) {
      const cache: ReadCache = { version: 0, authority: undefined, views: new Map(), size: 0 }
      doc.on('afterTransaction', () => {
        cache.version++
        cache.views.clear()
        cache.size = 0
      })
      this.caches.set(doc, (c = cache))
    }
    if (c.authority !== rctx.authority) {
      c.authority = rctx.authority
      c.views.clear()
      c.size = 0
    }
    let views = c.views.get(coll)
    if (views === undefined) c.views.set(coll, (views = new Map()))
    return views
  }

  create(ctx: WriteCtx, coll: Y.Map<unknown>, id: string, fields: Fields): FieldWrite[] {
    if (coll.has(id)) throw new LabError('ALREADY_EXISTS', `item ${JSON.stringify(id)} already exists`, { path: id })
    const s = nextStamp(ctx.md)
    const frag = new Y.Map<unknown>()
    coll.set(id, frag)
    frag.set(CREATION, { s, t: ctx.now, f: fields } satisfies Creation)
    return Object.entries(fields).map(([field, value]) => ({ field, value, stamp: s, replica: ctx.member }))
  }

  update(ctx: WriteCtx, coll: Y.Map<unknown>, id: string, fields: Fields): FieldWrite[] {
    const frag = mustFragment(coll, id)
    const s = nextStamp(ctx.md)
    const ck = clientKey(ctx.md.doc.clientID)
    const writes: FieldWrite[] = []
    for (const [field, value] of Object.entries(fields)) {
      frag.set(`${field}~${ck}`, [s, value, ctx.now] satisfies Slot)
      writes.push({ field, value, stamp: s, replica: ctx.member })
    }
    return writes
  }

  remove(ctx: WriteCtx, coll: Y.Map<unknown>, id: string): void {
    const frag = mustFragment(coll, id)
    const key = `${DEL}${clientKey(ctx.md.doc.clientID)}`
    const prev = asDeletion(frag.get(key))
    frag.set(key, [nextStamp(ctx.md), (prev?.[1] ?? 0) + 1, ctx.now, ctx.member] satisfies DeletionRecord)
  }

  read(rctx: ReadCtx, coll: Y.Map<unknown>, id: string, names: TombstoneNames): RecordView | undefined {
    const cache = this.cacheOf(rctx, coll)
    const key = `${names.flag}\u0000${id}`
    const hit = cache?.get(key)
    if (hit !== undefined) return hit ?? undefined
    const view = readRecord(rctx, coll, id, names, this.rules)
    const c = this.caches.get(rctx.md.doc)
    if (cache !== undefined && c !== undefined && c.size < CACHE_BOUND) {
      cache.set(key, view ?? null)
      c.size++
    }
    return view
  }

  keys(coll: Y.Map<unknown>): string[] {
    return [...coll.keys()]
  }

  revive(ctx: WriteCtx, coll: Y.Map<unknown>, id: string, names: TombstoneNames): FieldWrite[] {
    const frag = mustFragment(coll, id)
    const key = `${REV}${clientKey(ctx.md.doc.clientID)}`
    const covers: Record<string, number> = { ...(asRevival(frag.get(key))?.[1] ?? {}) }
    for (const [k, raw] of frag.entries()) {
      const sid = k.startsWith(DEL) ? entryId(frag, k) : undefined
      const rec = asDeletion(raw)
      // Only the reviver's own deletions: undo takes back what this member did, nobody else's.
      if (sid && rec && memberOf(ctx.md, sid.client) === ctx.member) covers[k.slice(DEL.length)] = rec[1]
    }
    const s = nextStamp(ctx.md)
    frag.set(key, [s, covers, ctx.now, ctx.member] satisfies RevivalRecord)
    return [{ field: names.flag, value: false, stamp: s, replica: ctx.member }]
  }

  prune(_ctx: WriteCtx, coll: Y.Map<unknown>, id: string): void {
    coll.delete(id)
  }

  /** Deletes entries a read found compactable; the creation record is never one. */
  compact(_ctx: WriteCtx, coll: Y.Map<unknown>, id: string, keys: readonly string[]): void {
    const frag = fragmentOf(coll, id)
    if (frag) for (const key of keys) if (key !== CREATION && frag.has(key)) frag.delete(key)
  }
}

/** The fields an item was created with (its creation record), whatever was written since. */
export function createdFields(coll: Y.Map<unknown>, id: string): Readonly<Fields> | undefined {
  return asCreation(fragmentOf(coll, id)?.get(CREATION))?.f
}

export type { Authority }
