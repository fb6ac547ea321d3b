/**
 * Record layout of the reference profile: what the spec claims, done right on Yjs.
 *
 * Each item is one nested Y.Map (its "fragment") under its id:
 *
 *   `_`            { s: stamp, t: wallMs, f: {initial fields} }     written once, by the creator
 *   `<field>~<ck>` [stamp, value, wallMs]                          one LWW slot per field per writer client
 *   `~d~<ck>`      [stamp, seq, wallMs, byMember]                  a deletion record (grow-only per writer)
 *   `~a~<member>`  [stamp, {ck: seq}]                              the member attests holding these deletions
 *   `~r~<ck>`      [stamp, {ck: seq}, wallMs, byMember]            a revival (undo of a delete) covering
 *                                                                  these deletions of its member
 *
 * No two clients ever write the same key, so Yjs never resolves a conflict by clientID: a field
 * shows the slot with the greatest (Lamport stamp, member, client). A deletion is a record no
 * concurrent edit can undo (remove-wins): only a revival that covers it (one that causally
 * follows it) lifts it, and a deletion the revival did not cover still stands; edits that arrive
 * after a prune land in a deleted map and vanish. Every entry counts only if the Authority says
 * its author's write takes effect (fencing).
 *
 * Every entry is read through its guard (recordShapes.ts): one without the shape its key calls
 * for is ignored, the same way on every replica, and noted in the document's ledger. An item
 * whose creation record is malformed does not exist.
 */
import * as Y from 'yjs'
import { LabError } from '../base/errors.ts'
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
import { clientKey, entryId, forEachEntry, parseClientKey, type StructId } from '../base/yjsInternals.ts'
import { nextStamp } from './lamport.ts'
import { registrationOf } from './registry.ts'
import type { ManagedDoc } from '../docs/documentManager.ts'
import { noteIgnored } from '../docs/ignoredRecords.ts'
import {
  asAck,
  asCreation,
  asDeletion,
  asRevival,
  asSlot,
  type AckRecord,
  type Creation,
  type DeletionRecord,
  type RevivalRecord,
  type Slot,
} from './recordShapes.ts'

const CREATION = '_'
const DEL = '~d~'
const ACK = '~a~'
const REV = '~r~'

/** One write a field may show: its LWW slot, or the creation's initial value. */
export interface Candidate {
  readonly stamp: number
  readonly member: string
  readonly client: number
  readonly value: Json
}

/** One deletion record an ack must cover: the writer's client key and its deletion count. */
export interface DeletionMark {
  readonly ck: string
  readonly seq: number
}

/**
 * The conflict rules of the layout, as one strategy (mutation tests swap in broken ones):
 * which of two writes a field shows, and whether an ack covers an item's deletions.
 */
export interface RecordRules {
  /** Does write `a` beat write `b`? */
  beats(a: Candidate, b: Candidate): boolean
  /** Does an ack covering `covers` (client key -> deletion count) acknowledge every one of `deletions`? */
  ackCovers(covers: Readonly<Record<string, number>>, deletions: readonly DeletionMark[]): boolean
}

/** The reference rules: greater (stamp, member, client) wins; an ack must cover every deletion record. */
export const REFERENCE_RECORD_RULES: RecordRules = {
  beats(a, b) {
    if (a.stamp !== b.stamp) return a.stamp > b.stamp
    if (a.member !== b.member) return a.member > b.member
    return a.client > b.client
  },
  ackCovers: (covers, deletions) => deletions.every((d) => (covers[d.ck] ?? 0) >= d.seq),
}

const fragmentOf = (coll: Y.Map<unknown>, id: string): Y.Map<unknown> | undefined => {
  const f = coll.get(id)
  return f instanceof Y.Map ? f : undefined
}

function mustFragment(coll: Y.Map<unknown>, id: string): Y.Map<unknown> {
  const f = fragmentOf(coll, id)
  if (!f) throw new LabError('NOT_FOUND', `no item ${JSON.stringify(id)}`, { path: id })
  return f
}

const memberOf = (md: ManagedDoc, client: number): string => registrationOf(md, client)?.member ?? ''

interface Deletion {
  readonly id: StructId
  readonly ck: string
  readonly rec: DeletionRecord
  /** The member whose registered client wrote it. */
  readonly by: string
}

/** What one read gathers from a fragment's effective entries. */
interface Gathered {
  readonly best: Map<string, Candidate>
  readonly deletions: Deletion[]
  /** Every revival record: who wrote it and what it covers. */
  readonly revivals: { by: string; covers: Readonly<Record<string, number>> }[]
  readonly acks: { member: string; covers: Readonly<Record<string, number>> }[]
}

