/**
 * prune-forgets-fence: pruning a removed member's record deletes its ops without writing the fence
 * record that keeps them: once pruned, the removal is forgotten, and writes the member made
 * concurrently with it (arriving later, from behind a partition) count again.
 */
import type { MemberId } from '../base/ids.ts'
import { clientKey } from '../base/yjsInternals.ts'
import type { MembershipView } from '../ports/membership.ts'
import type { WriteCtx } from '../ports/records.ts'
import { ReferenceMembership } from '../reference/membership.ts'
import { fencesMap } from '../reference/membershipLog.ts'
import { referenceMutant } from './mutant.ts'

/** The reference membership whose prune takes back the fence record it just wrote. */
class NoFenceRecords extends ReferenceMembership {
  override prune(ctx: WriteCtx, view: MembershipView, member: MemberId): void {
    super.prune(ctx, view, member)
    fencesMap(ctx.md.doc).delete(`${member}~${clientKey(ctx.md.doc.clientID)}`)
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
