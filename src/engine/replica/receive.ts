/**
 * Handling of incoming sync messages, as a pipeline of named stages. Remote input never throws
 * out of the replica: a bad message is a `rejected` result (and a `reject` event) naming the stage
 * that refused it, and nothing of it is stored.
 *
 * An update (`update`, `step2`) passes, in order:
 *
 * 1. `UPDATE_CHECKS` (updateChecks.ts), each a named reason that refuses the update whole before
 *    anything of it is stored: `size` (the update-bytes cap), `structure` (it decodes completely
 *    as a Yjs update with sane clocks), and whatever stages are added there later (a signature
 *    check goes after `structure`);
 * 2. `integrate`: structs of the replica's own clientID it never wrote (forged or damaged) make
 *    it take the next clientID of its provider first (Yjs would pick a random one), then the SQL
 *    fallback archives what the update removes, then Yjs integrates it and
 *    the document manager persists what was integrated, all-or-nothing (a throw rolls back from
 *    the store, and the update is rejected as `integrate`);
 * 3. `settle`: pending structs (missing a dependency) are capped (over the cap they are dropped)
 *    and the sender is asked to resync; then the after-change handling (acks, pruning, the
 *    fallback, membership). The update is stored by now, so a failure here is no rejection: it is
 *    an `internal` event, an engine bug the lab reports as such.
 *
 * Records the layout reads from remote data are not judged here: every read checks each record's
 * shape and ignores a malformed one, the same way on every replica (reference/recordShapes.ts).
 * A step1 or digest passes `state-vector` (the entry cap, then a full decode) before it is
 * answered.
 */
import * as Y from 'yjs'
import { LabError, isLabError } from '../base/errors.ts'
import { parseDocId, type DocId, type MemberId } from '../base/ids.ts'
import { decodeSyncMessage, encodeSyncMessage, type SyncMessage } from '../sync/messages.ts'
import { decodeStateVectorSafe, deleteSetHash, equalBytes, stateVectorOf, svHasMore } from '../sync/stateVectors.ts'
import { checkStateVectorEntries } from '../sync/caps.ts'
import {
  decodeCanvasGossip,
  encodeCanvasGossip,
  gossipToSync,
  isCanvasGossip,
  syncToGossip,
} from '../concerns/canvas/gossip.ts'
import { CrashPoint } from '../fallback/failpoints.ts'
import type { Envelope } from '../sync/envelope.ts'
import type { ManagedDoc } from '../docs/documentManager.ts'
import {
  claimsOwnClient,
  Refusal,
  refuse,
  runUpdateChecks,
  settle,
  type IncomingUpdate,
  type ReceiveHost,
} from './updateChecks.ts'
import type { RejectReason } from './receiveStats.ts'
import { answerSigned, receiveEntries, unsignedUpdate } from './signedReceive.ts'
import { checkUpdateSize } from '../sync/validateUpdate.ts'

export type { ReceiveHost } from './updateChecks.ts'

export type ReceiveResult =
  | { readonly status: 'applied'; readonly docId: DocId; readonly changed: boolean; readonly pending: boolean }
  | { readonly status: 'answered'; readonly docId: DocId }
  /** An ephemeral message (a canvas cursor) was recorded; no document changed. */
  | { readonly status: 'ephemeral'; readonly docId: DocId }
  | { readonly status: 'rejected'; readonly reason: RejectReason; readonly error: LabError }

/** How replies are encoded: as sync messages, or on a canvas document in the gossip the request came in. */
type Encode = (m: SyncMessage) => Uint8Array
const asGossip: Encode = (m) => {
  const g = syncToGossip(m)
  return g ? encodeCanvasGossip(g) : encodeSyncMessage(m)
}

