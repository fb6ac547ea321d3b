/**
 * Scripted delivery: on a network whose `delivery` is `scripted`, a message arrives only when a
 * scenario's `deliver` step hands it over, so a run follows one exact schedule (what
 * `crdt-lab explore` writes for each failing schedule it finds). A step names a message by its
 * link and its number on that link (`seq`: the seq-th message the sender sent that recipient);
 * the oldest waiting one when it names none.
 */
import type { MemberId } from '../engine/base/ids.ts'
import type { Network } from './network.ts'
import type { DeliverFate } from './scenario/steps.ts'
import type { Wire } from './wire.ts'

/** What a `deliver` step asks for. */
export interface ScriptedDelivery {
  readonly from: MemberId
  readonly to: MemberId
  /** The message's number on its link, or null for the oldest waiting. */
  readonly seq: number | null
  readonly fate: DeliverFate
}

/**
 * Hands the message over, loses it (`drop`), or hands a copy over while it keeps waiting
 * (`duplicate`). Returns why it cannot be done (no such message waits; a FIFO link hands over in
 * send order; a held link holds), or null when done.
 */
export function deliverScripted(network: Network, wire: Wire, s: ScriptedDelivery): string | null {
  if (network.config.delivery !== 'scripted')
    return 'the network is not scripted (a deliver step needs "network": {"delivery": "scripted"})'
  const link = network.waiting.filter((d) => d.from === s.from && d.to === s.to)
  const d = s.seq === null ? link[0] : link.find((x) => x.seq === s.seq)
  if (d === undefined) {
    const what = s.seq === null ? 'no message' : `no message #${s.seq}`
    const waits = link.length > 0 ? `waiting: ${link.map((x) => `#${x.seq}`).join(', ')}` : 'none waits'
    return `${what} from ${s.from} to ${s.to} waits to be delivered (${waits})`
  }
  if (d.link.fifo && d.link.head !== d)
    return `${s.from} -> ${s.to} delivers in send order (reorder false): #${d.link.head?.seq} goes before #${d.seq}`
  if (d.link.state === 'held') return `the link ${s.from} -> ${s.to} is held`
  if (s.fate === 'drop') network.lose(d)
  else {
    const given = network.handOver(d, s.fate === 'duplicate')
    if (given) wire.handOver(given)
  }
  return null
}
