/**
 * Signed authorship on the wire (sync message types 7-9, see messages.ts; the reference profile's):
 *
 * ```
 *   signed(entries)                 updates, each with its signer and signature: a published
 *                                   update (one entry), or what a peer lacks (the originals)
 *   signedDigest(sv, dsHash, log)   anti-entropy's digest, plus an order-free hash of the
 *                                   entries the sender's log holds (equal state vectors can
 *                                   hide different content under the same ids: equivocation)
 *   logIndex(digests)               "these are the entries I hold": the peer answers with the
 *                                   ones missing, when digests match in state but not in log
 * ```
 * An entry is signed by its author over (document id, update) (authorship/keys.ts); relays pass
 * it on unchanged. Decoding checks structure only; the receiver verifies.
 */
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import type { MemberId } from '../base/ids.ts'
import { readList } from './archiveMessages.ts'

/** One update as its author signed it. */
export interface SignedUpdate {
  readonly signer: MemberId
  readonly signature: Uint8Array
  readonly update: Uint8Array
}

export type SignedMessage =
  | { readonly type: 'signed'; readonly entries: readonly SignedUpdate[] }
  | {
      readonly type: 'signedDigest'
      readonly stateVector: Uint8Array
      readonly deleteSetHash: Uint8Array
      readonly logHash: Uint8Array
    }
  | { readonly type: 'logIndex'; readonly digests: readonly Uint8Array[] }

export const MSG_SIGNED = 7
export const MSG_SIGNED_DIGEST = 8
export const MSG_LOG_INDEX = 9

/** Writes the body of a signed message (after its type number). */
export function writeSignedBody(e: encoding.Encoder, m: SignedMessage): void {
  switch (m.type) {
    case 'signed':
      encoding.writeVarUint(e, m.entries.length)
      for (const x of m.entries) writeEntry(e, x)
      return
    case 'signedDigest':
      encoding.writeVarUint8Array(e, m.stateVector)
      encoding.writeVarUint8Array(e, m.deleteSetHash)
      encoding.writeVarUint8Array(e, m.logHash)
      return
    case 'logIndex':
      encoding.writeVarUint(e, m.digests.length)
      for (const d of m.digests) encoding.writeVarUint8Array(e, d)
      return
  }
}

/** Reads the body of a signed message of `type`; throws a plain Error on bad structure. */
export function readSignedBody(d: decoding.Decoder, type: number): SignedMessage {
  switch (type) {
    case MSG_SIGNED:
      return { type: 'signed', entries: readList(d, () => readEntry(d)) }
    case MSG_SIGNED_DIGEST:
      return {
        type: 'signedDigest',
        stateVector: decoding.readVarUint8Array(d),
        deleteSetHash: decoding.readVarUint8Array(d),
        logHash: decoding.readVarUint8Array(d),
      }
    case MSG_LOG_INDEX:
      return { type: 'logIndex', digests: readList(d, () => decoding.readVarUint8Array(d)) }
    default:
      throw new Error(`unknown signed message type ${type}`)
  }
}

/** One entry as stored and sent: signer, signature, update. */
export function writeEntry(e: encoding.Encoder, x: SignedUpdate): void {
  encoding.writeVarString(e, x.signer)
  encoding.writeVarUint8Array(e, x.signature)
  encoding.writeVarUint8Array(e, x.update)
}

export function readEntry(d: decoding.Decoder): SignedUpdate {
  return {
    signer: decoding.readVarString(d),
    signature: decoding.readVarUint8Array(d),
    update: decoding.readVarUint8Array(d),
  }
}

/**
 * One entry's bytes (its log record, and what its digest covers): `writeEntry`'s bytes, written
 * into one buffer of the exact size (lib0's encoder grew and copied its buffers for every entry
 * the log keyed: 6% of a chat message's send and receipt).
 */
export function encodeEntry(x: SignedUpdate): Uint8Array {
  const signer = utf8.encode(x.signer)
  const size = sized(signer) + sized(x.signature) + sized(x.update)
  const out = new Uint8Array(size)
  let at = 0
  for (const part of [signer, x.signature, x.update]) {
    at = putVarUint(out, at, part.length)
    out.set(part, at)
    at += part.length
  }
  return out
}

const utf8 = new TextEncoder()

/** Bytes of a lib0 var-uint length prefix and what follows it. */
const sized = (part: Uint8Array): number => {
  let n = part.length
  let bytes = 1
  while (n > 0x7f) {
    n = Math.floor(n / 128)
    bytes++
  }
  return bytes + part.length
}

/** Writes `n` as lib0's writeVarUint does (7 bits a byte, low first); returns the next position. */
function putVarUint(out: Uint8Array, at: number, n: number): number {
  while (n > 0x7f) {
    out[at++] = 0x80 | (n & 0x7f)
    n = Math.floor(n / 128)
  }
  out[at++] = n
  return at
}

/** Decodes one entry's bytes; throws a plain Error on bad structure or trailing bytes. */
export function decodeEntry(bytes: Uint8Array): SignedUpdate {
  const d = decoding.createDecoder(bytes)
  const x = readEntry(d)
  if (decoding.hasContent(d)) throw new Error(`${bytes.byteLength - d.pos} trailing bytes after an entry`)
  return x
}
