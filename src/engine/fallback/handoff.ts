/**
 * The archive handoff (reference profile): members hand archive rows over to members that lack
 * them. The archive is per replica and not replicated through Yjs, so without this a member added
 * after a materialization, or a replica whose archive lost rows, could not read what had moved.
 *
 * ```
 *   S (member)                                    R (member)
 *   anti-entropy round:
 *     archiveDigest(count, hash of ids) ───────▶  equal to R's own: done
 *                                                 differs: ◀─ archiveHave(ids R holds)
 *     archiveRows(rows R lacks), ≤ 64 a message ─▶  validated (handoffRows.ts), then inserted
 *                                                 where R holds no row of that id and its CRDT
 *                                                 holds no such item (R archives its own copy
 *                                                 when the removal reaches it)
 * ```
 * Rows are keyed by item id and the merge is a union: a row R holds is never overwritten by a
 * peer's. A row R takes is read again from R's own signed log (archiveReread.ts), as R reads its
 * own rows whenever what counts may have changed. Each side of a pair sends its own digest in its own rounds, so
 * rows flow both ways. Nothing is sent for an entity or concern whose archive is empty, and a
 * digest is a few bytes; ids and rows are sent only where archives differ.
 *
 * Only members take part: a replica sends digests and rows only to peers that are active members
 * in its view, and refuses (NOT_A_MEMBER) every archive message from a peer that is not, or while
 * it is not one itself. Completeness needs no bookkeeping that could be lost: it is a comparison
 * of what the archives hold now, so it survives restarts and a torn or lost archive write.
 */
import type { ManagedDoc } from '../docs/documentManager.ts'
import { LabError } from '../base/errors.ts'
import { parseDocId, type DocId, type MemberId } from '../base/ids.ts'
import type { FallbackEntity } from './keeper.ts'
import type { ArchiveMessage } from '../sync/archiveMessages.ts'
import { equalBytes } from '../sync/stateVectors.ts'
import { fallbackConcernOf, type FallbackConcern } from './concerns.ts'
import { receivedItems, ROWS_PER_MESSAGE, wireRowOf } from './handoffRows.ts'
import { archiveContext } from './materializer.ts'

/** An archive message for one of the entity's documents. */
export interface ArchiveEnvelope {
  readonly docId: DocId
  readonly message: ArchiveMessage
}

const isActive = (e: FallbackEntity, m: MemberId): boolean => e.view().roleOf(m) !== undefined

/** The entity's documents that have an archive, with their concerns. */
function archivedDocs(e: FallbackEntity): { docId: DocId; concern: FallbackConcern }[] {
  return e.fallback.heldDocs(e.entityId).flatMap((docId) => {
    const concern = fallbackConcernOf(parseDocId(docId).concern)
    if (!concern) return []
    e.fallback.reconcile(e, e.doc(concern.concern))
    return [{ docId, concern }]
  })
}

/** Digests of this replica's archive for `to`: one per concern with rows, when both are active members. */
export function archiveDigests(e: FallbackEntity, to: MemberId): ArchiveEnvelope[] {
  if (!e.profile.fallback.handoff || !e.exists() || !isActive(e, e.member) || !isActive(e, to)) return []
  const archive = e.fallback.openedArchive()
  if (!archive) return []
  return archivedDocs(e).flatMap(({ docId, concern }) => {
    const d = archive.digest(concern.kind, e.entityId)
    return d.count === 0 ? [] : [{ docId, message: { type: 'archiveDigest' as const, count: d.count, hash: d.hash } }]
  })
}

/**
 * What this replica's archive holds of the entity, as one string (equal strings: equal id sets),
 * or null when it takes no part in the handoff (spec profile, or not an active member).
 */
