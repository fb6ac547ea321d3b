/**
 * Handling of incoming sync messages. Remote input never throws out of the replica: a bad message
 * is a `rejected` result (and a `reject` event), and nothing of it is applied.
 */
import * as Y from 'yjs'
import type { ManagedDoc } from '../docs/documentManager.ts'
import { LabError, isLabError } from '../base/errors.ts'
import { parseDocId, type DocId, type MemberId } from '../base/ids.ts'
import { decodeSyncMessage, encodeSyncMessage, type SyncMessage } from '../sync/messages.ts'
import type { ArchiveMessage } from '../sync/archiveMessages.ts'
import { decodeStateVectorSafe, deleteSetHash, equalBytes, stateVectorOf, svHasMore } from '../sync/stateVectors.ts'
import { validateUpdate } from '../sync/validateUpdate.ts'
import { hasPending } from '../base/yjsInternals.ts'
import {
  decodeCanvasGossip,
  encodeCanvasGossip,
  gossipToSync,
  isCanvasGossip,
  syncToGossip,
} from '../concerns/canvas/gossip.ts'
import { CrashPoint } from '../fallback/failpoints.ts'
import type { Envelope } from '../sync/envelope.ts'
import type { CanvasCursor } from '../ports/canvasSession.ts'
import { answerSigned, receiveEntries, unsignedUpdate, type SignedHost } from './signedReceive.ts'

export type ReceiveResult =
  | { readonly status: 'applied'; readonly docId: DocId; readonly changed: boolean; readonly pending: boolean }
  | { readonly status: 'answered'; readonly docId: DocId }
  /** An ephemeral message (a canvas cursor) was recorded; no document changed. */
  | { readonly status: 'ephemeral'; readonly docId: DocId }
  | { readonly status: 'rejected'; readonly error: LabError }

/** What receive needs of the replica. */
export interface ReceiveHost {
  readonly docs: {
    get(docId: DocId): ManagedDoc
    has(docId: DocId): boolean
    applyRemote(md: ManagedDoc, update: Uint8Array): boolean
  }
  readonly maxUpdateBytes: number
  send(env: Envelope): void
  /** Called after a remote update was validated, before it is applied (the SQL fallback archives what it removes). */
  beforeRemote?(md: ManagedDoc, update: Uint8Array, from: MemberId): void
  /** Called after a remote update was integrated and persisted. */
  afterRemote(md: ManagedDoc, from: MemberId): void
  /** Peers already asked for a resync of a document while it has pending structs. */
  readonly pendingAsked: Map<DocId, Set<MemberId>>
  onReject(docId: string, from: MemberId, error: LabError): void
  onPending(docId: DocId, from: MemberId): void
  /** A canvas CursorUpdate from `from`; throws a LabError to reject it. */
  onCursor(docId: DocId, from: MemberId, cursor: CanvasCursor): void
  /** An archive handoff message from `from` about a document this replica holds; throws a LabError to reject it. */
  onArchive?(docId: DocId, from: MemberId, msg: ArchiveMessage, reply: (m: ArchiveMessage) => void): void
  /** Whether `member` may read the document (be answered its state). */
  mayRead(docId: DocId, member: MemberId): boolean
  /** `from` asked for a document's state it may not read; nothing was answered. */
  onRefuseRead(docId: DocId, from: MemberId): void
  /** A signing replica's signed stages (signedReceive.ts); absent: updates travel unsigned. */
  readonly signed?: SignedHost
}

/** How replies are encoded: as sync messages, or on a canvas document in the gossip the request came in. */
type Encode = (m: SyncMessage) => Uint8Array
const asGossip: Encode = (m) => {
  const g = syncToGossip(m)
  return g ? encodeCanvasGossip(g) : encodeSyncMessage(m)
}

export function receive(h: ReceiveHost, from: MemberId, rawDocId: string, bytes: Uint8Array): ReceiveResult {
  try {
    const parsed = parseDocId(rawDocId, 'docId')
    if (parsed.concern === 'canvas' && isCanvasGossip(bytes)) {
      const g = decodeCanvasGossip(bytes, parsed.docId)
      const msg = gossipToSync(g)
      if (msg) return handle(h, from, parsed.docId, parsed.entityId, msg, asGossip)
      if (g.kind === 'cursor') h.onCursor(parsed.docId, from, g.cursor)
      return { status: 'ephemeral', docId: parsed.docId }
    }
    const msg = decodeSyncMessage(bytes, parsed.docId)
    return handle(h, from, parsed.docId, parsed.entityId, msg, encodeSyncMessage)
  } catch (e) {
    if (e instanceof CrashPoint) throw e
    const error = isLabError(e)
      ? e
      : new LabError('INTERNAL', `receiving from ${from} for ${rawDocId}: ${(e as Error).message}`, { cause: e })
    h.onReject(rawDocId, from, error)
    return { status: 'rejected', error }
  }
}

