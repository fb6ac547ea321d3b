/** prune-ignores-member: pruning waits for the acks of every quorum member but the last. */
import { NO_HOOKS } from '../replica/hooks.ts'
import type { Mutant } from './mutant.ts'
import { overrideView } from './viewOverride.ts'

export const pruneIgnoresMember: Mutant = {
  name: 'prune-ignores-member',
  description: 'pruning ignores the last member of the quorum: a tombstone goes once every other member acked it',
  kills: ['pruneSafety'],
  apply: (base) => ({
    profile: { ...base, membership: overrideView(base.membership, (v) => ({ quorum: v.quorum.slice(0, -1) })) },
    hooks: NO_HOOKS,
  }),
}