export function archiveFingerprint(e: FallbackEntity): string | null {
  if (!e.profile.fallback.handoff || !e.exists() || !isActive(e, e.member)) return null
  const archive = e.fallback.openedArchive()
  return archivedDocs(e)
    .map(({ concern }) => {
      const d = archive?.digest(concern.kind, e.entityId)
      return !d || d.count === 0
        ? `${concern.kind}:0`
        : `${concern.kind}:${d.count}:${Buffer.from(d.hash).toString('hex')}`
    })
    .join(' ')
}

/**
 * Handles an archive message from `from` about `md`. Bad input (a document without an archive, a
 * sender or receiver that is not an active member, a bad row) throws a LabError and changes
 * nothing. Under a profile without the handoff the message is ignored.
 */
export function receiveArchive(
  e: FallbackEntity,
  md: ManagedDoc,
  from: MemberId,
  msg: ArchiveMessage,
  reply: (m: ArchiveMessage) => void,
): void {
  const concern = fallbackConcernOf(md.parsed.concern)
  if (!concern)
    throw new LabError(
      'CORRUPT_MESSAGE',
      `${msg.type} from ${from} for ${md.id}: only chat, kanban and issues documents have an archive`,
      { path: md.id },
    )
  if (!e.profile.fallback.handoff) return
  e.fallback.reconcile(e, md)
  for (const m of [from, e.member]) {
    if (!isActive(e, m))
      throw new LabError(
        'NOT_A_MEMBER',
        `${msg.type} from ${from} for ${md.id} refused: ${m} is not an active member of ${e.entityId} here`,
        { path: md.id },
      )
  }
  switch (msg.type) {
    case 'archiveDigest':
      return onDigest(e, concern, msg, reply)
    case 'archiveHave':
      return onHave(e, concern, msg.ids, reply)
    case 'archiveRows':
      return onRows(e, md, concern, msg, from)
  }
}

function onDigest(
  e: FallbackEntity,
  concern: FallbackConcern,
  msg: ArchiveMessage & { type: 'archiveDigest' },
  reply: (m: ArchiveMessage) => void,
): void {
  const archive = e.fallback.openedArchive()
  const mine = archive?.digest(concern.kind, e.entityId)
  if (mine && mine.count === msg.count && equalBytes(mine.hash, msg.hash)) return
  reply({ type: 'archiveHave', ids: archive?.ids(concern.kind, e.entityId) ?? [] })
}

/** Sends the rows the peer lacks, in batches. */
function onHave(
  e: FallbackEntity,
  concern: FallbackConcern,
  theirs: readonly string[],
  reply: (m: ArchiveMessage) => void,
): void {
  const archive = e.fallback.openedArchive()
  if (!archive) return
  const have = new Set(theirs)
  const missing = archive.ids(concern.kind, e.entityId).filter((id) => !have.has(id))
  for (let i = 0; i < missing.length; i += ROWS_PER_MESSAGE) {
    const rows = missing.slice(i, i + ROWS_PER_MESSAGE).flatMap((id) => archive.get(concern.kind, e.entityId, id) ?? [])
    reply({ type: 'archiveRows', rows: rows.map(wireRowOf) })
  }
}

/** Inserts the rows this replica holds no row of, and whose items its CRDT does not hold. */
function onRows(
  e: FallbackEntity,
  md: ManagedDoc,
  concern: FallbackConcern,
  msg: ArchiveMessage & { type: 'archiveRows' },
  from: MemberId,
): void {
  const items = receivedItems(e, md, concern, msg.rows, from)
  const index = e.fallback.source(e, md)?.index
  const fresh = items.filter((i) => !index?.get(i.id))
  if (fresh.length === 0) return
  const archive = e.fallback.archive
  const inserted = fresh.filter((i) => !archive.has(concern.kind, i.id))
  if (archive.insertMissing(inserted, archiveContext(e)) === 0) return
  e.fallback.emit({ type: 'handoff', docId: md.id, items: inserted.map((i) => i.id), from })
  // A peer's row is the item as the peer showed it: read it as this replica's log shows it.
  e.fallback.rereads.reread(e, md)
}
