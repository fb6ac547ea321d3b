/** State vectors and delete-set digests of a document. */
import * as Y from 'yjs'
import { createHash } from 'node:crypto'
import { LabError } from '../base/errors.ts'

export type StateVector = Map<number, number>

export function stateVectorOf(doc: Y.Doc): StateVector {
  const sv: StateVector = new Map()
  for (const [client, structs] of doc.store.clients) {
    const last = structs[structs.length - 1]
    if (last) sv.set(client, last.id.clock + last.length)
  }
  return sv
}

/** Decodes an encoded state vector; malformed bytes are LabError CORRUPT_MESSAGE naming `where`. */
export function decodeStateVectorSafe(bytes: Uint8Array, where: string): StateVector {
  try {
    const sv = Y.decodeStateVector(bytes) as StateVector
    for (const [client, clock] of sv) {
      if (!Number.isSafeInteger(client) || !Number.isSafeInteger(clock) || client < 0 || clock < 0)
        throw new Error(`entry ${client}:${clock}`)
    }
    return sv
  } catch (e) {
    throw new LabError('CORRUPT_MESSAGE', `state vector for ${where} is malformed: ${(e as Error).message}`, {
      path: where,
      cause: e,
    })
  }
}

/** True when `a` holds some struct that `b` does not. */
export function svHasMore(a: StateVector, b: StateVector): boolean {
  for (const [client, clock] of a) if (clock > (b.get(client) ?? 0)) return true
  return false
}

/** The document's delete set, encoded (an update with no structs and the full delete set). */
const encodeDeleteSet = (doc: Y.Doc): Uint8Array => Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc))

/** 16-byte SHA-256 prefix of the encoded delete set: equal sets give equal hashes. */
export const deleteSetHash = (doc: Y.Doc): Uint8Array =>
  new Uint8Array(createHash('sha256').update(encodeDeleteSet(doc)).digest().subarray(0, 16))

export const equalBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.byteLength === b.byteLength && a.every((v, i) => v === b[i])
