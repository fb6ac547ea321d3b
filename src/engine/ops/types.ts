/**
 * The op and query registry's types. An op is one file entry: its name, the concern it writes,
 * its argument names and a function; the simulator, the CLI's `list` and the scenario validator
 * all read the same registry (as Maelstrom's workloads do).
 */
import type { Concern, DocId, MemberId } from '../base/ids.ts'
import type { MembershipWrite } from '../ports/membership.ts'
import type { FieldWrite, Json } from '../ports/records.ts'
import type { Args } from '../concerns/args.ts'
import type { EntityAccess } from '../context/entityAccess.ts'

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

export interface OpDef {
  readonly name: string
  readonly concern: Concern
  /** Argument names; optional ones end with '?'. */
  readonly args: readonly string[]
  readonly summary: string
  run(e: EntityAccess, args: Args): OpResult
}

export interface QueryDef {
  readonly name: string
  readonly concern: Concern
  readonly args: readonly string[]
  readonly summary: string
  run(e: EntityAccess, args: Args): unknown
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

/** Argument names without the optional marker. */
export const argNames = (def: { args: readonly string[] }): string[] => def.args.map((a) => a.replace(/\?$/, ''))
