/**
 * What a replica accepts from one peer at most. Each cap bounds work a single message can ask of
 * the receiver: without them a 4,000,000-entry state vector in a step1 cost 48 s of CPU, and
 * 3,000 small updates missing one dependency made every later message re-merge the pending
 * structs (14 ms -> 137 ms per message).
 *
 * | cap | default | over it |
 * |---|---|---|
 * | `updateBytes` | 32 MiB | the update is rejected (`UPDATE_TOO_LARGE`), nothing stored |
 * | `stateVectorEntries` | 16,384 | the step1 or digest is rejected (`CAP_EXCEEDED`), nothing answered |
 * | `pendingStructs` | 1,000 | the document's pending structs are dropped and the sender asked to resync |
 */
import * as decoding from 'lib0/decoding'
import { LabError } from '../base/errors.ts'

export interface ReceiveCaps {
  /** Largest incoming update (bytes). */
  readonly updateBytes: number
  /** Most entries (clients) in an incoming state vector. */
  readonly stateVectorEntries: number
  /** Most structs Yjs may hold pending (missing a dependency) in one document. */
  readonly pendingStructs: number
}

/** Large enough for a full 10 MB chat document. */
export const DEFAULT_MAX_UPDATE_BYTES = 32 * 1024 * 1024

export const DEFAULT_CAPS: ReceiveCaps = {
  updateBytes: DEFAULT_MAX_UPDATE_BYTES,
  stateVectorEntries: 16_384,
  pendingStructs: 1_000,
}

/** The caps a replica's settings give (each `max…` setting, else the default). */
export function capsOf(config?: {
  readonly maxUpdateBytes?: number
  readonly maxStateVectorEntries?: number
  readonly maxPendingStructs?: number
}): ReceiveCaps {
  return {
    updateBytes: config?.maxUpdateBytes ?? DEFAULT_CAPS.updateBytes,
    stateVectorEntries: config?.maxStateVectorEntries ?? DEFAULT_CAPS.stateVectorEntries,
    pendingStructs: config?.maxPendingStructs ?? DEFAULT_CAPS.pendingStructs,
  }
}

/**
 * Reads only the entry count of an encoded state vector and refuses one over `max` before it is
 * decoded (CAP_EXCEEDED; bytes that do not even hold a count are CORRUPT_MESSAGE).
 */
export function checkStateVectorEntries(bytes: Uint8Array, where: string, max: number): void {
  let entries: number
  try {
    entries = decoding.readVarUint(decoding.createDecoder(bytes))
  } catch (e) {
    throw new LabError('CORRUPT_MESSAGE', `state vector for ${where} is malformed: ${(e as Error).message}`, {
      path: where,
      cause: e,
    })
  }
  if (entries > max)
    throw new LabError('CAP_EXCEEDED', `state vector for ${where} has ${entries} entries; the cap is ${max}`, {
      path: where,
      details: { entries, max },
    })
}
