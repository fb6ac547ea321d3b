/**
 * The gossip envelope carried on the simulated wire, and the ways the wire can damage it.
 *
 * A real transport (TLS, QUIC) rejects damaged packets; our wire does not, so the frame carries
 * its own checksum. Without it a flipped bit inside a Yjs string would be integrated silently and
 * replicas would diverge for a reason no real deployment has.
 *
 * Layout (lib0 encoding):
 *
 * ```
 * varUint version | varString kind | varString entityId | varString docId ('' = none)
 * | varUint8Array payload | uint32 CRC-32 of every byte before it
 * ```
 */
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { crc32 } from 'node:zlib'
import { LabError } from '../engine/base/errors.ts'
import { parseDocId, parseEntityId, type DocId, type EntityId } from '../engine/base/ids.ts'
import type { Rng } from '../engine/base/providers.ts'

export const FRAME_VERSION = 1

/** A message kind label chosen by the engine (`update`, `sync-step-1`, `ack`, ...). */
export const FRAME_KIND_PATTERN = /^[a-z][a-zA-Z0-9._-]{0,63}$/

/** A decoded gossip message. `payload` may be a view into the frame's bytes (no copy). */
export interface Frame {
  readonly kind: string
  readonly entityId: EntityId
  /** The document the payload belongs to, or null for an entity-wide message. */
  readonly docId: DocId | null
  readonly payload: Uint8Array
}

const CHECKSUM_BYTES = 4
/** version(1) + three empty strings(3) + empty payload(1) + checksum. */
const MIN_FRAME_BYTES = 5 + CHECKSUM_BYTES

/** Encodes a frame; throws INVALID_ARG for a kind or id the decoder would reject. */
export function encodeFrame(frame: Frame): Uint8Array {
  if (!FRAME_KIND_PATTERN.test(frame.kind)) {
    throw new LabError('INVALID_ARG', `frame kind ${JSON.stringify(frame.kind)} must match ${FRAME_KIND_PATTERN}`)
  }
  const enc = encoding.createEncoder()
  encoding.writeVarUint(enc, FRAME_VERSION)
  encoding.writeVarString(enc, frame.kind)
  encoding.writeVarString(enc, frame.entityId)
  encoding.writeVarString(enc, frame.docId ?? '')
  encoding.writeVarUint8Array(enc, frame.payload)
  const body = encoding.toUint8Array(enc)
  const out = new Uint8Array(body.length + CHECKSUM_BYTES)
  out.set(body)
  new DataView(out.buffer).setUint32(body.length, crc32(body))
  return out
}

const corrupt = (message: string, cause?: unknown): LabError => new LabError('CORRUPT_MESSAGE', message, { cause })

/**
 * Decodes and verifies a frame. Anything wrong with the bytes (length, checksum, version,
 * structure, ids) raises LabError CORRUPT_MESSAGE saying what failed, and nothing else.
 */
export function decodeFrame(bytes: Uint8Array): Frame {
  if (bytes.length < MIN_FRAME_BYTES) {
    throw corrupt(`frame of ${bytes.length} bytes is shorter than the smallest frame (${MIN_FRAME_BYTES} bytes)`)
  }
  const bodyLength = bytes.length - CHECKSUM_BYTES
  const body = bytes.subarray(0, bodyLength)
  const stored = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(bodyLength)
  const actual = crc32(body)
  if (stored !== actual) {
    throw corrupt(
      `frame checksum mismatch: stored ${hex32(stored)}, computed ${hex32(actual)} over ${bodyLength} bytes`,
    )
  }
  // Past the checksum only an encoder bug can fail here, but the promise holds all the same.
  let fields: [number, string, string, string, Uint8Array]
  try {
    fields = readFields(body)
  } catch (e) {
    throw e instanceof LabError
      ? e
      : corrupt(`frame structure is damaged: ${e instanceof Error ? e.message : String(e)}`, e)
  }
  return checkFields(...fields)
}

