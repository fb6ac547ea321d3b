/**
 * restart-drops-last: loading a document replays its log but the last record (an off-by-one in the
 * replay loop): a restart loses the last update the replica had saved of every document.
 */
import type { Mutant } from './mutant.ts'

export const restartDropsLast: Mutant = {
  name: 'restart-drops-last',
  description: "a document's load replays its log but the last record: a restart loses the last saved update",
  kills: ['persistence'],
  apply: (base) => ({
    profile: base,
    hooks: { loaded: (_docId, stored) => ({ ...stored, updates: stored.updates.slice(0, -1) }) },
  }),
}
