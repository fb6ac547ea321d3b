/**
 * fence-by-core-only: fencing judges every document's writes against the removal's core state
 * vector, not that document's: the removal saw none of them there, so every write the removed
 * member ever made in chat, kanban, issues or canvas vanishes, those the remover had seen included.
 */
import { ReferenceMembership } from '../reference/membership.ts'
import { fencedBy, REFERENCE_MEMBERSHIP_RULES } from '../reference/membershipFold.ts'
import { referenceMutant } from './mutant.ts'

export const fenceByCoreOnly = referenceMutant({
  name: 'fence-by-core-only',
  description:
    "fencing compares a removed member's writes in every document with the removal's core state vector: writes " +
    'in its causal past are fenced too, and vanish',
  kills: ['access'],
  parts: () => ({
    membership: new ReferenceMembership({
      ...REFERENCE_MEMBERSHIP_RULES,
      fenced: (s, id, coreSv) => fencedBy(s, id, coreSv),
    }),
  }),
})
