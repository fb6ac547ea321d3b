/**
 * Acks as the spec's `on_peer_sync` writes them: "Record peer's state vector in ack_vector" for
 * every tombstone, on any update from the peer. The receiver acks for the sender, whether or not
 * the sender holds the deletion (the flaw the pruneSafety claim shows).
 */
import type { AckStrategy } from '../ports/acks.ts'
import { writePeerMemberAcks } from './membership.ts'
import { writePeerAck } from './records.ts'

export const RECEIVER_ACKS: AckStrategy = {
  onRemote(input, peer) {
    const isCore = input.md.parsed.concern === 'core'
    input.write((ctx) => {
      if (isCore) writePeerMemberAcks(ctx, input.view(), peer)
      for (const [c, tombs] of input.tombstones())
        for (const id of tombs.keys()) if (writePeerAck(ctx, c.coll, id, peer)) input.acked(id, peer)
    })
  },
  afterChange: () => undefined,
}
