/**
 * The spec's CanvasGossipMessage as bytes a transport carries (lib0 encoding):
 *
 *   Operation      [100][varUint8Array: Yjs v1 update of the canvas document]
 *   CursorUpdate   [101][varString member][float64 x][float64 y][varUint t (ms)]
 *   StateRequest   [102][varUint8Array: state vector]
 *   StateResponse  [103][varUint8Array: Yjs v1 update (the diff against the request's vector)]
 *
 * The first byte never collides with a sync message (types 0-3, sync/messages.ts), so a receiver
 * tells the two apart on a canvas document by that byte alone. Decoding checks every length
 * against the bytes actually present (a view into a larger buffer must not read past its end)
 * and rejects trailing bytes: anything malformed is LabError CORRUPT_MESSAGE.
 */
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { LabError } from '../../base/errors.ts'
import { ID_MAX_LENGTH, ID_PATTERN } from '../../base/ids.ts'
import type { SyncMessage } from '../../sync/messages.ts'
import type { CanvasCursor } from '../../ports/canvasSession.ts'

/** First byte of each kind, in the spec's enum order (a sync message starts with 0-3). */
export const MSG_CANVAS_OPERATION = 100
export const MSG_CANVAS_CURSOR = 101
export const MSG_CANVAS_STATE_REQUEST = 102
export const MSG_CANVAS_STATE_RESPONSE = 103

/** The spec's `CanvasGossipMessage` enum. */
export type CanvasGossipMessage =
  | { readonly kind: 'operation'; readonly update: Uint8Array }
  | { readonly kind: 'cursor'; readonly cursor: CanvasCursor }
  | { readonly kind: 'stateRequest'; readonly stateVector: Uint8Array }
  | { readonly kind: 'stateResponse'; readonly update: Uint8Array }

/** True when `bytes` starts like a canvas gossip message (not a sync message). */
export const isCanvasGossip = (bytes: Uint8Array): boolean =>
  bytes.length > 0 && bytes[0]! >= MSG_CANVAS_OPERATION && bytes[0]! <= MSG_CANVAS_STATE_RESPONSE

/** Encodes a message as the bytes a transport carries (see the file comment for the layout). */
export function encodeCanvasGossip(m: CanvasGossipMessage): Uint8Array {
  const e = encoding.createEncoder()
  switch (m.kind) {
    case 'operation':
    case 'stateResponse':
      encoding.writeVarUint(e, m.kind === 'operation' ? MSG_CANVAS_OPERATION : MSG_CANVAS_STATE_RESPONSE)
      encoding.writeVarUint8Array(e, m.update)
      break
    case 'stateRequest':
      encoding.writeVarUint(e, MSG_CANVAS_STATE_REQUEST)
      encoding.writeVarUint8Array(e, m.stateVector)
      break
    case 'cursor':
      encoding.writeVarUint(e, MSG_CANVAS_CURSOR)
      encoding.writeVarString(e, m.cursor.member)
      encoding.writeFloat64(e, m.cursor.x)
      encoding.writeFloat64(e, m.cursor.y)
      encoding.writeVarUint(e, Math.max(0, Math.floor(m.cursor.t)))
      break
  }
  return encoding.toUint8Array(e)
}

/** Throws unless `n` more bytes are present in the view. */
function need(d: decoding.Decoder, n: number): void {
  if (d.pos + n > d.arr.length) throw new Error(`needs ${n} more bytes at offset ${d.pos}, has ${d.arr.length - d.pos}`)
}

function bytesOf(d: decoding.Decoder): Uint8Array {
  const len = decoding.readVarUint(d)
  need(d, len)
  return decoding.readUint8Array(d, len)
}

function floatOf(d: decoding.Decoder, what: string): number {
  need(d, 8)
  const v = decoding.readFloat64(d)
  if (!Number.isFinite(v)) throw new Error(`${what} is not finite`)
  return v
}

function cursorOf(d: decoding.Decoder): CanvasCursor {
  const raw = bytesOf(d)
  const member = new TextDecoder('utf-8', { fatal: true }).decode(raw)
  if (member.length > ID_MAX_LENGTH || !ID_PATTERN.test(member))
    throw new Error(`bad member id ${JSON.stringify(member.slice(0, 80))}`)
  const x = floatOf(d, 'x')
  const y = floatOf(d, 'y')
  return { member, x, y, t: decoding.readVarUint(d) }
}

function bodyOf(d: decoding.Decoder, type: number): CanvasGossipMessage {
  switch (type) {
    case MSG_CANVAS_OPERATION:
      return { kind: 'operation', update: bytesOf(d) }
    case MSG_CANVAS_CURSOR:
      return { kind: 'cursor', cursor: cursorOf(d) }
    case MSG_CANVAS_STATE_REQUEST:
      return { kind: 'stateRequest', stateVector: bytesOf(d) }
    case MSG_CANVAS_STATE_RESPONSE:
      return { kind: 'stateResponse', update: bytesOf(d) }
    default:
      throw new Error(`unknown canvas gossip message type ${type}`)
  }
}

/** Decodes a canvas gossip message; anything malformed is LabError CORRUPT_MESSAGE naming `where`. */
export function decodeCanvasGossip(bytes: Uint8Array, where: string): CanvasGossipMessage {
  try {
    const d = decoding.createDecoder(bytes)
    const m = bodyOf(d, decoding.readVarUint(d))
    if (decoding.hasContent(d)) throw new Error(`${bytes.byteLength - d.pos} trailing bytes`)
    return m
  } catch (e) {
    throw new LabError(
      'CORRUPT_MESSAGE',
      `canvas gossip message for ${where} (${bytes.byteLength} bytes) is malformed: ${(e as Error).message}`,
      { path: where, cause: e },
    )
  }
}

/** The sync message a gossip message stands for; undefined for a cursor (ephemeral, not sync). */
export function gossipToSync(m: CanvasGossipMessage): SyncMessage | undefined {
  switch (m.kind) {
    case 'operation':
      return { type: 'update', update: m.update }
    case 'stateRequest':
      return { type: 'step1', stateVector: m.stateVector }
    case 'stateResponse':
      return { type: 'step2', update: m.update }
    case 'cursor':
      return undefined
  }
}

/** The gossip form of a sync message; undefined for a digest (anti-entropy has no canvas kind). */
export function syncToGossip(m: SyncMessage): CanvasGossipMessage | undefined {
  switch (m.type) {
    case 'update':
      return { kind: 'operation', update: m.update }
    case 'step1':
      return { kind: 'stateRequest', stateVector: m.stateVector }
    case 'step2':
      return { kind: 'stateResponse', update: m.update }
    case 'digest':
      return undefined
  }
}