function readFields(body: Uint8Array): [number, string, string, string, Uint8Array] {
  const dec = decoding.createDecoder(body)
  const fields: [number, string, string, string, Uint8Array] = [
    decoding.readVarUint(dec),
    decoding.readVarString(dec),
    decoding.readVarString(dec),
    decoding.readVarString(dec),
    decoding.readVarUint8Array(dec),
  ]
  if (decoding.hasContent(dec)) throw corrupt(`frame has ${body.length - dec.pos} trailing bytes after its payload`)
  return fields
}

function checkFields(version: number, kind: string, entity: string, doc: string, payload: Uint8Array): Frame {
  if (version !== FRAME_VERSION) throw corrupt(`unsupported frame version ${version}; expected ${FRAME_VERSION}`)
  if (!FRAME_KIND_PATTERN.test(kind))
    throw corrupt(`frame kind ${JSON.stringify(kind.slice(0, 80))} is not a valid kind`)
  let entityId: EntityId
  let docId: DocId | null = null
  try {
    entityId = parseEntityId(entity).entityId
    if (doc !== '') docId = parseDocId(doc).docId
  } catch (e) {
    throw corrupt(`frame names an invalid id: ${e instanceof Error ? e.message : String(e)}`, e)
  }
  if (docId !== null && !docId.startsWith(`${entityId}:`)) {
    throw corrupt(`frame document ${docId} does not belong to entity ${entityId}`)
  }
  return { kind, entityId, docId, payload }
}

const hex32 = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`

// ---------------------------------------------------------------------------------------------
// Corruption: what a faulty wire does to bytes. Each mode always changes the bytes.

export const CORRUPTION_MODES = ['truncate', 'bitflip', 'garbage'] as const
export type CorruptionMode = (typeof CORRUPTION_MODES)[number]

export interface Corrupted {
  readonly bytes: Uint8Array
  readonly mode: CorruptionMode
}

/** Cuts the bytes to a strictly shorter length, uniform in [0, length - 1]; empty stays empty. */
export function truncate(bytes: Uint8Array, rng: Rng): Uint8Array {
  if (bytes.length === 0) return bytes
  return bytes.slice(0, rng.int(0, bytes.length - 1))
}

/** Flips one uniformly chosen bit (in a copy). An empty input becomes one random byte. */
export function bitflip(bytes: Uint8Array, rng: Rng): Uint8Array {
  if (bytes.length === 0) return Uint8Array.of(rng.int(0, 255))
  const out = bytes.slice()
  const bit = rng.int(0, bytes.length * 8 - 1)
  out[bit >> 3]! ^= 1 << (bit & 7)
  return out
}

/**
 * Overwrites a random run of bytes (1 to 16 long) with random bytes (in a copy). Should the
 * random bytes equal the old ones, the first is inverted, so the result always differs.
 */
export function garbage(bytes: Uint8Array, rng: Rng): Uint8Array {
  if (bytes.length === 0) return Uint8Array.of(rng.int(0, 255))
  const out = bytes.slice()
  const length = rng.int(1, Math.min(16, bytes.length))
  const start = rng.int(0, bytes.length - length)
  let changed = false
  for (let i = start; i < start + length; i++) {
    out[i] = rng.int(0, 255)
    changed ||= out[i] !== bytes[i]
  }
  if (!changed) out[start] = ~out[start]! & 0xff
  return out
}

const CORRUPTORS: Readonly<Record<CorruptionMode, (bytes: Uint8Array, rng: Rng) => Uint8Array>> = {
  truncate,
  bitflip,
  garbage,
}

/**
 * Damages `bytes` with a mode picked by `rng` (uniformly); the input is never modified.
 * Empty input cannot be cut, so it always gets `garbage`.
 */
export function corruptBytes(bytes: Uint8Array, rng: Rng): Corrupted {
  const mode = bytes.length === 0 ? 'garbage' : rng.pick(CORRUPTION_MODES)
  return { bytes: CORRUPTORS[mode](bytes, rng), mode }
}
