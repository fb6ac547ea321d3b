/**
 * Sync messages. Types 0-2 are byte-compatible with y-protocols' sync protocol
 * (messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate); type 3 is the lab's digest for
 * anti-entropy: a state vector plus a hash of the delete set. Yjs deletions create no structs, so
 * two replicas with equal state vectors can still differ in what they deleted (a lost prune);
 * the digest lets anti-entropy notice that without shipping the delete set every period.
 * Types 4-6 hand SQL-archive rows over between members (archiveMessages.ts); types 7-9 carry
 * signed updates and the digests that find what two logs of them lack (signedMessages.ts).
 */
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync'
import { LabError } from '../base/errors.ts'
import {
  MSG_ARCHIVE_DIGEST,
  MSG_ARCHIVE_HAVE,
  MSG_ARCHIVE_ROWS,
  readArchiveBody,
  writeArchiveBody,
  type ArchiveMessage,
} from './archiveMessages.ts'
import {
  MSG_LOG_INDEX,
  MSG_SIGNED,
  MSG_SIGNED_DIGEST,
  readSignedBody,
  writeSignedBody,
  type SignedMessage,
} from './signedMessages.ts'

export const MSG_STEP1 = messageYjsSyncStep1
export const MSG_STEP2 = messageYjsSyncStep2
export const MSG_UPDATE = messageYjsUpdate
export const MSG_DIGEST = 3
export { MSG_ARCHIVE_DIGEST, MSG_ARCHIVE_HAVE, MSG_ARCHIVE_ROWS }

const ARCHIVE_TYPES: Readonly<Record<ArchiveMessage['type'], number>> = {
  archiveDigest: MSG_ARCHIVE_DIGEST,
  archiveHave: MSG_ARCHIVE_HAVE,
  archiveRows: MSG_ARCHIVE_ROWS,
}
const SIGNED_TYPES: Readonly<Record<SignedMessage['type'], number>> = {
  signed: MSG_SIGNED,
  signedDigest: MSG_SIGNED_DIGEST,
  logIndex: MSG_LOG_INDEX,
}

export type SyncMessage =
  | { readonly type: 'step1'; readonly stateVector: Uint8Array }
  | { readonly type: 'step2'; readonly update: Uint8Array }
  | { readonly type: 'update'; readonly update: Uint8Array }
  | { readonly type: 'digest'; readonly stateVector: Uint8Array; readonly deleteSetHash: Uint8Array }
  | ArchiveMessage
  | SignedMessage

export function encodeSyncMessage(m: SyncMessage): Uint8Array {
  const e = encoding.createEncoder()
  switch (m.type) {
    case 'step1':
      encoding.writeVarUint(e, MSG_STEP1)
      encoding.writeVarUint8Array(e, m.stateVector)
      break
    case 'step2':
      encoding.writeVarUint(e, MSG_STEP2)
      encoding.writeVarUint8Array(e, m.update)
      break
    case 'update':
      encoding.writeVarUint(e, MSG_UPDATE)
      encoding.writeVarUint8Array(e, m.update)
      break
    case 'digest':
      encoding.writeVarUint(e, MSG_DIGEST)
      encoding.writeVarUint8Array(e, m.stateVector)
      encoding.writeVarUint8Array(e, m.deleteSetHash)
      break
    case 'signed':
    case 'signedDigest':
    case 'logIndex':
      encoding.writeVarUint(e, SIGNED_TYPES[m.type])
      writeSignedBody(e, m)
      break
    default:
      encoding.writeVarUint(e, ARCHIVE_TYPES[m.type])
      writeArchiveBody(e, m)
  }
  return encoding.toUint8Array(e)
}

/** Decodes a sync message; anything malformed is LabError CORRUPT_MESSAGE naming `where`. */
export function decodeSyncMessage(bytes: Uint8Array, where: string): SyncMessage {
  try {
    const d = decoding.createDecoder(bytes)
    const type = decoding.readVarUint(d)
    let m: SyncMessage
    switch (type) {
      case MSG_STEP1:
        m = { type: 'step1', stateVector: decoding.readVarUint8Array(d) }
        break
      case MSG_STEP2:
        m = { type: 'step2', update: decoding.readVarUint8Array(d) }
        break
      case MSG_UPDATE:
        m = { type: 'update', update: decoding.readVarUint8Array(d) }
        break
      case MSG_DIGEST:
        m = { type: 'digest', stateVector: decoding.readVarUint8Array(d), deleteSetHash: decoding.readVarUint8Array(d) }
        break
      case MSG_ARCHIVE_DIGEST:
      case MSG_ARCHIVE_HAVE:
      case MSG_ARCHIVE_ROWS:
        m = readArchiveBody(d, type)
        break
      case MSG_SIGNED:
      case MSG_SIGNED_DIGEST:
      case MSG_LOG_INDEX:
        m = readSignedBody(d, type)
        break
      default:
        throw new Error(`unknown sync message type ${type}`)
    }
    if (decoding.hasContent(d)) throw new Error(`${bytes.byteLength - d.pos} trailing bytes`)
    return m
  } catch (e) {
    if (e instanceof LabError) throw e
    throw new LabError(
      'CORRUPT_MESSAGE',
      `sync message for ${where} (${bytes.byteLength} bytes) is malformed: ${(e as Error).message}`,
      { path: where, cause: e },
    )
  }
}
