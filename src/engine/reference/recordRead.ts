/**
 * Reading an item of the reference layout (README.md) as a replica shows it: each field shows the
 * effective write with the greatest (stamp, member, client); the item is a tombstone while an
 * effective deletion no revival of its member lifts stands; the members whose watermark covers
 * every such deletion acknowledge it. And, where the authority can say what is settled for good,
 * which entries no read can show again (`compactable`):
 *
 * - an entry whose write is fenced for good: it never counts, whatever arrives;
 * - a slot beaten by a write of its field that counts for good (a slot or the creation): the
 *   field can never show it, since that write always takes part and always beats it.
 *
 * Nothing else is safe to drop: under the reference membership a live member's write can be
 * fenced later by a removal issued by a member who has not seen it, and the write it beat shows
 * again (README.md, "Compaction").
 */
import type * as Y from 'yjs'
import type { MemberId } from '../base/ids.ts'
import type { Fields, ReadCtx, RecordView, TombstoneNames } from '../ports/records.ts'
import { clientKey, entryId, forEachEntry, parseClientKey, type StructId } from '../base/yjsInternals.ts'
import { readWatermarks } from './watermarks.ts'
import {
  CREATION,
  DEL,
  REV,
  fragmentOf,
  memberOf,
  type Candidate,
  type DeletionRecord,
  type RecordRules,
  type Slot,
} from './recordLayout.ts'
import { asCreation, asDeletion, asRevival, asSlot } from './recordShapes.ts'
import { noteIgnored } from '../docs/ignoredRecords.ts'

interface Deletion {
  readonly id: StructId
  readonly ck: string
  readonly rec: DeletionRecord
  /** The member whose registered client wrote it. */
  readonly by: string
}

/** A write a field may show, with its key and whether it counts for good. */
interface Written {
  readonly key: string
  readonly cand: Candidate
  readonly forGood: boolean
}

/** What one read gathers from a fragment's entries. */
interface Gathered {
  readonly best: Map<string, Candidate>
  readonly deletions: Deletion[]
  /** Every revival record: who wrote it and what it covers. */
  readonly revivals: { by: string; covers: Readonly<Record<string, number>> }[]
  /** Per field, every effective write (only when the authority settles writes). */
  readonly written?: Map<string, Written[]>
  /** Keys of entries fenced for good. */
  readonly dead: string[]
}

/** The item `id` of `coll` as this replica shows it, tombstones included; undefined when absent or fenced. */
export function readRecord(
  rctx: ReadCtx,
  coll: Y.Map<unknown>,
  id: string,
  names: TombstoneNames,
  rules: RecordRules,
): RecordView | undefined {
  const { md, authority } = rctx
  const frag = fragmentOf(coll, id)
  const createdBy = entryId(coll, id)
  if (!frag && createdBy) noteIgnored(md, createdBy, 'item')
  if (!frag || !createdBy || !authority.effective(md, createdBy)) return undefined
  const creation = asCreation(frag.get(CREATION))
  if (!creation) {
    if (frag.has(CREATION)) noteIgnored(md, entryId(frag, CREATION), 'creation')
    return undefined
  }
  const final = authority.final
  const best = new Map<string, Candidate>()
  const g: Gathered = { best, deletions: [], revivals: [], dead: [], ...(final ? { written: new Map() } : {}) }
  const creator = { stamp: creation.s, member: memberOf(md, createdBy.client), client: createdBy.client }
  const creatorForGood = final?.(md, createdBy) === 'effective'
  for (const [field, value] of Object.entries(creation.f)) {
    const cand = { ...creator, value }
    best.set(field, cand)
    g.written?.set(field, [{ key: CREATION, cand, forGood: creatorForGood }])
  }
  forEachEntry(frag, (key, raw, sid) => {
    if (key === CREATION) return
    if (!authority.effective(md, sid)) {
      if (final?.(md, sid) === 'fenced') g.dead.push(key)
    } else if (key.startsWith(DEL)) {
      const rec = asDeletion(raw)
      if (!rec) return noteIgnored(md, sid, 'deletion')
      g.deletions.push({ id: sid, ck: key.slice(DEL.length), rec, by: memberOf(md, sid.client) })
    } else if (key.startsWith(REV)) {
      const rec = asRevival(raw)
      if (!rec) return noteIgnored(md, sid, 'revival')
      g.revivals.push({ by: memberOf(md, sid.client), covers: rec[1] })
    } else {
      const slot = asSlot(raw)
      if (!slot) return noteIgnored(md, sid, 'slot')
      collectSlot(rctx, g, key, sid, slot, rules)
    }
  })
  return buildView(id, g, names, rules, rctx)
}

function collectSlot(rctx: ReadCtx, g: Gathered, key: string, sid: StructId, slot: Slot, rules: RecordRules): void {
  const cut = key.lastIndexOf('~')
  if (cut <= 0) return
  const field = key.slice(0, cut)
  // As a key of the view's fields it would replace their prototype.
  if (field === '__proto__') return noteIgnored(rctx.md, sid, 'slot')
  const cand: Candidate = {
    stamp: slot[0],
    member: memberOf(rctx.md, sid.client),
    client: parseClientKey(key.slice(cut + 1)),
    value: slot[1],
  }
  const cur = g.best.get(field)
  if (!cur || rules.beats(cand, cur)) g.best.set(field, cand)
  if (g.written) {
    const list = g.written.get(field) ?? []
    list.push({ key, cand, forGood: rctx.authority.final?.(rctx.md, sid) === 'effective' })
    g.written.set(field, list)
  }
}

/** Keys of slots beaten by a write of their field that counts for good, and of entries fenced for good. */
function compactable(g: Gathered, rules: RecordRules): string[] {
  const out = [...g.dead]
  for (const list of g.written?.values() ?? []) {
    let top: Candidate | undefined
    for (const w of list) if (w.forGood && (top === undefined || rules.beats(w.cand, top))) top = w.cand
    if (top === undefined) continue
    for (const w of list) if (w.key !== CREATION && w.cand !== top && rules.beats(top, w.cand)) out.push(w.key)
  }
  return out
}

function buildView(id: string, g: Gathered, names: TombstoneNames, rules: RecordRules, rctx: ReadCtx): RecordView {
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
  const acked: MemberId[] = []
  if (deleted) {
    const marks = deletions.map((d) => ({ ck: clientKey(d.id.client), clock: d.id.clock }))
    for (const [member, mw] of readWatermarks(rctx.md, rctx.authority))
      for (const wm of mw.byClient.values())
        if (rules.ackCovers(wm, marks)) {
          acked.push(member)
          break
        }
    acked.sort()
  }
  const deletedBy = [...new Set(deletions.map((d) => d.by))].sort()
  const view = { id, fields, stamps, deleted, deletions: deletions.map((d) => d.id), acked, writers, deletedBy }
  if (!g.written && g.dead.length === 0) return view
  const keys = compactable(g, rules)
  return keys.length > 0 ? { ...view, compactable: keys } : view
}
