/**
 * Canvas layout of the reference profile: each element one record fragment, every geometry field
 * and every `data.k` key its own LWW register ordered by Lamport stamp, so concurrent edits of
 * different keys both survive and the causally later write of one key wins. Every patch also
 * writes `updated_at` (the replica's wall clock, ms) as a register of its own.
 */
import {
  DELETED,
  type FieldWrite,
  type Fields,
  type ReadCtx,
  type RecordStrategy,
  type RecordView,
  type WriteCtx,
} from '../../ports/records.ts'
import { byStacking, dataOfFlat, elementOf, elementsOf, type CanvasLayout, type ElementView } from './model.ts'

/** The reference profile's CanvasLayout. */
export class ReferenceCanvas implements CanvasLayout {
  constructor(private readonly records: RecordStrategy) {}

  add(ctx: WriteCtx, id: string, fields: Fields): FieldWrite[] {
    return this.records.create(ctx, elementsOf(ctx.md.doc), id, fields)
  }

  update(ctx: WriteCtx, id: string, patch: Fields): FieldWrite[] {
    return this.records.update(ctx, elementsOf(ctx.md.doc), id, { ...patch, updated_at: ctx.now })
  }

  remove(ctx: WriteCtx, id: string): void {
    this.records.remove(ctx, elementsOf(ctx.md.doc), id, DELETED)
  }

  revive(ctx: WriteCtx, id: string): FieldWrite[] {
    return this.records.revive(ctx, elementsOf(ctx.md.doc), id, DELETED)
  }

  record(rctx: ReadCtx, id: string): RecordView | undefined {
    return this.records.read(rctx, elementsOf(rctx.md.doc), id, DELETED)
  }

  elements(rctx: ReadCtx): ElementView[] {
    const coll = elementsOf(rctx.md.doc)
    const out: ElementView[] = []
    for (const id of this.records.keys(coll)) {
      const v = this.records.read(rctx, coll, id, DELETED)
      if (v) out.push(elementOf(v, dataOfFlat(v.fields)))
    }
    return out.sort(byStacking)
  }
}