export class ReferenceRecords implements RecordStrategy {
  constructor(private readonly rules: RecordRules = REFERENCE_RECORD_RULES) {}

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
    const frag = fragmentOf(coll, id)
    const createdBy = entryId(coll, id)
    if (!frag && createdBy) noteIgnored(rctx.md, createdBy, 'item')
    if (!frag || !createdBy || !rctx.authority.effective(rctx.md, createdBy)) return undefined
    const creation = asCreation(frag.get(CREATION))
    if (!creation) {
      if (frag.has(CREATION)) noteIgnored(rctx.md, entryId(frag, CREATION), 'creation')
      return undefined
    }
    const best = new Map<string, Candidate>()
    const creator = { stamp: creation.s, member: memberOf(rctx.md, createdBy.client), client: createdBy.client }
    for (const [field, value] of Object.entries(creation.f)) best.set(field, { ...creator, value })
    const g: Gathered = { best, deletions: [], revivals: [], acks: [] }
    forEachEntry(frag, (key, raw, sid) => {
      if (key === CREATION || !rctx.authority.effective(rctx.md, sid)) return
      if (key.startsWith(DEL)) {
        const rec = asDeletion(raw)
        if (!rec) return noteIgnored(rctx.md, sid, 'deletion')
        g.deletions.push({ id: sid, ck: key.slice(DEL.length), rec, by: memberOf(rctx.md, sid.client) })
      } else if (key.startsWith(REV)) {
        const rec = asRevival(raw)
        if (!rec) return noteIgnored(rctx.md, sid, 'revival')
        g.revivals.push({ by: memberOf(rctx.md, sid.client), covers: rec[1] })
      } else if (key.startsWith(ACK)) {
        const rec = asAck(raw)
        if (!rec) return noteIgnored(rctx.md, sid, 'ack')
        collectAck(rctx.md, g.acks, key.slice(ACK.length), sid, rec)
      } else {
        const slot = asSlot(raw)
        if (!slot) return noteIgnored(rctx.md, sid, 'slot')
        collectSlot(rctx.md, best, key, sid, slot, this.rules)
      }
    })
    return buildView(id, g, names, this.rules)
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
}

/**
 * Writes `ctx.member`'s ack of the item's deletion: an ack record covering every deletion record
 * this replica holds of it. False (nothing written) when the view shows no deletion, or one the
 * member already acked. The ack strategy (acks.ts) decides when; this is how an ack is stored.
 */
export function writeDeletionAck(ctx: WriteCtx, coll: Y.Map<unknown>, id: string, view: RecordView): boolean {
  if (!view.deleted || view.acked.includes(ctx.member)) return false
  const frag = mustFragment(coll, id)
  const covers: Record<string, number> = {}
  for (const [key, raw] of frag.entries()) {
    const rec = key.startsWith(DEL) ? asDeletion(raw) : undefined
    if (rec) covers[key.slice(DEL.length)] = rec[1]
  }
  frag.set(`${ACK}${ctx.member}`, [nextStamp(ctx.md), covers] satisfies AckRecord)
  return true
}

/** The fields an item was created with (its creation record), whatever was written since. */
export function createdFields(coll: Y.Map<unknown>, id: string): Readonly<Fields> | undefined {
  return asCreation(fragmentOf(coll, id)?.get(CREATION))?.f
}

function collectSlot(
  md: ManagedDoc,
  best: Map<string, Candidate>,
  key: string,
  sid: StructId,
  slot: Slot,
  rules: RecordRules,
): void {
  const cut = key.lastIndexOf('~')
  if (cut <= 0) return
  const field = key.slice(0, cut)
  // As a key of the view's fields it would replace their prototype.
  if (field === '__proto__') return noteIgnored(md, sid, 'slot')
  const cand: Candidate = {
    stamp: slot[0],
    member: memberOf(md, sid.client),
    client: parseClientKey(key.slice(cut + 1)),
    value: slot[1],
  }
  const cur = best.get(field)
  if (!cur || rules.beats(cand, cur)) best.set(field, cand)
}

/** An ack counts only when written by the member's own replica (a registration check). */
function collectAck(
  md: ManagedDoc,
  acks: { member: string; covers: Readonly<Record<string, number>> }[],
  member: string,
  sid: StructId,
  rec: AckRecord,
): void {
  if (memberOf(md, sid.client) === member) acks.push({ member, covers: rec[1] })
}

function buildView(id: string, g: Gathered, names: TombstoneNames, rules: RecordRules): RecordView {
  const fields: Fields = {}
  const stamps: Record<string, number> = {}
  const writers: Record<string, string> = {}
  for (const [field, c] of g.best) {
    fields[field] = c.value
    stamps[field] = c.stamp
    writers[field] = c.member
  }
  // A deletion a revival by the same member covers is lifted; the rest make the item a tombstone.
  const deletions = g.deletions.filter(
    (d) => !g.revivals.some((r) => r.by === d.by && (r.covers[d.ck] ?? 0) >= d.rec[1]),
  )
  const deleted = deletions.length > 0
  fields[names.flag] = deleted
  fields[names.at] = deleted ? Math.min(...deletions.map((d) => d.rec[2])) : 0
  const marks = deletions.map((d) => ({ ck: d.ck, seq: d.rec[1] }))
  const acked = deleted
    ? g.acks
        .filter((a) => rules.ackCovers(a.covers, marks))
        .map((a) => a.member)
        .sort()
    : []
  const deletedBy = [...new Set(deletions.map((d) => d.by))].sort()
  return { id, fields, stamps, deleted, deletions: deletions.map((d) => d.id), acked, writers, deletedBy }
}
