/** fence-forgets-revive: fencing ignores re-adds, so a re-added member's new writes stay fenced. */
import { ReferenceMembership } from '../reference/membership.ts'
import { fencedBy, REFERENCE_MEMBERSHIP_RULES } from '../reference/membershipFold.ts'
import { referenceMutant } from './mutant.ts'

export const fenceForgetsRevive = referenceMutant({
  name: 'fence-forgets-revive',
  description:
    "fencing ignores re-adds: every write of a removed member outside the removal's causal past is fenced, also " +
    'those made after it was added back',
  kills: ['access', 'deletionWins'],
  parts: () => ({
    membership: new ReferenceMembership({
      ...REFERENCE_MEMBERSHIP_RULES,
      fenced: (s, id, coreSv, concernSv) => fencedBy({ ...s, revives: [] }, id, coreSv, concernSv),
    }),
  }),
})
