/**
 * wall-clock-stamps: an edit's LWW slot carries the writer's wall clock (ms) instead of a Lamport
 * stamp, as if "last write" meant the latest clock. A replica whose clock runs behind writes
 * smaller stamps after seeing larger ones: the later edit loses to the one it overwrote.
 */
import type * as Y from 'yjs'
import type { FieldWrite, Fields, WriteCtx } from '../ports/records.ts'
import { ReferenceRecords } from '../reference/records.ts'
import { clientKey } from '../base/yjsInternals.ts'
import { referenceMutant } from './mutant.ts'

/** Writes each field's slot again with the wall clock as its stamp. */
class WallClockRecords extends ReferenceRecords {
  override update(ctx: WriteCtx, coll: Y.Map<unknown>, id: string, fields: Fields): FieldWrite[] {
    const writes = super.update(ctx, coll, id, fields)
    const frag = coll.get(id) as Y.Map<unknown>
    const ck = clientKey(ctx.md.doc.clientID)
    for (const [field, value] of Object.entries(fields)) frag.set(`${field}~${ck}`, [ctx.now, value, ctx.now])
    return writes.map((w) => ({ ...w, stamp: ctx.now }))
  }
}

export const wallClockStamps = referenceMutant({
  name: 'wall-clock-stamps',
  description:
    "an edit's LWW stamp is the writer's wall clock, not a Lamport stamp: a writer whose clock runs behind " +
    'loses to the older write it saw',
  kills: ['lww'],
  parts: () => ({ records: new WallClockRecords() }),
})
