/**
 * Semantic undo of the reference profile. Y.UndoManager would restore an old map entry with its
 * old Lamport stamp, so a write that saw a newer one could lose to it (the `lww` claim breaks).
 * Instead every local op is remembered as an invertible entry, and undo or redo issues new writes
 * with fresh stamps:
 *
 *   entry                      inverse write                      has an effect when
 *   add / re-create (live)     a deletion record                  the element is live
 *   delete (deleted)           a new element: the deleted one's   only our deletions hold it
 *                              fields under a fresh id
 *   fields (from -> to)        `from` on the fields still ours    a field still shows our write
 *
 * "Still ours": the field shows the stamp our write carried (or the stamp of the undo or redo that
 * brought that value back, see `restamp`), written by this member. A field
 * someone else wrote since keeps their value (only the local user's operations are undone), and a
 * deletion by someone else, seen or concurrent, is never lifted (remove-wins). A pruned element
 * has no effect left: its entries are dropped and it never reappears.
 *
 * Undo never revives a deleted element in place: it re-creates it as a new element (a fresh id,
 * the fields the deleted one showed), and every entry of the timeline about the old id moves to
 * the new one (as Y.UndoManager follows its `redone` links). An in-place revival would race the
 * prune: a member's ack of its own deletion is written with the deletion, so peers that hold
 * every ack prune while the member's undo, not having heard of it yet, shows the element again
 * until the prune reaches it (a pruned element reappeared: pruneSafety). A new element races
 * nothing: the old one stays a tombstone and is pruned as any other, and acks stay immediate, so
 * pruning never waits for anyone's undo history.
 */
import {
  DELETED,
  type FieldWrite,
  type Fields,
  type ReadCtx,
  type RecordView,
  type WriteCtx,
} from '../../ports/records.ts'
import { writeCanvas, writeRecords } from './canvasWrite.ts'
import type { CanvasHistory, CanvasEntity } from './history.ts'
import { entriesBytes } from './sizeLimit.ts'
import type { OpResult } from '../../ports/effects.ts'
import type { HistoryEntry, Timeline } from '../../ports/canvasSession.ts'

/** An inverse ready to write: its estimated size, the write, and the entry that inverts it in turn. */
interface Plan {
  /** The element the inverse writes (a re-created element's new id). */
  readonly element: string
  readonly bytes: number
  readonly deletes: boolean
  apply(ctx: WriteCtx): FieldWrite[]
  next(writes: readonly FieldWrite[]): HistoryEntry
  /** Our writes this inverse brings back (by stamp, per field): older entries that left them are re-stamped. */
  readonly restores?: Readonly<Record<string, number>>
  /** A re-creation: the deleted element and how it showed; the timeline's entries about it move over. */
  readonly moves?: { readonly from: string; readonly view: RecordView }
}

const stampsOf = (writes: readonly FieldWrite[]): Record<string, number> =>
  Object.fromEntries(writes.map((w) => [w.field, w.stamp]))

const pick = (fields: Fields, keys: readonly string[]): Fields =>
  Object.fromEntries(keys.map((k) => [k, fields[k] ?? null]))

/** How an undo brings a deleted element back: re-created under a new id, or (a broken engine) revived in place. */
export type Revival = 'new-element' | 'in-place'

function lifePlan(
  e: CanvasEntity,
  rctx: ReadCtx,
  entry: HistoryEntry & { kind: 'life' },
  revival: Revival,
): Plan | undefined {
  const v = e.profile.canvas.record(rctx, entry.element)
  if (!v) return undefined
  const id = entry.element
  if (entry.live) {
    if (v.deleted) return undefined
    return {
      element: id,
      bytes: entriesBytes({ deletion: [0, 0, 0, e.member] }),
      deletes: true,
      apply: (ctx) => {
        e.profile.canvas.remove(ctx, id)
        return []
      },
      next: () => ({ kind: 'life', element: id, live: false }),
    }
  }
  // Only our own deletions may hold it: an undo takes back nobody else's.
  if (!v.deleted || !(v.deletedBy ?? []).every((m) => m === e.member)) return undefined
  if (revival === 'in-place')
    return {
      element: id,
      // A revival lists the deletions it covers: one client key and sequence number each.
      bytes: entriesBytes({ revival: [0, {}, 0, e.member] }) + 24 * v.deletions.length,
      deletes: false,
      apply: (ctx) => e.profile.canvas.revive(ctx, id),
      next: () => ({ kind: 'life', element: id, live: true }),
    }
  const copy = e.ids.next('el')
  const { [DELETED.flag]: _flag, [DELETED.at]: _at, ...shown } = v.fields
  const fields: Fields = { ...shown, id: copy }
  return {
    element: copy,
    bytes: entriesBytes(fields),
    deletes: false,
    apply: (ctx) => e.profile.canvas.add(ctx, copy, fields),
    next: () => ({ kind: 'life', element: copy, live: true }),
    moves: { from: id, view: v },
  }
}

