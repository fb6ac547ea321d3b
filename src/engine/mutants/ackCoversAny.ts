/** ack-covers-any: a watermark acknowledges an item when it covers any one of its deletion records, not all. */
import { REFERENCE_RECORD_RULES, ReferenceRecords } from '../reference/records.ts'
import { referenceMutant } from './mutant.ts'

export const ackCoversAny = referenceMutant({
  name: 'ack-covers-any',
  description:
    "a member's watermark acknowledges an item when it covers any one of its deletion records: an item deleted " +
    'by two members is pruned while a member holds only one deletion',
  kills: ['pruneSafety'],
  parts: () => ({
    records: new ReferenceRecords({
      ...REFERENCE_RECORD_RULES,
      ackCovers: (covers, deletions) => deletions.some((d) => (covers[d.ck] ?? 0) > d.clock),
    }),
  }),
})
