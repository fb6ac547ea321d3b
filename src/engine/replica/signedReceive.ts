/**
 * The receive pipeline's signed stages (reference profile; receive.ts routes a signed replica's
 * state messages here):
 *
 * - `signed` entries: each passes the update checks any update passes (size, structure, own
 *   client), then `signature` (authorship/signedLog.ts: signed by the member it names, its client
 *   bound to that member, no second version of ids the replica holds), then integration. An
 *   entry that deletes structs the document lacks waits for them (the sender is asked to resync).
 *   An entry of a burned range stands as a GC struct; one whose client is not bound yet waits for its first entry; an
 *   equivocation rebuilds the document from its log without the burned range. A refused entry is
 *   a counted `reject` (nothing of it stored); the others in the message still go in.
 * - requests for state (`step1`, `digest`, `signedDigest`, `logIndex`) are answered with the
 *   original signed entries the asker lacks, and only to a peer the replica's own view lets read
 *   the document; anyone else gets nothing (a `refuseRead` event) but, when its digest shows
 *   more than the replica holds, a step1 asking for it.
 * - an unsigned update (`update`, `step2`) is refused as `UNSIGNED`.
 */
import * as Y from 'yjs'
import { LabError } from '../base/errors.ts'
import type { DocId, MemberId } from '../base/ids.ts'
import { Refusal, type IncomingUpdate, type SignedHost } from './updateChecks.ts'
import type { RejectReason } from './receiveStats.ts'
import type { SyncMessage } from '../sync/messages.ts'
import type { SignedUpdate } from '../sync/signedMessages.ts'
import type { Envelope } from '../sync/envelope.ts'
import { equalBytes, stateVectorOf, svHasMore, type StateVector } from '../sync/stateVectors.ts'
import { decodedUpdate } from '../sync/validateUpdate.ts'

/** What taking entries needs besides: the pipeline's stages for one update, and where refusals go. */
interface Intake extends SignedHost {
  /** The pipeline's update checks (size, structure, own client), before the signature; throws a Refusal. */
  check(docId: DocId, update: Uint8Array): IncomingUpdate
  /**
   * Integrates and settles a checked update; throws a Refusal; returns whether the document changed.
   * `applied` runs once it is integrated, before what follows a change (acks read the log it records).
   */
  integrate(u: IncomingUpdate, applied?: () => void): boolean
  /** Entries that may wait for their client's first entry, per client (the pending-structs cap). */
  readonly maxDeferred: number
  /** An entry was refused (counted, nothing of it stored): a LabError of the signature stage, or a Refusal. */
  onRefuse(docId: DocId, from: MemberId, error: LabError | Refusal): void
}

/** What answering needs besides: the read policy, and where refusals go. */
interface Answers extends SignedHost {
  mayRead(docId: DocId, member: MemberId): boolean
  onRefuseRead(docId: DocId, from: MemberId): void
}

type Reply = (m: SyncMessage, kind: Envelope['kind']) => void

/** The outcome of one `signed` message: whether the document changed; the refusal when every entry was refused. */
export interface SignedOutcome {
  readonly changed: boolean
  /** An entry waits for its client's first entry: the sender is asked to resync, as for pending structs. */
  readonly deferred: boolean
  /** Entries waiting for a client went over the cap and were dropped (the sender is asked again). */
  readonly dropped: boolean
  readonly refusal?: { readonly reason: RejectReason; readonly error: LabError }
}

/** Verifies and integrates the entries of a `signed` message, one by one (see the file comment). */
export function receiveEntries(
  h: Intake,
  from: MemberId,
  docId: DocId,
  entries: readonly SignedUpdate[],
): SignedOutcome {
  const log = h.authorship.log(docId)
  let changed = false
  let deferred = false
  let dropped = false
  let refused = 0
  let first: SignedOutcome['refusal']
  const queue = [...entries]
  for (let entry = queue.shift(); entry !== undefined; entry = queue.shift()) {
    try {
      const step = take(h, docId, entry)
      changed = step.changed || changed
      deferred = step.deferred === true || deferred
      dropped = step.dropped === true || dropped
      if (step.bound !== undefined) queue.push(...log.takeDeferred(step.bound))
      // The document grew: entries waiting for structs it lacked are checked again.
      if (step.changed) queue.push(...log.takeAwaiting())
    } catch (e) {
      // A refusal (or a malformed entry): counted, nothing of it stored; the message's other entries go on.
      if (!(e instanceof LabError) && !(e instanceof Refusal)) throw e
      refused++
      first ??=
        e instanceof Refusal ? { reason: e.reason, error: e.cause as LabError } : { reason: 'signature', error: e }
      h.onRefuse(docId, from, e)
    }
  }
  const out = { changed, deferred, dropped }
  return refused === entries.length && first ? { ...out, refusal: first } : out
}

