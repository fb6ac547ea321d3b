/**
 * prune-forgets-fence: pruning a removed member's record deletes its ops without writing the fence
 * record that keeps them: once pruned, the removal is forgotten, and writes the member made
 * concurrently with it (arriving later, from behind a partition) count again.
 */
import type { MemberId } from '../base/ids.ts'
import type { MembershipView } from '../ports/membership.ts'
import type { WriteCtx } from '../ports/records.ts'
import { ReferenceMembership } from '../reference/membership.ts'
import { acksMap, memberOfKey, membersMap } from '../reference/membershipLog.ts'
import { referenceMutant } from './mutant.ts'

/** The reference membership whose prune deletes a member's ops and acks, and keeps no fence record. */
class NoFenceRecords extends ReferenceMembership {
  override prune(ctx: WriteCtx, _view: MembershipView, member: MemberId): void {
    const doc = ctx.md.doc
    for (const key of [...membersMap(doc).keys()]) if (memberOfKey(key) === member) membersMap(doc).delete(key)
    for (const key of [...acksMap(doc).keys()]) if (memberOfKey(key) === member) acksMap(doc).delete(key)
  }
}

export const pruneForgetsFence = referenceMutant({
  name: 'prune-forgets-fence',
  description:
    "pruning a removed member's record keeps no fence record: the removal is forgotten, and the member's " +
    'concurrent writes count again',
  kills: ['access'],
  parts: () => ({ membership: new NoFenceRecords() }),
})
