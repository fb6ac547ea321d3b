/**
 * Effects: what an op did, as data. Ops return them, the replica adds where and when, and the
 * simulator's journal and the oracle's causal bookkeeping read them. Lower layers (concerns that
 * write for an op, the canvas history) produce them too, so they live below every op.
 */
import type { DocId, EntityId, MemberId } from '../base/ids.ts'
import type { MembershipWrite } from './membership.ts'
import type { FieldWrite, Json } from './records.ts'

/** Structs one op wrote in one document: clocks [from, to) of the replica's client. */
export interface StructRange {
  readonly docId: DocId
  readonly client: number
  readonly from: number
  readonly to: number
}

/** One field write of an op, as the oracle needs it for `lww` and `differentFields`. */
export interface WriteRecord {
  readonly docId: DocId
  readonly item: string
  readonly field: string
  readonly value: Json
  readonly stamp: number
  readonly replica: MemberId
}

export interface OpResult {
  /** The id of what the op created (for a scenario's `as`). */
  readonly createdId?: string
  readonly writes?: readonly WriteRecord[]
  readonly membership?: MembershipWrite
  /** Items the op deleted (made tombstones), as [docId, item]. */
  readonly deleted?: readonly (readonly [DocId, string])[]
}

/** What one op did, as data: for the simulator's journal and the oracle's causal bookkeeping. */
export interface OpOutcome extends OpResult {
  readonly op: string
  readonly entityId: EntityId
  readonly member: MemberId
  /** The replica's clock when it ran the op (ms, skew included). */
  readonly at: number
  /** State vectors of the entity's documents before the op: what the issuer had integrated. */
  readonly context: Record<DocId, Record<string, number>>
  /** The Yjs structs the op wrote. */
  readonly effects: readonly StructRange[]
}

/**
 * Time stamps an edit refreshes as bookkeeping (`updated_at`, `status_updated_at`, ...): not user
 * fields, so not reported as field writes (the claims judge the fields users write).
 */
export const BOOKKEEPING_FIELD = /(^|_)updated_at$/

/** The field writes of an op on one item, as the oracle sees them (bookkeeping left out). */
export function writeRecords(docId: DocId, item: string, writes: readonly FieldWrite[]): WriteRecord[] {
  return writes.filter((w) => !BOOKKEEPING_FIELD.test(w.field)).map((w) => ({ docId, item, ...w }))
}
