/**
 * Helpers of the engine tests: sync messages built by hand and clientIDs in a known order. The
 * replicas and the loop between them are the small world (src/sim/smallWorld.ts), which imports
 * the engine only.
 */
import type { ClientIdSource } from '../../src/engine/base/providers.ts'
import { encodeSyncMessage } from '../../src/engine/sync/messages.ts'
import type { DocId } from '../../src/engine/base/ids.ts'
import type { Replica } from '../../src/engine/replica/replica.ts'

export const stepTwo = (update: Uint8Array): Uint8Array => encodeSyncMessage({ type: 'step2', update })
export const updateMsg = (update: Uint8Array): Uint8Array => encodeSyncMessage({ type: 'update', update })

/**
 * An update as `sender`'s replica would put it on the wire for `docId`: signed by its member under
 * a signing profile (the reference), a plain update otherwise. What a member sends, forged or not.
 */
export const sentBy = (sender: Replica, docId: DocId, update: Uint8Array): Uint8Array => {
  const a = sender.sync.authorship
  return a ? encodeSyncMessage({ type: 'signed', entries: [a.sign(docId, update)] }) : updateMsg(update)
}

/** ClientIDs counting up from `base`: replicas given bases 1000 and 2000 have a known clientID order. */
export const countingClientIds = (base: number): ClientIdSource => {
  let next = base
  return { next: () => next++ }
}