export function receive(h: ReceiveHost, from: MemberId, rawDocId: string, bytes: Uint8Array): ReceiveResult {
  h.stats.messages++
  try {
    const parsed = refuse('doc-id', () => parseDocId(rawDocId, 'docId'))
    if (parsed.concern === 'canvas' && isCanvasGossip(bytes)) {
      const g = refuse('message', () => decodeCanvasGossip(bytes, parsed.docId))
      const msg = gossipToSync(g)
      if (msg) return handle(h, from, parsed.docId, parsed.entityId, msg, asGossip)
      if (g.kind === 'cursor') refuse('cursor', () => h.onCursor(parsed.docId, from, g.cursor))
      return { status: 'ephemeral', docId: parsed.docId }
    }
    const msg = refuse('message', () => decodeSyncMessage(bytes, parsed.docId))
    return handle(h, from, parsed.docId, parsed.entityId, msg, encodeSyncMessage)
  } catch (e) {
    if (e instanceof CrashPoint) throw e
    const reason: RejectReason = e instanceof Refusal ? e.reason : 'internal'
    const cause = e instanceof Refusal ? e.cause : e
    const error = isLabError(cause)
      ? cause
      : new LabError('INTERNAL', `receiving from ${from} for ${rawDocId}: ${(cause as Error).message}`, { cause })
    h.stats.rejected[reason] = (h.stats.rejected[reason] ?? 0) + 1
    h.onReject(rawDocId, from, error)
    return { status: 'rejected', reason, error }
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
  if (h.signed) return handleSigned(h, from, docId, msg, reply)
  if (msg.type === 'signed' || msg.type === 'signedDigest' || msg.type === 'logIndex')
    throw new Refusal(
      'message',
      new LabError('CORRUPT_MESSAGE', `${docId}: a ${msg.type} message for a replica that signs nothing`),
    )
  switch (msg.type) {
    case 'step1': {
      stateVectorStage(h, msg.stateVector, docId)
      if (h.docs.has(docId))
        reply({ type: 'step2', update: Y.encodeStateAsUpdate(h.docs.get(docId).doc, msg.stateVector) }, 'step2')
      return { status: 'answered', docId }
    }
    case 'digest': {
      const theirs = stateVectorStage(h, msg.stateVector, docId)
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
      return applyIncoming(h, { from, docId, bytes: msg.update }, reply)
    case 'archiveDigest':
    case 'archiveHave':
    case 'archiveRows':
      if (h.docs.has(docId)) refuse('archive', () => h.onArchive?.(docId, from, msg, (m) => reply(m, 'archive')))
      return { status: 'answered', docId }
  }
}

/**
 * A signing replica's state messages (signedReceive.ts): each entry of a `signed` message passes
 * `signature`, then the update checks, `integrate` and `settle` as any update does; a refused
 * entry is counted by its stage and the message's other entries go on. Requests for state are
 * answered with signed entries to readers only; an unsigned update is refused whole.
 */
function handleSigned(
  h: ReceiveHost,
  from: MemberId,
  docId: DocId,
  msg: SyncMessage,
  reply: (m: SyncMessage, kind: Envelope['kind']) => void,
): ReceiveResult {
  const s = h.signed!
  if (msg.type === 'update' || msg.type === 'step2') {
    refuse('size', () => checkUpdateSize(msg.update, docId, h.caps.updateBytes))
    throw new Refusal('signature', unsignedUpdate(docId, from))
  }
  if (msg.type === 'signed') {
    let pending = false
    const check = (d: DocId, bytes: Uint8Array): IncomingUpdate => {
      const u: IncomingUpdate = { from, docId: d, bytes }
      runUpdateChecks(h, u)
      return u
    }
    const integrate = (u: IncomingUpdate, applied?: () => void): boolean => {
      const r = integrateChecked(h, u, reply, applied)
      pending = r.pending
      return r.changed
    }
    const onRefuse = (d: DocId, f: MemberId, e: unknown): void => {
      const reason: RejectReason = e instanceof Refusal ? e.reason : 'signature'
      const error = e instanceof Refusal ? (e.cause as LabError) : (e as LabError)
      h.stats.rejected[reason] = (h.stats.rejected[reason] ?? 0) + 1
      h.onReject(d, f, error)
    }
    const maxDeferred = h.caps.pendingStructs
    const take = (): ReturnType<typeof receiveEntries> =>
      receiveEntries({ ...s, check, integrate, onRefuse, maxDeferred }, from, docId, msg.entries)
    const out = h.batch ? h.batch(take) : take()
    if (out.dropped) {
      h.stats.pendingDropped++
      h.pendingAsked.delete(docId)
    }
    // Every entry refused: the message is, as an unsigned update would be (each refusal is counted already).
    if (out.refusal) return { status: 'rejected', ...out.refusal }
    if (out.deferred) askOnce(h, docId, from, reply)
    return { status: 'applied', docId, changed: out.changed, pending: pending || out.deferred }
  }
  const answers = { ...s, mayRead: h.mayRead, onRefuseRead: h.onRefuseRead }
  if (answerSigned(answers, from, docId, msg, reply, (bytes) => stateVectorStage(h, bytes, docId)))
    return { status: 'answered', docId }
  if (msg.type === 'archiveDigest' || msg.type === 'archiveHave' || msg.type === 'archiveRows') {
    if (h.docs.has(docId)) refuse('archive', () => h.onArchive?.(docId, from, msg, (m) => reply(m, 'archive')))
    return { status: 'answered', docId }
  }
  throw new Refusal('message', new LabError('CORRUPT_MESSAGE', `${docId}: a ${msg.type} message from ${from}`))
}

/** Asks `from` to resync the document, once while something of it waits (pending structs, deferred entries). */
function askOnce(
  h: ReceiveHost,
  docId: DocId,
  from: MemberId,
  reply: (m: SyncMessage, kind: Envelope['kind']) => void,
) {
  const asked = h.pendingAsked.get(docId) ?? new Set<MemberId>()
  if (asked.has(from)) return
  asked.add(from)
  h.pendingAsked.set(docId, asked)
  h.onPending(docId, from)
  reply({ type: 'step1', stateVector: Y.encodeStateVector(h.docs.get(docId).doc) }, 'step1')
}

/** `state-vector`: the entry cap (read from the count alone), then a full decode. */
function stateVectorStage(h: ReceiveHost, bytes: Uint8Array, docId: DocId): Map<number, number> {
  return refuse('state-vector', () => {
    checkStateVectorEntries(bytes, docId, h.caps.stateVectorEntries)
    return decodeStateVectorSafe(bytes, docId)
  })
}

function applyIncoming(
  h: ReceiveHost,
  u: IncomingUpdate,
  reply: (m: SyncMessage, kind: Envelope['kind']) => void,
): ReceiveResult {
  runUpdateChecks(h, u)
  return { status: 'applied', docId: u.docId, ...integrateChecked(h, u, reply) }
}

/** `integrate`, then `applied` (a signed entry's log record), then `settle`, for an update that passed the checks. */
function integrateChecked(
  h: ReceiveHost,
  u: IncomingUpdate,
  reply: (m: SyncMessage, kind: Envelope['kind']) => void,
  applied?: () => void,
): { changed: boolean; pending: boolean } {
  const md = h.docs.get(u.docId)
  const changed = refuse('integrate', () => integrate(h, md, u))
  applied?.()
  h.stats.applied++
  return { changed, pending: settle(h, md, u, reply) }
}

/** `integrate`: all-or-nothing into the document and its store; a throw rolls back and refuses. */
function integrate(h: ReceiveHost, md: ManagedDoc, u: IncomingUpdate): boolean {
  if (claimsOwnClient(md, u)) {
    h.rotateClient(md)
    h.stats.ownClientRotations++
  }
  h.beforeRemote?.(md, u.bytes, u.from)
  try {
    return h.docs.applyRemote(md, u.bytes)
  } catch (e) {
    throw new LabError(
      'CORRUPT_UPDATE',
      `update for ${u.docId} from ${u.from} failed while integrating and was rolled back: ${(e as Error).message}`,
      { path: u.docId, cause: e },
    )
  }
}

/** The digest a replica sends to a peer for anti-entropy. */
export function digestOf(md: ManagedDoc): SyncMessage {
  return { type: 'digest', stateVector: Y.encodeStateVector(md.doc), deleteSetHash: deleteSetHash(md.doc) }
}
