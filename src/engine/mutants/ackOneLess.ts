/** ack-one-less: an ack counts when it covers every deletion record of an item but one. */
import { REFERENCE_RECORD_RULES, ReferenceRecords } from '../reference/records.ts'
import { referenceMutant } from './mutant.ts'

export const ackOneLess = referenceMutant({
  name: 'ack-one-less',
  description:
    'an ack counts when it covers every deletion record of an item but one (acked one step early), so an item ' +
    'deleted twice is pruned while a member holds only the first deletion',
  kills: ['pruneSafety'],
  parts: () => ({
    records: new ReferenceRecords({
      ...REFERENCE_RECORD_RULES,
      ackCovers: (covers, deletions) => deletions.filter((d) => (covers[d.ck] ?? 0) < d.seq).length <= 1,
    }),
  }),
})
