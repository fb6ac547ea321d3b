/**
 * Acknowledgement of tombstones: who acknowledges a deletion, when, and for whom. One strategy
 * per profile owns every ack, of records and of removed members alike; the record and membership
 * strategies keep the storage and the reads (a RecordView's and a MemberTombstone's `acked`), and
 * the tombstone machinery (replica/tombstones.ts) prunes what the quorum has acknowledged.
 */
import type { ManagedDoc } from '../docs/documentManager.ts'
import type { MemberId } from '../base/ids.ts'
import type { StructId } from '../base/yjsInternals.ts'
import type { MembershipView } from './membership.ts'
import type { RecordView, TombstoneCollection, WriteCtx } from './records.ts'

/**
 * What set a pass off: a local op of this replica, a remote update that changed the document, a
 * remote update that changed nothing (a repeated delivery), or a sync round (anti-entropy, which
 * also looks again at documents nothing changed in).
 */
export type PassCause = 'local' | 'remote' | 'repeat' | 'round'

/** What an ack strategy sees of one document after a change, and how it writes. */
export interface AckInput {
  readonly md: ManagedDoc
  /** This replica's member. */
  readonly member: MemberId
  readonly cause: PassCause
  /** The entity's membership as this replica shows it now. */
  view(): MembershipView
  /**
   * Every tombstone this replica tracks, per collection of `md` (member tombstones are in the
   * view): item id -> the struct ids of the deletions that make it one.
   */
  tombstones(): Iterable<readonly [TombstoneCollection, ReadonlyMap<string, readonly StructId[]>]>
  /** The tombstones that changed since the last pass, per collection. */
  readonly changed: ReadonlyMap<TombstoneCollection, ReadonlySet<string>>
  /** An item of a collection as this replica shows it. */
  read(c: TombstoneCollection, id: string): RecordView | undefined
  /** Runs `fn` in one system write of `md`: broadcast like any write, not undoable, not an op's effect. */
  write(fn: (ctx: WriteCtx) => void): void
  /** Reports that `member`'s acknowledgement of `item` was written. */
  acked(item: string, member: MemberId): void
}

/** When, and for whom, a profile acknowledges tombstones. */
export interface AckStrategy {
  /** After a remote update from `from` was integrated into `md` (and persisted). */
  onRemote(input: AckInput, from: MemberId): void
  /** After any change of `md`, local or remote (and persisted), and at every sync round if `onRounds`. */
  afterChange(input: AckInput): void
  /** Passes at every sync round (the strategy defers some acks to them); else only a replica's first round looks. */
  readonly onRounds?: boolean
  /**
   * Root maps of a document where one write may acknowledge any tombstone in it (document-wide
   * attestations): a change there makes every tracked tombstone a candidate for pruning.
   */
  readonly ackRoots?: readonly string[]
}
