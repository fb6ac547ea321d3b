/** add-revives: an add concurrent with a member's removal revives it (remove-wins broken). */
import { ReferenceMembership } from '../reference/membership.ts'
import { REFERENCE_MEMBERSHIP_RULES } from '../reference/membershipFold.ts'
import { referenceMutant } from './mutant.ts'

export const addRevives = referenceMutant({
  name: 'add-revives',
  description: 'any add revives a removed member, also one concurrent with the removal (remove-wins broken)',
  kills: ['deletionWins', 'access'],
  parts: () => ({ membership: new ReferenceMembership({ ...REFERENCE_MEMBERSHIP_RULES, revives: () => true }) }),
})
