/**
 * lamport-ignores-remote: the Lamport clock follows only the replica's own transactions (and its
 * loads), not what it integrates from peers. A write that saw a peer's later-stamped write gets a
 * smaller stamp and loses to it.
 */
import * as Y from 'yjs'
import type { ManagedDoc } from '../docs/documentManager.ts'
import { referenceProfile } from '../profile/profile.ts'
import { lamportPlugin } from '../reference/lamport.ts'
import { NO_HOOKS } from '../replica/hooks.ts'
import { requireReference, type Mutant } from './mutant.ts'

/** The stamp a stored value carries: a slot `[stamp, ...]` or a creation `{ s: stamp }`. */
function stampOf(v: unknown): number | undefined {
  if (Array.isArray(v)) return typeof v[0] === 'number' ? v[0] : undefined
  const s = v !== null && typeof v === 'object' && !(v instanceof Y.AbstractType) ? (v as { s?: unknown }).s : undefined
  return typeof s === 'number' ? s : undefined
}

/** The clock `nextStamp` (reference/lamport.ts) reads, kept from local transactions only. */
function localLamport(md: ManagedDoc): void {
  const state = { max: 0 }
  md.ext.set('lamport', state)
  md.doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (!tr.local) return
    for (const [type, keys] of tr.changed) {
      if (!(type instanceof Y.Map)) continue
      for (const key of keys) {
        const v = key === null ? undefined : type.get(key)
        for (const x of v instanceof Y.Map ? [...v.values()] : [v]) {
          const s = stampOf(x)
          if (s !== undefined && s > state.max) state.max = s
        }
      }
    }
  })
}

export const lamportIgnoresRemote: Mutant = {
  name: 'lamport-ignores-remote',
  description:
    "the Lamport clock counts only the replica's own writes, not the stamps it integrates: a write that saw a " +
    "peer's write can carry a smaller stamp and lose to it",
  kills: ['lww'],
  apply(base) {
    requireReference(base, this.name)
    const profile = referenceProfile()
    return {
      profile: { ...profile, plugins: profile.plugins.map((p) => (p === lamportPlugin ? localLamport : p)) },
      hooks: NO_HOOKS,
    }
  },
}
