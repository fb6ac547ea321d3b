/** lww-client-tiebreak: equal stamps are broken by Yjs clientID, not by (member, client) as the claim orders them. */
import { REFERENCE_RECORD_RULES, ReferenceRecords } from '../reference/records.ts'
import { referenceMutant } from './mutant.ts'

export const lwwClientTiebreak = referenceMutant({
  name: 'lww-client-tiebreak',
  description:
    'concurrent writes with equal Lamport stamps are ordered by Yjs clientID (as Yjs itself would), not by ' +
    'replica id: every replica agrees, on a winner the claim does not name',
  kills: ['lww'],
  parts: () => ({
    records: new ReferenceRecords({
      ...REFERENCE_RECORD_RULES,
      beats: (a, b) => (a.stamp !== b.stamp ? a.stamp > b.stamp : a.client > b.client),
    }),
  }),
})
