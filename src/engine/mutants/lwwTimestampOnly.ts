/** lww-timestamp-only: a field shows the write with the greatest timestamp; ties go to the slot read first. */
import { REFERENCE_RECORD_RULES, ReferenceRecords } from '../reference/records.ts'
import { referenceMutant } from './mutant.ts'

export const lwwTimestampOnly = referenceMutant({
  name: 'lww-timestamp-only',
  description:
    'LWW compares timestamps only: equal stamps keep whichever slot was read first (Yjs map order differs per ' +
    'replica), no (member, client) tie-break',
  kills: ['lww', 'convergence'],
  parts: () => ({ records: new ReferenceRecords({ ...REFERENCE_RECORD_RULES, beats: (a, b) => a.stamp > b.stamp }) }),
})
