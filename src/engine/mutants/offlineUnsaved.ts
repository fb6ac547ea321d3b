/** offline-unsaved: ops made offline are neither saved nor kept: reconnecting reloads from the store. */
import type { Mutant } from './mutant.ts'

export const offlineUnsaved: Mutant = {
  name: 'offline-unsaved',
  description:
    'ops made while offline are not persisted, and coming back online rebuilds the documents from the store and ' +
    'drops the offline queue: the ops are lost',
  kills: ['offlineFirst'],
  apply: (base) => ({
    profile: base,
    hooks: {
      saves: ({ online }) => online,
      onReconnect: (acts) => {
        acts.discardQueue()
        acts.reloadFromStore()
      },
    },
  }),
}
