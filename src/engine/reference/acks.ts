/**
 * Acks as the spec claims them: an ack counts only once the member's own replica holds (and
 * saved) the deletion. After every change a member attests, in the document, the deletions and
 * member removals its replica holds and has not attested yet; nobody acks for anybody else (the
 * record layout counts an ack only when the acker's registered client wrote it).
 */
import type { AckStrategy } from '../ports/acks.ts'
import type { RecordView, TombstoneCollection } from '../ports/records.ts'
import { writeRemovalAcks } from './membership.ts'
import { writeDeletionAck } from './records.ts'

export const ATTESTED_ACKS: AckStrategy = {
  onRemote: () => undefined,
  afterChange(input) {
    const view = input.view()
    if (view.roleOf(input.member) === undefined) return
    const pending: { c: TombstoneCollection; id: string; v: RecordView }[] = []
    for (const [c, ids] of input.changed) {
      for (const id of ids) {
        const v = input.read(c, id)
        if (v?.deleted && !v.acked.includes(input.member)) pending.push({ c, id, v })
      }
    }
    const memberTombs =
      input.md.parsed.concern === 'core' ? view.tombstones.filter((t) => !t.acked.includes(input.member)) : []
    if (pending.length === 0 && memberTombs.length === 0) return
    input.write((ctx) => {
      if (memberTombs.length > 0) writeRemovalAcks(ctx, view)
      for (const { c, id, v } of pending) if (writeDeletionAck(ctx, c.coll, id, v)) input.acked(id, input.member)
    })
    for (const t of memberTombs) input.acked(t.member, input.member)
  },
}
