/**
 * When an item may leave the CRDT, per profile (DESIGN.md section 2: strategies, not `if`s).
 *
 * | step             | spec (what the spec describes)          | reference (safe)                                |
 * |------------------|-----------------------------------------|-------------------------------------------------|
 * | which items move | live and older than the cutoff, as soon | the same, once *stable*                         |
 * |                  | as the document is past its threshold   |                                                 |
 * | stability        | none                                    | every active member attested holding all of the |
 * |                  |                                         | item's structs and froze it, and this replica   |
 * |                  |                                         | holds everything they attested                  |
 * | a peer's removal | applied as is                           | the replica archives its own copies first       |
 * | removed entries  | stay in the struct store (~28 B each)   | reclaimed into GC runs (base/yjsStructs.ts)     |
 * | archive rows     | this replica's own only                 | handed over to members that lack them           |
 * |                  |                                         | (handoff.ts)                                    |
 *
 * Why stability is exactly the condition: the SQL archive is per replica and not replicated. An
 * item that leaves the CRDT before some member's replica holds it reaches that member as a
 * removal of something it never had, and no SQL it can read holds it. The freeze makes the held
 * copy final: once every member has attested, nobody writes to the item again, so every replica
 * archives the same version.
 */
import * as Y from 'yjs'
import type { ManagedDoc } from '../docs/documentManager.ts'
import type { EntityAccess } from '../context/entityAccess.ts'
import type { EventHub } from '../base/events.ts'
import { stateVectorOf } from '../sync/stateVectors.ts'
import { structsNeeded } from '../base/yjsStructs.ts'
import { readAttestations, svCovers, svMeet, writeAttestation, type Attestation } from './attestations.ts'
import type { IndexChange, IndexedItem, ItemIndex } from './itemIndex.ts'

/** Per-document state a policy keeps between passes. */
export interface PolicyState {
  /** An item this replica already attested changed since (it must attest again). */
  dirty: boolean
}

export interface PolicyInput {
  readonly e: EntityAccess
  readonly md: ManagedDoc
  readonly index: ItemIndex
  /** The document is past its threshold on this replica. */
  readonly over: boolean
  /** Items created before this are old (profile time unit). */
  readonly cutoff: number
  /** Attestations freeze whole granules of time (profile unit; 0: none), so items move in batches. */
  readonly granule: number
  readonly state: PolicyState
  readonly events: EventHub
}

export interface FallbackPolicy {
  readonly name: 'unconditional' | 'attested'
  /** Archive this replica's copies of items a peer's update removes, before applying it. */
  readonly archiveIncoming: boolean
  /** Reclaim removed entries of create-once collections. */
  readonly reclaim: boolean
  /** Hand archive rows over to members that lack them (handoff.ts): late joiners, lost rows. */
  readonly handoff: boolean
  /** Learns what the last index refresh changed. */
  noteChanges(input: PolicyInput, change: IndexChange): void
  /** Writes what peers need to know before anything can move; true when it wrote. */
  attest(input: PolicyInput): boolean
  /** Items created before this may leave once stable, given this replica's cutoff (granule: see PolicyInput). */
  moveBound(cutoff: number, granule: number): number
  /** Items (live, old) that may leave the CRDT now; call only past the threshold. */
  movable(input: PolicyInput): IndexedItem[]
  /** Local writes to items created before this are refused (the attestation's promise). */
  frozenBefore(md: ManagedDoc, member: string): number
  /** Whether a pruned archived card or closed issue goes to SQL first (`over`: past the threshold). */
  archivesPrune(over: boolean): boolean
}

/** The spec: past the threshold, everything older than the cutoff moves at once. */
export const UNCONDITIONAL: FallbackPolicy = {
  name: 'unconditional',
  archiveIncoming: false,
  reclaim: false,
  handoff: false,
  noteChanges: () => undefined,
  attest: () => false,
  moveBound: (cutoff) => cutoff,
  movable: (input) => input.index.liveBefore(input.cutoff),
  frozenBefore: () => Number.NEGATIVE_INFINITY,
  // The spec materializes archived cards and closed issues only past the threshold; below it, its
  // tombstone pruning simply deletes them.
  archivesPrune: (over) => over,
}

const floorTo = (t: number, granule: number): number =>
  granule > 0 && Number.isFinite(t) ? Math.floor(t / granule) * granule : t

/** What `item` is made of (cached on the index entry until the item changes). */
export function needOf(item: IndexedItem): Map<number, number> {
  if (!item.need) {
    const type = item.coll.get(item.id)
    item.need = type instanceof Y.AbstractType ? structsNeeded(type as Y.AbstractType<unknown>) : new Map()
  }
  return item.need
}

/** The reference: attested causal stability (see the file comment). */
export const ATTESTED: FallbackPolicy = {
  name: 'attested',
  archiveIncoming: true,
  reclaim: true,
  handoff: true,

  noteChanges({ e, md, index, state }, change) {
    const own = readAttestations(md).get(e.member)
    if (!own || state.dirty) return
    const items = change.rebuilt
      ? index.liveBefore(own.frozenBefore)
      : change.changed.filter((i) => i.live && i.createdAt < own.frozenBefore)
    state.dirty = items.some((i) => !svCovers(own.sv, needOf(i)))
  },

  attest({ e, md, index, over, cutoff, granule, state, events }) {
    if (e.view().roleOf(e.member) === undefined) return false
    const atts = readAttestations(md)
    const ownFrozen = atts.get(e.member)?.frozenBefore ?? Number.NEGATIVE_INFINITY
    // Past the threshold this replica wants everything old frozen; below it, it follows what a
    // peer asked for (a peer's attestation), so one replica past its threshold gets the quorum.
    let peerMax = Number.NEGATIVE_INFINITY
    for (const a of atts.values()) if (a.member !== e.member) peerMax = Math.max(peerMax, a.frozenBefore)
    // Rounded down to a granule: one attestation per member per granule, not one per message
    // that ages past the cutoff, and members with the same clock freeze the same bound.
    const demand = floorTo(over ? cutoff : Math.min(cutoff, peerMax), granule)
    const fresh = demand > ownFrozen && index.firstLiveIn(ownFrozen, demand) !== undefined
    if (!fresh && !state.dirty) return false
    const frozenBefore = Math.max(ownFrozen, demand)
    e.writeSystem(md, (ctx) => writeAttestation(ctx, stateVectorOf(md.doc), frozenBefore))
    state.dirty = false
    events.emit({ type: 'attest', docId: md.id, member: e.member, frozenBefore })
    return true
  },

  moveBound: (cutoff, granule) => floorTo(cutoff, granule),

  movable({ e, md, index, cutoff }) {
    const quorum = e.view().quorum
    const atts = readAttestations(md)
    const of: Attestation[] = []
    for (const m of quorum) {
      const a = atts.get(m)
      if (!a) return []
      of.push(a)
    }
    if (of.length === 0) return []
    // This replica must hold all they held: otherwise a write one of them made to an item before
    // freezing it could be missing here, and this replica would archive an older version.
    const mine = stateVectorOf(md.doc)
    if (!of.every((a) => svCovers(mine, a.sv))) return []
    const held = svMeet(of.map((a) => a.sv))
    const bound = Math.min(cutoff, ...of.map((a) => a.frozenBefore))
    return index.liveBefore(bound).filter((item) => svCovers(held, needOf(item)))
  },

  frozenBefore: (md, member) => readAttestations(md).get(member)?.frozenBefore ?? Number.NEGATIVE_INFINITY,
  // An archived card is not a deleted one: it stays readable whatever the document's size.
  archivesPrune: () => true,
}
