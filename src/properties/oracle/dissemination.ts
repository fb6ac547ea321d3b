/**
 * Who was handed an entity's content: deliveries of updates and answers to requests for state
 * (`update`, `step2`) from an honest replica that changed the recipient's document while the
 * recipient was, by what the sender knew when it sent, no member. The sender's knowledge is the
 * core document it held at that moment (its state vector, kept here), so the check can fold the
 * membership ops it had seen (`access`, checks/authorshipChecks.ts); a sender that had not yet
 * seen a removal is no leak.
 */
import type { DocId, EntityId, MemberId } from '../../engine/base/ids.ts'
import { parseDocId } from '../../engine/base/ids.ts'
import { svToJSON } from '../../engine/base/yjsInternals.ts'
import type { ReceiveResult } from '../../engine/replica/receive.ts'
import type { Delivery } from '../../sim/network.ts'
import type { OpRecord } from '../../sim/opRecord.ts'
import type { EntityDecl } from '../../sim/scenario/model.ts'
import type { Sent } from '../../sim/wire.ts'
import type { World } from '../../sim/world.ts'
import { stateVectorNow } from './durableState.ts'

/** Content an honest replica handed a peer that may have been no member. */
export interface Handout {
  readonly t: number
  readonly from: MemberId
  readonly to: MemberId
  readonly docId: DocId
  /** The sender's core state vector when it sent (clientKey -> clock). */
  readonly coreSv: Readonly<Record<string, number>>
}

export class Dissemination {
  /** Deliveries in flight that may hand content to a non-member, by delivery id. */
  private readonly suspect = new Map<number, Handout>()
  /** Handouts that changed their recipient's document. */
  readonly handouts: Handout[] = []
  private readonly genesis = new Map<EntityId, Set<MemberId>>()
  /** Members some op removed, per entity: from then on they need a closer look. */
  private readonly removed = new Map<EntityId, Set<MemberId>>()

  constructor(entities: readonly EntityDecl[]) {
    for (const e of entities) this.genesis.set(e.id, new Set([e.owner, ...Object.keys(e.members)]))
  }

  noteOp(op: OpRecord): void {
    const m = op.outcome?.membership
    if (m?.kind !== 'remove') return
    const set = this.removed.get(op.entity) ?? new Set<MemberId>()
    set.add(m.target)
    this.removed.set(op.entity, set)
  }

  onSend(w: World, s: Sent): void {
    if ((s.kind !== 'update' && s.kind !== 'step2') || w.lies.liars.has(s.from)) return
    const entity = parseDocId(s.docId).entityId
    const genesis = this.genesis.get(entity)
    // A member from the start that nobody removed is a member whatever the sender knew.
    if (!genesis || (genesis.has(s.to) && !this.removed.get(entity)?.has(s.to))) return
    const coreSv = svToJSON(stateVectorNow(w.peer(s.from), `${entity}:core`))
    this.suspect.set(s.id, { t: w.now, from: s.from, to: s.to, docId: s.docId, coreSv })
  }

  onReceive(d: Delivery, result: ReceiveResult): void {
    const h = this.suspect.get(d.id)
    if (!h || d.to !== h.to) return
    this.suspect.delete(d.id)
    if (result.status === 'applied' && result.changed) this.handouts.push(h)
  }
}
