/**
 * prune-drops-archived: when the tombstone machinery prunes an archived card or a closed issue, it
 * deletes it without moving it to SQL first: the spec keeps archived cards and closed issues
 * readable ("archived cards", "closed issues" move to SQL), and they are gone.
 */
import { referenceProfile } from '../profile/profile.ts'
import { ATTESTED } from '../fallback/policy.ts'
import { NO_HOOKS } from '../replica/hooks.ts'
import { requireReference, type Mutant } from './mutant.ts'

export const pruneDropsArchived: Mutant = {
  name: 'prune-drops-archived',
  description: 'pruning an archived card or a closed issue deletes it instead of moving it to SQL: it is lost',
  kills: ['noLoss'],
  apply(base) {
    requireReference(base, this.name)
    return {
      profile: { ...referenceProfile(), fallback: { ...ATTESTED, archivesPrune: () => false } },
      hooks: NO_HOOKS,
    }
  },
}
