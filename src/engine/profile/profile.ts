/**
 * Engine profiles (DESIGN.md section 2): a profile is a set of strategy objects chosen when a
 * replica is created. `spec` does what the spec's code does, flaws included; `reference` does
 * what the spec claims, done right on Yjs.
 *
 * | concern           | spec                                   | reference                                         |
 * |-------------------|----------------------------------------|---------------------------------------------------|
 * | acks              | receiver acks the sender for everything| a member attests deletions its replica holds       |
 * | deletion          | `deleted=true` flag, can be re-set      | remove-wins deletion records                      |
 * | same-field writes | Yjs (clientID) order, wall-clock time  | LWW slots ordered by (Lamport, member, client)    |
 * | membership        | members + active_members maps          | op log folded deterministically, with fencing     |
 * | card position     | per-column `card_order` arrays         | LWW `column_id` + order key; lists derived        |
 * | issue comments    | Y.Array of maps in the issue           | LWW fields of the issue record                    |
 * | canvas undo       | Y.UndoManager (restores old entries)   | semantic: new writes with fresh Lamport stamps    |
 * | SQL fallback      | moves old items past the threshold     | moves them once every member attested holding them |
 */
import type { ManagedDoc, DocPlugin } from '../docs/documentManager.ts'
import type { MemberId } from '../base/ids.ts'
import type { MembershipStrategy } from '../ports/membership.ts'
import type { RecordStrategy } from '../ports/records.ts'
import type { ChatLayout } from '../concerns/chat/model.ts'
import type { KanbanLayout } from '../concerns/kanban/model.ts'
import type { IssuesLayout } from '../concerns/issues/model.ts'
import type { CanvasLayout } from '../concerns/canvas/model.ts'
import type { CanvasHistory, CanvasProfile } from '../concerns/canvas/history.ts'
import { SpecRecords } from '../spec/records.ts'
import { SpecMembership } from '../spec/membership.ts'
import { SpecChat } from '../concerns/chat/specChat.ts'
import { SpecKanban } from '../concerns/kanban/specKanban.ts'
import { SpecIssues } from '../concerns/issues/specIssues.ts'
import { ReferenceRecords } from '../reference/records.ts'
import { ReferenceMembership } from '../reference/membership.ts'
import { ReferenceChat } from '../concerns/chat/refChat.ts'
import { ReferenceKanban } from '../concerns/kanban/refKanban.ts'
import { ReferenceIssues } from '../concerns/issues/refIssues.ts'
import { SpecCanvas } from '../concerns/canvas/specCanvas.ts'
import { ReferenceCanvas } from '../concerns/canvas/refCanvas.ts'
import { UndoManagerHistory } from '../concerns/canvas/specHistory.ts'
import { SemanticHistory } from '../concerns/canvas/refHistory.ts'
import { lamportPlugin } from '../reference/lamport.ts'
import { ensureRegistered } from '../reference/registry.ts'
import { LabError } from '../base/errors.ts'
import { ATTESTED, UNCONDITIONAL, type FallbackPolicy } from '../fallback/policy.ts'
import { PROFILE_NAMES, type ProfileName } from '../base/enums.ts'
import type { FallbackProfile } from '../fallback/fallbackProfile.ts'
import type { AckStrategy } from '../ports/acks.ts'
import type { CoreSv } from '../ports/entityProfile.ts'
import { RECEIVER_ACKS } from '../spec/acks.ts'
import { ATTESTED_ACKS } from '../reference/acks.ts'

/** A whole profile; the slices lower layers read (FallbackProfile, CanvasProfile, EntityProfile) are parts of it. */
export interface Profile extends FallbackProfile, CanvasProfile {
  readonly name: ProfileName
  readonly records: RecordStrategy
  readonly membership: MembershipStrategy
  readonly chat: ChatLayout
  readonly kanban: KanbanLayout
  readonly issues: IssuesLayout
  readonly canvas: CanvasLayout
  /** Canvas undo/redo: Y.UndoManager (spec) or semantic writes with fresh stamps (reference). */
  readonly canvasHistory: CanvasHistory
  /** Who acknowledges tombstones, when and for whom (one strategy owns record and member acks). */
  readonly acks: AckStrategy
  /** When items may leave the CRDT for the SQL archive (fallback/policy.ts). */
  readonly fallback: FallbackPolicy
  /**
   * A time field value from wall-clock ms: whole seconds in the spec (`Utc::now().timestamp()`), ms in the reference.
   */
  time(ms: number): number
  /** Plugins installed on every document (the reference's Lamport clock). */
  readonly plugins: readonly DocPlugin[]
  /** Called inside every local write transaction, before the write (the reference's client registry). */
  beforeWrite(md: ManagedDoc, member: MemberId, coreSv: CoreSv): void
  /** Its replicas sign every update they author and verify what they receive (authorship/). */
  readonly signed: boolean
  /** Who may read an entity's documents: anyone on its topic, or its members (replica/readPolicy.ts). */
  readonly reads: 'open' | 'members'
}

export function specProfile(): Profile {
  const records = new SpecRecords()
  return {
    name: 'spec',
    records,
    membership: new SpecMembership(),
    chat: new SpecChat(records),
    kanban: new SpecKanban(records),
    issues: new SpecIssues(records),
    canvas: new SpecCanvas(records),
    canvasHistory: new UndoManagerHistory(),
    acks: RECEIVER_ACKS,
    fallback: UNCONDITIONAL,
    time: (ms) => Math.floor(ms / 1000),
    plugins: [],
    beforeWrite: () => undefined,
    signed: false,
    reads: 'open',
  }
}

/** Strategies a reference profile may be built with in place of its own (the layouts use `records`). */
export interface ReferenceParts {
  readonly records?: RecordStrategy
  readonly membership?: MembershipStrategy
  readonly canvasHistory?: CanvasHistory
}

export function referenceProfile(parts: ReferenceParts = {}): Profile {
  const records = parts.records ?? new ReferenceRecords()
  return {
    name: 'reference',
    records,
    membership: parts.membership ?? new ReferenceMembership(),
    chat: new ReferenceChat(records),
    kanban: new ReferenceKanban(records),
    issues: new ReferenceIssues(records),
    canvas: new ReferenceCanvas(records),
    canvasHistory: parts.canvasHistory ?? new SemanticHistory(),
    acks: ATTESTED_ACKS,
    fallback: ATTESTED,
    time: (ms) => ms,
    plugins: [lamportPlugin],
    beforeWrite: ensureRegistered,
    signed: true,
    reads: 'members',
  }
}

export function profileByName(name: string): Profile {
  if (name === 'spec') return specProfile()
  if (name === 'reference') return referenceProfile()
  throw new LabError(
    'INVALID_ARG',
    `unknown profile ${JSON.stringify(name)}; expected one of ${PROFILE_NAMES.join(', ')}`,
  )
}
