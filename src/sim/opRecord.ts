/**
 * One op as the world ran it. An op either ran (the record carries the engine's outcome) or was
 * refused (the record says why, and nothing changed): a refusal is recorded, never thrown, so a
 * scenario may try what a real user might and the oracle judges the result.
 */
import { isLabError } from '../engine/base/errors.ts'
import { CrashPoint } from '../engine/fallback/failpoints.ts'
import type { EntityId, MemberId } from '../engine/base/ids.ts'
import type { JsonObject } from './canonicalJson.ts'
import type { Replica } from '../engine/replica/replica.ts'
import { type OpOutcome } from '../engine/ports/effects.ts'

/** One op as the world ran it. */
export interface OpRecord {
  readonly t: number
  readonly peer: MemberId
  readonly op: string
  readonly entity: EntityId
  readonly args: Readonly<Record<string, unknown>>
  /** The engine's account of what the op did, when it ran. */
  readonly outcome?: OpOutcome
  /** Why the op did not run (a refused op changes nothing). */
  readonly error?: { readonly code: string; readonly message: string }
  /** Position of the scenario step, or -1 for ops of random steps. */
  readonly step: number
  /** The peer lied when it ran the op: the member it claimed to be, and whether it equivocated. */
  readonly lie?: OpLie
}

/** How a lying peer ran an op. */
export interface OpLie {
  /** The member it wrote as, when it impersonated one. */
  readonly as?: MemberId
  readonly equivocating: boolean
}

/** What to run: the record without its result. */
export type OpCall = Omit<OpRecord, 'outcome' | 'error'>

/** The record of an op, and the failpoint crash it raised (the world then crashes the peer). */
export interface RanOp {
  readonly record: OpRecord
  readonly crash: CrashPoint | undefined
}

/**
 * Runs `call` on `replica` (null: the peer is down, the op is refused). A failpoint crash after
 * the op wrote keeps the op's outcome: what it wrote is on disk, whatever the crash loses.
 */
export function runOp(replica: Replica | null, call: OpCall): RanOp {
  const { op, entity, args } = call
  let record: OpRecord = { ...call, error: { code: 'PEER_DOWN', message: `${call.peer} is crashed` } }
  if (replica === null) return { record, crash: undefined }
  try {
    record = { ...call, outcome: replica.execute(op, entity, args) }
  } catch (e) {
    if (e instanceof CrashPoint) {
      if (e.outcome) record = { ...call, outcome: e.outcome }
      return { record, crash: e }
    }
    if (!isLabError(e)) throw e
    record = { ...call, error: { code: e.code, message: e.message } }
  }
  return { record, crash: undefined }
}

/** The op's journal record: who ran what, whether it ran, what it created or why it was refused. */
export const opJournalData = (record: OpRecord): JsonObject => ({
  peer: record.peer,
  op: record.op,
  entity: record.entity,
  ok: !record.error,
  ...(record.outcome?.createdId ? { created: record.outcome.createdId } : {}),
  ...(record.error ? { code: record.error.code } : {}),
  ...(record.lie?.as ? { as: record.lie.as } : {}),
  ...(record.lie?.equivocating ? { equivocating: true } : {}),
})
