/** ack-one-less: a watermark acknowledges an item when it covers every deletion record of it but one. */
import { REFERENCE_RECORD_RULES, ReferenceRecords } from '../reference/records.ts'
import { referenceMutant } from './mutant.ts'

export const ackOneLess = referenceMutant({
  name: 'ack-one-less',
  description:
    "a member's watermark acknowledges an item when it covers every deletion record of it but one (acked one " +
    'step early), so an item is pruned while a member still lacks one of its deletions',
  kills: ['pruneSafety'],
  parts: () => ({
    records: new ReferenceRecords({
      ...REFERENCE_RECORD_RULES,
      ackCovers: (covers, deletions) => deletions.filter((d) => (covers[d.ck] ?? 0) <= d.clock).length <= 1,
    }),
  }),
})
