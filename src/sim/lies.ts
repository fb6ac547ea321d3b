/**
 * The lie faults' state in a world: which peers lied at some point of the run (convergence and
 * the checks judge the others), and the verbs' work on a peer's `Liar` (engine/mutants/liar.ts).
 * A peer that starts or stops claiming another name writes on fresh clientIDs: its registrations
 * start anew, and nothing it wrote under the lie shares a client with what it writes after.
 */
import type { MemberId } from '../engine/base/ids.ts'
import type { Forgery, Liar } from '../engine/mutants/liar.ts'
import type { OpLie } from './opRecord.ts'
import type { JsonObject } from './canonicalJson.ts'
import type { SimPeer } from './peer.ts'

export class Lies {
  /** Peers that lied at some point of the run. */
  readonly liars = new Set<MemberId>()

  /** `fault`: journals a fault record and tells the world's observers. */
  constructor(private readonly fault: (name: string, data: JsonObject) => void) {}

  impersonate(p: SimPeer, as: MemberId): void {
    p.liar.as = as
    this.liars.add(p.name)
    if (p.up) for (const md of p.r.docs.loaded()) p.r.docs.rotateClient(md)
    this.fault('impersonate', { peer: p.name, as })
  }

  equivocate(p: SimPeer): void {
    p.liar.equivocating = true
    this.liars.add(p.name)
    this.fault('equivocate', { peer: p.name })
  }

  /** A no-op when the peer does not lie. */
  honest(p: SimPeer): void {
    if (!p.liar.lying) return
    p.liar.as = undefined
    p.liar.equivocating = false
    if (p.up) for (const md of p.r.docs.loaded()) p.r.docs.rotateClient(md)
    this.fault('honest', { peer: p.name })
  }
}

/** The journal record of a forgery. */
export const forgeRecord = (peer: MemberId, f: Forgery): JsonObject => ({
  peer,
  doc: f.docId,
  ranges: f.ranges.map((r) => ({ ...r })),
  to: [...f.to],
})

/** How a peer lies as it runs an op (nothing when it does not). */
export const lieOf = (l: Liar): { lie?: OpLie } =>
  l.lying ? { lie: { ...(l.as ? { as: l.as } : {}), equivocating: l.equivocating } } : {}
