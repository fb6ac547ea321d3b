/** The observers of a simulated world: what each is told, and when. */
import type * as Y from 'yjs'
import type { EngineEvent } from '../engine/base/events.ts'
import type { ReceiveResult } from '../engine/replica/receive.ts'
import type { DocId, EntityId, MemberId } from '../engine/base/ids.ts'
import type { Forgery } from '../engine/mutants/liar.ts'
import type { JsonObject } from './canonicalJson.ts'
import type { Delivery } from './network.ts'
import type { OpRecord } from './opRecord.ts'
import type { Sent } from './wire.ts'

/**
 * What the oracle and reports observe of a world (`World` in world.ts; a type parameter here, so
 * this file and the world's do not name each other). Observers must not change the world.
 */
export interface Observer<World> {
  /** An op is about to run on `peer`'s replica (the oracle measures what the replica held before it). */
  onBeforeOp?(w: World, peer: MemberId, entity: EntityId): void
  onOp?(w: World, op: OpRecord): void
  /** A replica opened a document (before anything is loaded into it); observers may watch its events, never write. */
  onOpenDoc?(w: World, peer: MemberId, docId: DocId, doc: Y.Doc): void
  onEngine?(w: World, peer: MemberId, e: EngineEvent): void
  /** A delivery for `docId` is about to be handled by `d.to`'s replica (its frame was intact). */
  onBeforeReceive?(w: World, d: Delivery, docId: DocId): void
  /** A replica put a message on the network. */
  onSend?(w: World, s: Sent): void
  /** A delivery reached a replica and was handled (`d.to` received it from `d.from`). */
  onReceive?(w: World, d: Delivery, result: ReceiveResult): void
  onFault?(w: World, fault: string, data: JsonObject): void
  /** A lying peer sent one update in two versions (equivocation). */
  onForgery?(w: World, peer: MemberId, f: Forgery): void
  /** Just before a peer crashes, while its replica is still up. */
  onBeforeCrash?(w: World, peer: MemberId): void
  /** After every event of the scheduler (use sparingly: it runs a lot). */
  afterEvent?(w: World): void
}
