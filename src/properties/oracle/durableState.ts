/** A peer's state vector of a document as the oracle reads it without disturbing the replica. */
import * as Y from 'yjs'
import type { DocId } from '../../engine/base/ids.ts'
import type { SimPeer } from '../../sim/peer.ts'

/** The state vector a down peer will load from its store (or a running one holds on disk). */
export function durableStateVector(p: SimPeer, docId: DocId): Map<number, number> {
  const doc = new Y.Doc()
  const stored = p.store.load(docId)
  if (stored?.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const u of stored?.updates ?? []) Y.applyUpdate(doc, u)
  const sv = Y.decodeStateVector(Y.encodeStateVector(doc)) as Map<number, number>
  doc.destroy()
  return sv
}

/**
 * The running replica's state vector when it has the document loaded, else what its store holds:
 * loading a document here would draw a clientID and shift the run.
 */
export function stateVectorNow(p: SimPeer, docId: DocId): Map<number, number> {
  return p.up && p.r.docs.loaded().some((md) => md.id === docId) ? p.r.stateVector(docId) : durableStateVector(p, docId)
}