/** One entry: verified, then integrated, kept or refused (a thrown LabError); `bound`: a client it bound. */
function take(
  h: Intake,
  docId: DocId,
  entry: SignedUpdate,
): { changed: boolean; bound?: number; deferred?: true; dropped?: true } {
  const log = h.authorship.log(docId)
  const u = h.check(docId, entry.update)
  const c = log.check(entry)
  switch (c.kind) {
    case 'refuse':
      if (c.burn) h.rebuild(docId)
      if (c.repeat) return { changed: false }
      throw new LabError(c.code, `${docId}: update from ${entry.signer} refused: ${c.reason}`)
    case 'defer':
      return log.defer(c.entry, h.maxDeferred) ? { changed: false, deferred: true } : { changed: false, dropped: true }
    case 'burned': {
      const standIn = h.authorship.standIn(docId, c.entry, stateVectorOf(h.doc(docId)))
      if (!standIn) {
        log.commit(c.entry)
        return { changed: false }
      }
      return { changed: h.integrate(h.check(docId, standIn), () => log.commit(c.entry)) }
    }
    case 'known': {
      // Held, but the document lacks its structs (pending when a restart or a rebuild dropped them).
      const e = c.entry
      const lacks = e.client !== undefined && (stateVectorOf(h.doc(docId)).get(e.client) ?? 0) < e.to
      return { changed: lacks ? h.integrate(u) : false }
    }
    case 'new': {
      if (deletesUnheld(h.doc(docId), u))
        return log.await(entry, h.maxDeferred) ? { changed: false, deferred: true } : { changed: false, dropped: true }
      const client = c.entry.client
      const binds = client !== undefined && c.entry.from === 0 && !log.binding.has(client)
      const changed = h.integrate(u, () => log.commit(c.entry))
      return binds ? { changed, bound: client } : { changed }
    }
  }
}

/**
 * Whether `u` deletes structs the document does not hold (nor `u` bring): such an entry waits
 * (SignedLog.await) until they come, so that what a deletion removes is what its author removed.
 */
function deletesUnheld(doc: Y.Doc, u: IncomingUpdate): boolean {
  if (u.summary?.deleteRanges === 0) return false
  // Only the clients the delete set names are looked up (Y.getState), not the whole state vector:
  // this runs for every received entry that deletes anything.
  for (const [client, ranges] of decodedUpdate(u.bytes).ds.clients) {
    const held = Math.max(Y.getState(doc.store, client), u.summary?.ends.get(client) ?? 0)
    for (const d of ranges) if (d.clock + d.len > held) return true
  }
  return false
}

/** Answers a request for state with signed entries, to a peer that may read the document; true when handled. */
export function answerSigned(
  h: Answers,
  from: MemberId,
  docId: DocId,
  msg: SyncMessage,
  reply: Reply,
  /** The pipeline's `state-vector` stage (caps, then a full decode). */
  decodeSv: (bytes: Uint8Array) => StateVector,
): boolean {
  if (msg.type !== 'step1' && msg.type !== 'digest' && msg.type !== 'signedDigest' && msg.type !== 'logIndex')
    return false
  // Structure first (the state vector's cap and decoding), then who asks.
  const theirs = msg.type === 'logIndex' ? undefined : decodeSv(msg.stateVector)
  if (!h.mayRead(docId, from)) {
    h.onRefuseRead(docId, from)
    // Nothing is handed over, but a digest showing more than this replica holds is still asked
    // for: a replica that lost its core (a torn bootstrap) knows no members until it is sent one.
    if (msg.type !== 'step1' && theirs && svHasMore(theirs, stateVectorOf(h.doc(docId))))
      reply({ type: 'step1', stateVector: Y.encodeStateVector(h.doc(docId)) }, 'step1')
    return true
  }
  const a = h.authorship
  const send = (entries: SignedUpdate[], kind: Envelope['kind']): void => {
    if (entries.length > 0) reply({ type: 'signed', entries }, kind)
  }
  if (msg.type === 'logIndex' || theirs === undefined) {
    if (msg.type === 'logIndex') send(a.missingFrom(docId, msg.digests), 'step2')
    return true
  }
  if (msg.type === 'step1') {
    send(a.entriesBeyond(docId, theirs), 'step2')
    return true
  }
  const doc = h.doc(docId)
  const mine = stateVectorOf(doc)
  if (svHasMore(mine, theirs)) send(a.entriesBeyond(docId, theirs), 'step2')
  if (svHasMore(theirs, mine)) reply({ type: 'step1', stateVector: Y.encodeStateVector(doc) }, 'step1')
  // Equal state vectors can hide different content (an equivocation) or deletions: compare logs.
  const logsDiffer = msg.type === 'signedDigest' && !equalBytes(msg.logHash, a.log(docId).hash)
  if (logsDiffer && !svHasMore(mine, theirs) && !svHasMore(theirs, mine))
    reply({ type: 'logIndex', digests: a.index(docId) }, 'step1')
  return true
}

/** An unsigned update sent to a signed replica. */
export const unsignedUpdate = (docId: DocId, from: MemberId): LabError =>
  new LabError('UNSIGNED', `${docId}: update from ${from} carries no signature; this replica takes signed updates only`)
