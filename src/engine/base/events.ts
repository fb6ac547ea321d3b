/**
 * What a replica reports as it works, for the simulator's journal and the oracle. Events are
 * data; listeners must not call back into the replica.
 */
import type { DocId, EntityId, MemberId } from './ids.ts'
import type { StructId } from './yjsInternals.ts'

export type EngineEvent =
  /** An item became a tombstone on this replica (locally deleted or integrated a deletion). */
  | {
      readonly type: 'tombstone'
      readonly docId: DocId
      readonly item: string
      readonly deletions: readonly StructId[]
    }
  /** This replica wrote an ack: its own attestation (reference) or one for a peer (spec). */
  | { readonly type: 'ack'; readonly docId: DocId; readonly item: string; readonly member: MemberId }
  /** This replica pruned a tombstone; `quorum` are the members whose acks it relied on. */
  | {
      readonly type: 'prune'
      readonly docId: DocId
      readonly item: string
      readonly quorum: readonly MemberId[]
      readonly deletions: readonly StructId[]
    }
  /** A message or update from `from` was rejected; nothing was applied. */
  | {
      readonly type: 'reject'
      readonly docId: string
      readonly from: MemberId
      readonly code: string
      readonly message: string
    }
  /**
   * Something failed after `from`'s update for `docId` was integrated and stored (the after-change
   * handling): an engine bug, never a rejection of the update.
   */
  | { readonly type: 'internal'; readonly docId: DocId; readonly from: MemberId; readonly message: string }
  /** `from`, no member allowed to read `docId`, asked for its state; nothing was answered. */
  | { readonly type: 'refuseRead'; readonly docId: DocId; readonly from: MemberId }
  /** Yjs holds structs of `docId` it cannot integrate yet; the replica asked `from` for a resync. */
  | { readonly type: 'pending'; readonly docId: DocId; readonly from: MemberId }
  /** The replica's clientID in a document changed (its own membership epoch changed). */
  | { readonly type: 'rotate'; readonly entityId: EntityId; readonly docId: DocId; readonly client: number }
  /** A document's encoded size passed its concern's threshold on this replica (SQL fallback). */
  | { readonly type: 'threshold'; readonly docId: DocId; readonly bytes: number; readonly threshold: number }
  /** This replica attested holding (and froze) the document's items created before `frozenBefore`. */
  | { readonly type: 'attest'; readonly docId: DocId; readonly member: MemberId; readonly frozenBefore: number }
  /** This replica moved items to its SQL archive and removed them from the CRDT. */
  | {
      readonly type: 'materialize'
      readonly docId: DocId
      readonly items: readonly string[]
      readonly bytesBefore: number
      readonly bytesAfter: number
    }
  /** Before applying `from`'s update that removes them, this replica archived its own copies of items. */
  | { readonly type: 'archive'; readonly docId: DocId; readonly items: readonly string[]; readonly from: MemberId }
  /** A member's archive handed over rows this replica's archive lacked (a late joiner's history, lost rows). */
  | { readonly type: 'handoff'; readonly docId: DocId; readonly items: readonly string[]; readonly from: MemberId }
  /** Archived rows read again from the signed log: rewritten, or dropped (fallback/archiveReread.ts). */
  | {
      readonly type: 'reread'
      readonly docId: DocId
      readonly rewritten: readonly string[]
      readonly dropped: readonly string[]
    }

export type EngineListener = (e: EngineEvent) => void

export class EventHub {
  private readonly listeners: EngineListener[] = []
  on(listener: EngineListener): () => void {
    this.listeners.push(listener)
    return () => {
      const i = this.listeners.indexOf(listener)
      if (i >= 0) this.listeners.splice(i, 1)
    }
  }
  emit(e: EngineEvent): void {
    for (const l of this.listeners) l(e)
  }
}
