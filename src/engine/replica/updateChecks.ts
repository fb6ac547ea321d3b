/**
 * The stages of the receive pipeline (receive.ts) an update passes: the checks before anything of
 * it is stored, and what settles after it was. A check is a named reason and a function that
 * throws a LabError to refuse the update whole; a new check (a signature, say) is one more entry
 * in UPDATE_CHECKS, at the place in the order it needs.
 */
import * as Y from 'yjs'
import { LabError } from '../base/errors.ts'
import type { DocId, MemberId } from '../base/ids.ts'
import type { ManagedDoc } from '../docs/documentManager.ts'
import type { ArchiveMessage } from '../sync/archiveMessages.ts'
import type { ReceiveCaps } from '../sync/caps.ts'
import type { Envelope } from '../sync/envelope.ts'
import type { SyncMessage } from '../sync/messages.ts'
import { checkUpdateSize, validateUpdate, type UpdateSummary } from '../sync/validateUpdate.ts'
import { dropPending, hasPending, pendingCount } from '../base/yjsInternals.ts'
import { stateVectorOf } from '../sync/stateVectors.ts'
import type { CanvasCursor } from '../ports/canvasSession.ts'
import { CrashPoint } from '../fallback/failpoints.ts'
import type { ReceiveStats, RejectReason } from './receiveStats.ts'
import type { Authorship } from '../authorship/authorship.ts'

/** What receive needs of the replica. */
export interface ReceiveHost {
  readonly docs: {
    get(docId: DocId): ManagedDoc
    has(docId: DocId): boolean
    applyRemote(md: ManagedDoc, update: Uint8Array): boolean
  }
  readonly caps: ReceiveCaps
  readonly stats: ReceiveStats
  /** Gives the document the next clientID of the replica's provider (and says so in an event). */
  rotateClient(md: ManagedDoc): void
  send(env: Envelope): void
  /** After a remote update passed every check, before it is applied (the SQL fallback archives what it removes). */
  beforeRemote?(md: ManagedDoc, update: Uint8Array, from: MemberId): void
  /** Called after a remote update was integrated and persisted. */
  afterRemote(md: ManagedDoc, from: MemberId): void
  /** Runs a signed message's entries, what follows a membership change done once at the end (AfterChange.batch). */
  batch?<T>(fn: () => T): T
  /** Peers already asked for a resync of a document while it has pending structs. */
  readonly pendingAsked: Map<DocId, Set<MemberId>>
  onReject(docId: string, from: MemberId, error: LabError): void
  onPending(docId: DocId, from: MemberId): void
  /** A failure after an update was stored (an engine bug): reported, never a rejection. */
  onInternal(docId: DocId, from: MemberId, error: LabError): void
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

/** What the signed stages (signedReceive.ts) need of a signing replica. */
export interface SignedHost {
  readonly authorship: Authorship
  doc(docId: DocId): Y.Doc
  /** Replaces the document with what its log makes it (an equivocation burned part of it). */
  rebuild(docId: DocId): void
}

/** An update on its way in. */
export interface IncomingUpdate {
  readonly from: MemberId
  readonly docId: DocId
  readonly bytes: Uint8Array
  /** What the `structure` check decoded. */
  summary?: UpdateSummary
}

/** One check an update passes before anything of it is stored. */
export interface UpdateCheck {
  readonly reason: RejectReason
  /** Throws a LabError to refuse the update. */
  check(u: IncomingUpdate, h: ReceiveHost): void
}

/** A stage refused the message: the reason, and what it threw. */
export class Refusal extends Error {
  constructor(
    readonly reason: RejectReason,
    override readonly cause: unknown,
  ) {
    super(`${reason}: ${(cause as Error)?.message ?? String(cause)}`)
  }
}

/** Runs `fn` as the stage `reason`: whatever it throws (a crash point aside) refuses the message. */
export function refuse<T>(reason: RejectReason, fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    if (e instanceof CrashPoint || e instanceof Refusal) throw e
    throw new Refusal(reason, e)
  }
}

/** The checks, in order. Cheap ones first: nothing is decoded before the size is known. */
export const UPDATE_CHECKS: readonly UpdateCheck[] = [
  {
    reason: 'size',
    check: (u, h) => checkUpdateSize(u.bytes, u.docId, h.caps.updateBytes),
  },
  {
    reason: 'structure',
    check(u, h) {
      u.summary = validateUpdate(u.bytes, u.docId, h.caps.updateBytes)
    },
  },
]

/**
 * Whether the update carries structs of the document's own clientID that this replica never wrote
 * (forged or damaged: only this replica writes with it). Yjs, integrating them, would give the
 * document a random clientID; the replica gives it the next one of its provider first instead,
 * so its own later writes cannot collide with them, and it still integrates what every other
 * replica integrates (refusing them would leave it apart from the peers that took them for good).
 */
export function claimsOwnClient(md: ManagedDoc, u: IncomingUpdate): boolean {
  const end = u.summary?.ends.get(md.doc.clientID)
  return end !== undefined && end > (stateVectorOf(md.doc).get(md.doc.clientID) ?? 0)
}

export function runUpdateChecks(h: ReceiveHost, u: IncomingUpdate): void {
  for (const c of UPDATE_CHECKS) refuse(c.reason, () => c.check(u, h))
}

/**
 * `settle`, after an update was stored: pending structs over the cap are dropped and the sender
 * asked to resync (otherwise each sender is asked once while structs stay pending); then the
 * after-change handling. Returns whether structs are still pending.
 */
export function settle(
  h: ReceiveHost,
  md: ManagedDoc,
  u: IncomingUpdate,
  reply: (m: SyncMessage, kind: Envelope['kind']) => void,
): boolean {
  let pending = hasPending(md.doc)
  if (pending && pendingCount(md.doc) > h.caps.pendingStructs) {
    dropPending(md.doc)
    h.stats.pendingDropped++
    h.pendingAsked.delete(u.docId)
    pending = false
    reply({ type: 'step1', stateVector: Y.encodeStateVector(md.doc) }, 'step1')
  }
  if (pending) {
    const asked = h.pendingAsked.get(u.docId) ?? new Set<MemberId>()
    if (!asked.has(u.from)) {
      asked.add(u.from)
      h.pendingAsked.set(u.docId, asked)
      h.onPending(u.docId, u.from)
      reply({ type: 'step1', stateVector: Y.encodeStateVector(md.doc) }, 'step1')
    }
  } else {
    h.pendingAsked.delete(u.docId)
  }
  try {
    h.afterRemote(md, u.from)
  } catch (e) {
    if (e instanceof CrashPoint) throw e
    h.stats.internal++
    h.onInternal(
      u.docId,
      u.from,
      new LabError('INTERNAL', `after integrating an update for ${u.docId} from ${u.from}: ${(e as Error).message}`, {
        path: u.docId,
        cause: e,
      }),
    )
  }
  return pending
}
