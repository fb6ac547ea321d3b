/**
 * Acks as the spec claims them: an ack counts only once the member's own replica holds (and
 * saved) the deletion. A member attests, once per document, what its replica holds of the
 * writers of the deletions and member removals it tracks there (a watermark, watermarks.ts),
 * whenever one of them is not covered yet: after a remote update that changed the document and
 * at every sync round (a repeated delivery changes nothing, so it writes nothing). Never after
 * its own op: what the op deleted is attested at the next remote change or round, in a
 * later record of its store than the deletion (a torn last write loses the attestation, never
 * the deletion it covers), so a delete is one transaction. Nobody acks for anybody else (a
 * watermark counts only when the acker's registered client wrote it).
 *
 * The same pass compacts superseded attestations: the watermark of a member whose removal every
 * member acknowledged (its record pruned) is deleted from the document (`compactWatermarks`).
 */
import type { StructId } from '../base/yjsInternals.ts'
import type { AckStrategy } from '../ports/acks.ts'
import { prunedWatermarks } from './membership.ts'
import { entryVersionsOf } from '../docs/entryVersions.ts'
import { acksMapOf, ACKS, coversAll, readWatermarks, someCoversAll, watermarkOf, writeWatermark } from './watermarks.ts'

export const ATTESTED_ACKS: AckStrategy = {
  onRemote: () => undefined,
  onRounds: true,
  ackRoots: [ACKS],
  afterChange(input) {
    if (input.cause === 'local' || input.cause === 'repeat') return
    const view = input.view()
    if (view.roleOf(input.member) === undefined) return
    const own = readWatermarks(input.md).get(input.member)
    const marks: StructId[] = []
    const pending: [string, readonly StructId[]][] = []
    for (const [, tombs] of input.tombstones())
      for (const [id, deletions] of tombs) {
        marks.push(...deletions)
        if (!someCoversAll(own, deletions)) pending.push([id, deletions])
      }
    const core = input.md.parsed.concern === 'core'
    const memberTombs = core ? view.tombstones : []
    for (const t of memberTombs) {
      marks.push(...t.deletions)
      if (!someCoversAll(own, t.deletions)) pending.push([t.member, t.deletions])
    }
    const stale = prunedWatermarks(input.md, view)
    if (pending.length === 0 && stale.length === 0) return
    // Where the replica signs, a watermark names the version it covers (docs/entryVersions.ts), and
    // covers only what its log vouches for: an entry is integrated before the log records it.
    const versions = entryVersionsOf(input.md)
    const held = watermarkOf(input.md.doc, marks)
    const wm = versions ? versions.vouched(held) : held
    const acked = pending.filter(([, deletions]) => coversAll(wm, deletions)).map(([item]) => item)
    if (acked.length === 0 && stale.length === 0) return
    input.write((ctx) => {
      for (const ck of stale) acksMapOf(ctx.md.doc).delete(ck)
      if (acked.length > 0) writeWatermark(ctx, wm, versions?.digest(wm))
    })
    for (const item of acked) input.acked(item, input.member)
  },
}
