/**
 * A lying replica's state (a Byzantine peer, the `impersonate`, `equivocate` and `honest` faults):
 * whom it claims to be and whether it equivocates. Installed as `ReplicaHooks.lie`, it makes the
 * replica skip its own access checks and write as the claimed member (`writerOf`, replica/hooks.ts), and
 * send every update it publishes to each peer by name: the even ones in `peers()` order get the
 * update, the odd ones a forged variant under the same Yjs ids (forgeUpdate.ts).
 */
import * as Y from 'yjs'
import type { DocId, MemberId } from '../base/ids.ts'
import type { AddressedUpdate, Lie } from '../replica/hooks.ts'
import { forgeUpdate } from './forgeUpdate.ts'

/** One forged update, as the liar reports it. */
export interface Forgery {
  readonly docId: DocId
  /** The Yjs ids both versions write: per client, clocks [from, to). */
  readonly ranges: readonly { readonly client: number; readonly from: number; readonly to: number }[]
  /** The peers that got the variant. */
  readonly to: readonly MemberId[]
  /** The variant update (what the oracle looks for in deliveries). */
  readonly variant: Uint8Array
}

export class Liar implements Lie {
  as: MemberId | undefined = undefined
  equivocating = false

  /**
   * `self`: the liar's own name; `peers`: every peer it can send to, in a fixed order;
   * `onForgery`: told of every update it sent in two versions.
   */
  constructor(
    private readonly self: MemberId,
    private readonly peers: () => readonly MemberId[],
    private readonly onForgery: (f: Forgery) => void = () => undefined,
  ) {}

  get lying(): boolean {
    return this.as !== undefined || this.equivocating
  }

  split(docId: DocId, update: Uint8Array): readonly AddressedUpdate[] | undefined {
    if (!this.equivocating) return undefined
    const variant = forgeUpdate(update)
    if (!variant) return undefined
    const others = this.peers().filter((p) => p !== this.self)
    const parts = others.map((to, i) => ({ to, update: i % 2 === 0 ? update : variant }))
    const forged = parts.filter((p) => p.update === variant).map((p) => p.to)
    if (forged.length > 0) this.onForgery({ docId, ranges: rangesOf(update), to: forged, variant })
    return parts
  }
}

function rangesOf(update: Uint8Array): Forgery['ranges'] {
  const meta = Y.parseUpdateMeta(update)
  return [...meta.from].map(([client, from]) => ({ client, from, to: meta.to.get(client) ?? from }))
}
