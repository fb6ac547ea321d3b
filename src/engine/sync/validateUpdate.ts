/**
 * Validation of incoming update bytes before anything is applied. Yjs integrates structs as it
 * reads them and can throw later (a truncated delete set), so the engine decodes the whole
 * update first, checks it is sane, and only then applies it.
 */
import * as Y from 'yjs'
import { LabError } from '../base/errors.ts'

import { DEFAULT_MAX_UPDATE_BYTES } from './caps.ts'

export { DEFAULT_MAX_UPDATE_BYTES }

/** A struct clock or length beyond this is garbage, not a document (2^31 structs from one client). */
const MAX_CLOCK = 2 ** 31

/** The last update decoded, for the next reader of the same bytes (receive validates, the fallback reads deletions). */
let lastDecoded: { readonly bytes: Uint8Array; readonly decoded: ReturnType<typeof Y.decodeUpdate> } | undefined

/** `Y.decodeUpdate(bytes)`, decoded once for consecutive readers of the same bytes object. */
export function decodedUpdate(bytes: Uint8Array): ReturnType<typeof Y.decodeUpdate> {
  if (lastDecoded?.bytes === bytes) return lastDecoded.decoded
  const decoded = Y.decodeUpdate(bytes)
  lastDecoded = { bytes, decoded }
  return decoded
}

export interface UpdateSummary {
  readonly structs: number
  readonly clients: number
  readonly deleteRanges: number
  /** Per client, the clock just after its last struct in the update. */
  readonly ends: ReadonlyMap<number, number>
}

/**
 * Decodes a v1 update completely and checks its structure. Throws LabError CORRUPT_UPDATE (bytes
 * that are not a Yjs update) or UPDATE_TOO_LARGE, naming `where` (a doc id) in the message.
 */
export function validateUpdate(bytes: unknown, where: string, maxBytes = DEFAULT_MAX_UPDATE_BYTES): UpdateSummary {
  if (!(bytes instanceof Uint8Array)) {
    throw new LabError('CORRUPT_UPDATE', `update for ${where} is not a byte array`, { path: where })
  }
  checkUpdateSize(bytes, where, maxBytes)
  if (bytes.byteLength === 0) {
    throw new LabError(
      'CORRUPT_UPDATE',
      `update for ${where} is empty (an update has at least a struct count and a delete set)`,
      { path: where },
    )
  }
  let decoded: ReturnType<typeof Y.decodeUpdate>
  try {
    decoded = decodedUpdate(bytes)
  } catch (e) {
    throw new LabError(
      'CORRUPT_UPDATE',
      `update for ${where} (${bytes.byteLength} bytes) does not decode: ${(e as Error).message}`,
      { path: where, cause: e },
    )
  }
  const ends = new Map<number, number>()
  for (const s of decoded.structs) {
    const { client, clock } = s.id
    if (!Number.isSafeInteger(client) || client < 0 || client >= 2 ** 32)
      throw corrupt(where, `struct has client id ${client}`)
    if (!Number.isSafeInteger(clock) || clock < 0 || clock + s.length > MAX_CLOCK || s.length <= 0) {
      throw corrupt(where, `struct ${client}:${clock} has an impossible clock range (length ${s.length})`)
    }
    ends.set(client, Math.max(ends.get(client) ?? 0, clock + s.length))
  }
  let deleteRanges = 0
  for (const [client, ranges] of decoded.ds.clients) {
    for (const r of ranges) {
      if (r.clock < 0 || r.len <= 0 || r.clock + r.len > MAX_CLOCK)
        throw corrupt(where, `delete range ${client}:${r.clock}+${r.len} is impossible`)
      deleteRanges++
    }
  }
  return { structs: decoded.structs.length, clients: ends.size, deleteRanges, ends }
}

/** Refuses an update over `maxBytes` before anything decodes it (UPDATE_TOO_LARGE). */
export function checkUpdateSize(bytes: Uint8Array, where: string, maxBytes: number): void {
  if (bytes.byteLength > maxBytes) {
    throw new LabError(
      'UPDATE_TOO_LARGE',
      `update for ${where} is ${bytes.byteLength} bytes; the limit is ${maxBytes}`,
      { path: where, details: { bytes: bytes.byteLength, maxBytes } },
    )
  }
}

const corrupt = (where: string, what: string): LabError =>
  new LabError('CORRUPT_UPDATE', `update for ${where} is not a valid Yjs update: ${what}`, { path: where })
