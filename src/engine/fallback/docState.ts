/**
 * The SQL fallback's state of one document on one replica: its concern (what moves, and how it
 * is read), its item index, the gauge of its size threshold, and the flags a pass carries over.
 * The keeper keeps one per Y.Doc (a document rebuilt after a failed apply starts afresh).
 */
import type { ManagedDoc } from '../docs/documentManager.ts'
import { isConcern, type Concern } from '../base/ids.ts'
import { fallbackConcernOf, type FallbackConcern, type ItemLayouts } from './concerns.ts'
import { ItemIndex } from './itemIndex.ts'
import type { PolicyState } from './policy.ts'
import { SizeGauge } from './sizeGauge.ts'

export interface DocState {
  readonly concern: FallbackConcern | undefined
  readonly gauge: SizeGauge
  readonly index: ItemIndex | undefined
  readonly policy: PolicyState
  over: boolean
  /** A removal (a peer's, or this replica's prune) was archived and is being applied: the 'crdt' failpoint. */
  removalInFlight: boolean
  /** Rows of items still in the CRDT were dropped (once per document per replica incarnation; see `reconcile`). */
  reconciled: boolean
}

/** A fresh state for `md`; undefined for documents without a threshold (disks). */
export function newDocState(
  md: ManagedDoc,
  profile: ItemLayouts,
  thresholds: Readonly<Record<Concern, number>>,
  estimate?: (exact: number, since: number) => number,
): DocState | undefined {
  const c = md.parsed.concern
  if (!isConcern(c)) return undefined
  const concern = fallbackConcernOf(c)
  const index =
    concern &&
    new ItemIndex(md, concern.roots(profile, md.doc), (rctx, coll, id) => concern.view(profile, rctx, coll, id))
  return {
    concern,
    gauge: new SizeGauge(md, thresholds[c], estimate),
    index,
    policy: { dirty: false },
    over: false,
    removalInFlight: false,
    reconciled: false,
  }
}
