/** no-fencing: whose writes count is never asked: removed members' and non-members' writes show. */
import { EVERYONE } from '../ports/records.ts'
import { NO_HOOKS } from '../replica/hooks.ts'
import type { Mutant } from './mutant.ts'
import { overrideView } from './viewOverride.ts'

export const noFencing: Mutant = {
  name: 'no-fencing',
  description:
    "reads ignore the membership authority: writes of removed members (outside the removal's causal past) and of " +
    'non-members count',
  kills: ['access'],
  apply: (base) => ({
    profile: { ...base, membership: overrideView(base.membership, () => ({ authority: EVERYONE })) },
    hooks: NO_HOOKS,
  }),
}