function handle(
  h: ReceiveHost,
  from: MemberId,
  docId: DocId,
  entityId: Envelope['entityId'],
  msg: SyncMessage,
  encode: Encode,
): ReceiveResult {
  const reply = (m: SyncMessage, kind: Envelope['kind']): void =>
    h.send({ to: from, entityId, docId, message: encode(m), kind })
  if (h.signed) return handleSigned(h, h.signed, from, docId, msg, reply)
  if (msg.type === 'signed' || msg.type === 'signedDigest' || msg.type === 'logIndex')
    throw new LabError(
      'CORRUPT_MESSAGE',
      `${docId}: a ${msg.type} message from ${from} for a replica that signs nothing`,
    )
  switch (msg.type) {
    case 'step1': {
      decodeStateVectorSafe(msg.stateVector, docId)
      if (h.docs.has(docId))
        reply({ type: 'step2', update: Y.encodeStateAsUpdate(h.docs.get(docId).doc, msg.stateVector) }, 'step2')
      return { status: 'answered', docId }
    }
    case 'digest': {
      const theirs = decodeStateVectorSafe(msg.stateVector, docId)
      if (!h.docs.has(docId)) {
        reply({ type: 'step1', stateVector: Y.encodeStateVector(new Y.Doc()) }, 'step1')
        return { status: 'answered', docId }
      }
      const doc = h.docs.get(docId).doc
      const mine = stateVectorOf(doc)
      const dsDiffers = !equalBytes(deleteSetHash(doc), msg.deleteSetHash)
      if (svHasMore(mine, theirs) || dsDiffers)
        reply({ type: 'step2', update: Y.encodeStateAsUpdate(doc, msg.stateVector) }, 'step2')
      if (svHasMore(theirs, mine) || dsDiffers) reply({ type: 'step1', stateVector: Y.encodeStateVector(doc) }, 'step1')
      return { status: 'answered', docId }
    }
    case 'step2':
    case 'update':
      return applyIncoming(h, from, docId, msg.update, reply)
    case 'archiveDigest':
    case 'archiveHave':
    case 'archiveRows':
      if (h.docs.has(docId)) h.onArchive?.(docId, from, msg, (m) => reply(m, 'archive'))
      return { status: 'answered', docId }
  }
}

/** A signing replica's state messages: signed entries in, signed entries out, unsigned updates refused. */
function handleSigned(
  h: ReceiveHost,
  s: SignedHost,
  from: MemberId,
  docId: DocId,
  msg: SyncMessage,
  reply: (m: SyncMessage, kind: Envelope['kind']) => void,
): ReceiveResult {
  if (msg.type === 'update' || msg.type === 'step2') throw unsignedUpdate(docId, from)
  if (msg.type === 'signed') {
    let pending = false
    const integrate = (d: DocId, update: Uint8Array): boolean => {
      const r = applyIncoming(h, from, d, update, reply)
      pending = r.status === 'applied' && r.pending
      return r.status === 'applied' && r.changed
    }
    const out = receiveEntries(
      { ...s, integrate, onRefuse: (d, f, e) => h.onReject(d, f, e) },
      from,
      docId,
      msg.entries,
    )
    return { status: 'applied', docId, changed: out.changed, pending }
  }
  if (answerSigned({ ...s, mayRead: h.mayRead, onRefuseRead: h.onRefuseRead }, from, docId, msg, reply))
    return { status: 'answered', docId }
  if (msg.type === 'archiveDigest' || msg.type === 'archiveHave' || msg.type === 'archiveRows') {
    if (h.docs.has(docId)) h.onArchive?.(docId, from, msg, (m) => reply(m, 'archive'))
    return { status: 'answered', docId }
  }
  throw new LabError('CORRUPT_MESSAGE', `${docId}: unexpected ${msg.type} message from ${from}`)
}

function applyIncoming(
  h: ReceiveHost,
  from: MemberId,
  docId: DocId,
  update: Uint8Array,
  reply: (m: SyncMessage, kind: Envelope['kind']) => void,
): ReceiveResult {
  validateUpdate(update, docId, h.maxUpdateBytes)
  const md = h.docs.get(docId)
  h.beforeRemote?.(md, update, from)
  let changed: boolean
  try {
    changed = h.docs.applyRemote(md, update)
  } catch (e) {
    throw new LabError(
      'CORRUPT_UPDATE',
      `update for ${docId} from ${from} failed while integrating and was rolled back: ${(e as Error).message}`,
      { path: docId, cause: e },
    )
  }
  const pending = hasPending(md.doc)
  if (pending) {
    const asked = h.pendingAsked.get(docId) ?? new Set<MemberId>()
    if (!asked.has(from)) {
      asked.add(from)
      h.pendingAsked.set(docId, asked)
      h.onPending(docId, from)
      reply({ type: 'step1', stateVector: Y.encodeStateVector(md.doc) }, 'step1')
    }
  } else {
    h.pendingAsked.delete(docId)
  }
  h.afterRemote(md, from)
  return { status: 'applied', docId, changed, pending }
}

/** The digest a replica sends to a peer for anti-entropy. */
export function digestOf(md: ManagedDoc): SyncMessage {
  return { type: 'digest', stateVector: Y.encodeStateVector(md.doc), deleteSetHash: deleteSetHash(md.doc) }
}