/**
 * Moves every entry about `from` to the element that re-created it: a field that showed our write
 * when it was deleted now shows the same value under the re-creation's stamp.
 */
function move(
  stacks: readonly HistoryEntry[][],
  member: string,
  m: { readonly from: string; readonly view: RecordView; readonly to: string; readonly stamp: number },
): void {
  const { from, view: was, to, stamp } = m
  for (const stack of stacks)
    stack.forEach((x, i) => {
      if (x.element !== from) return
      if (x.kind === 'life') {
        stack[i] = { ...x, element: to }
        return
      }
      const stamps = { ...x.stamps }
      for (const f of Object.keys(stamps))
        if (was.stamps[f] === stamps[f] && was.writers?.[f] === member) stamps[f] = stamp
      stack[i] = { ...x, element: to, stamps }
    })
}

function fieldsPlan(e: CanvasEntity, rctx: ReadCtx, entry: HistoryEntry & { kind: 'fields' }): Plan | undefined {
  const v = e.profile.canvas.record(rctx, entry.element)
  if (!v || v.deleted) return undefined
  const ours = Object.keys(entry.to).filter((f) => v.stamps[f] === entry.stamps[f] && v.writers?.[f] === e.member)
  if (ours.length === 0) return undefined
  const restore = pick(entry.from, ours)
  const prior = Object.fromEntries(ours.map((f) => [f, entry.stamps[f]!]))
  return {
    element: entry.element,
    bytes: entriesBytes({ ...restore, updated_at: 0 }),
    deletes: false,
    apply: (ctx) => e.profile.canvas.update(ctx, entry.element, restore),
    next: (writes) => ({
      kind: 'fields',
      element: entry.element,
      from: pick(entry.to, ours),
      to: restore,
      stamps: stampsOf(writes),
      prior,
    }),
    restores: Object.fromEntries(ours.filter((f) => entry.prior[f] !== undefined).map((f) => [f, entry.prior[f]!])),
  }
}

const planFor = (e: CanvasEntity, rctx: ReadCtx, entry: HistoryEntry, revival: Revival): Plan | undefined =>
  entry.kind === 'life' ? lifePlan(e, rctx, entry, revival) : fieldsPlan(e, rctx, entry)

/**
 * An inverse that brings back a state one of our older entries left (undo `d` restores what `c`
 * wrote) does so with fresh stamps; the older entry now owns those, so it stays undoable (as
 * Y.UndoManager follows `redone` links). Only our own stamps are keyed, so no other member's
 * write is ever taken for ours.
 */
function restamp(
  older: readonly HistoryEntry[],
  element: string,
  restores: Readonly<Record<string, number>>,
  writes: readonly FieldWrite[],
): void {
  for (const w of writes) {
    const was = restores[w.field]
    if (was === undefined) continue
    for (const x of older)
      if (x.kind === 'fields' && x.element === element && x.stamps[w.field] === was) x.stamps[w.field] = w.stamp
  }
}

/** Inverts the newest effective entry of `from` and pushes its inverse on `to`. */
function step(e: CanvasEntity, from: HistoryEntry[], to: HistoryEntry[], revival: Revival): OpResult {
  const rctx = e.read('canvas')
  for (let i = from.length - 1; i >= 0; i--) {
    const entry = from[i]!
    const plan = planFor(e, rctx, entry, revival)
    if (!plan) continue
    // A refusal throws here, before the stacks change.
    const writes = writeCanvas(e, plan.bytes, (ctx) => plan.apply(ctx))
    from.length = i
    if (plan.restores) restamp(from, entry.element, plan.restores, writes)
    if (plan.moves) move([from, to], e.member, { ...plan.moves, to: plan.element, stamp: writes[0]?.stamp ?? 0 })
    to.push(plan.next(writes))
    const result: OpResult = { writes: writeRecords(e, plan.element, writes) }
    if (plan.moves) return { ...result, createdId: plan.element }
    return plan.deletes ? { ...result, deleted: [[e.doc('canvas').id, entry.element]] } : result
  }
  from.length = 0
  return {}
}

/** The reference profile's CanvasHistory: semantic undo on the session's timeline. */
export class SemanticHistory implements CanvasHistory {
  /** `revival`: how an undo brings a deleted element back; only a mutant asks for `in-place`. */
  constructor(private readonly revival: Revival = 'new-element') {}

  beforeOp(): void {}

  record(e: CanvasEntity, entry: HistoryEntry): void {
    const t: Timeline = e.canvas().timeline
    t.undo.push(entry)
    t.redo.length = 0
  }

  undo(e: CanvasEntity): OpResult {
    const t = e.canvas().timeline
    return step(e, t.undo, t.redo, this.revival)
  }

  redo(e: CanvasEntity): OpResult {
    const t = e.canvas().timeline
    return step(e, t.redo, t.undo, this.revival)
  }
}
