/**
 * skip-deletes: a receiver drops the delete set of every incoming update, so deletions that only
 * a delete set carries (a pruned tombstone, a deleted file) never arrive; anti-entropy's repair
 * is an update too, and loses them the same way.
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { LabError } from '../base/errors.ts'
import type { Mutant } from './mutant.ts'

/** A v1 update's delete set as Yjs encodes it (clients in the order the update lists them). */
function encodedDeleteSet(ds: ReturnType<typeof Y.decodeUpdate>['ds']): Uint8Array {
  const enc = encoding.createEncoder()
  encoding.writeVarUint(enc, ds.clients.size)
  for (const [client, items] of ds.clients) {
    encoding.writeVarUint(enc, client)
    encoding.writeVarUint(enc, items.length)
    for (const item of items) {
      encoding.writeVarUint(enc, item.clock)
      encoding.writeVarUint(enc, item.len)
    }
  }
  return encoding.toUint8Array(enc)
}

/** The update with an empty delete set: a v1 update ends with its delete set. */
export function withoutDeleteSet(update: Uint8Array): Uint8Array {
  const ds = encodedDeleteSet(Y.decodeUpdate(update).ds)
  const cut = update.length - ds.length
  if (cut < 0 || !ds.every((b, i) => update[cut + i] === b))
    throw new LabError('INTERNAL', 'skip-deletes: the update does not end with its delete set')
  const out = new Uint8Array(cut + 1)
  out.set(update.subarray(0, cut))
  out[cut] = 0 // no clients: an empty delete set
  return out
}

export const skipDeletes: Mutant = {
  name: 'skip-deletes',
  description:
    'a receiver silently skips the delete set of incoming updates: deletions carried only there never arrive, and ' +
    'anti-entropy cannot repair them',
  kills: ['convergence'],
  apply: (base) => ({ profile: base, hooks: { incomingUpdate: (_docId, update) => withoutDeleteSet(update) } }),
}
