/**
 * What a replica hands its transport: one message, addressed to a peer or to every subscriber of
 * the entity's topic, with the document it is about. The replica's outbox queues them; the canvas
 * sessions address their cursor gossip with them; the simulator frames them on its network.
 */
import type { DocId, EntityId, MemberId } from '../base/ids.ts'

/** A message addressed to one peer, or to every subscriber of the entity's topic ('*'). */
export interface Envelope {
  readonly to: MemberId | '*'
  readonly entityId: EntityId
  readonly docId: DocId
  /**
   * A sync message (y-protocols encoding, see sync/messages.ts), or a canvas CursorUpdate (concerns/canvas/gossip.ts).
   */
  readonly message: Uint8Array
  readonly kind: 'update' | 'step1' | 'step2' | 'digest' | 'cursor' | 'archive'
}
