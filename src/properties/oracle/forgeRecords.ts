/**
 * The oracle's record of an update a lying peer sent in two versions (equivocation), and whether
 * the other version reached an honest replica that may hold the document (a member, by its own
 * view; history.ts): only then was there an equivocation to judge (forgedOps.ts,
 * checks/authorshipChecks.ts).
 */
import type { DocId, MemberId } from '../../engine/base/ids.ts'
import type { Forgery } from '../../engine/mutants/liar.ts'
import type { Delivery } from '../../sim/network.ts'
import type { World } from '../../sim/world.ts'

/** An update a liar sent in two versions, as the oracle records it. */
export interface ForgeRecord {
  readonly t: number
  readonly peer: MemberId
  readonly forgery: Forgery
  /** Whether an honest replica received the variant (the delivery carried its bytes). */
  landed: boolean
}

/**
 * Marks the forgeries whose variant `d` hands to its recipient (one the liar sent it to). A variant
 * counts where it reaches an honest replica that, by its own view, may hold the document: a
 * non-member's replica keeps it to itself (members neither ask it nor answer it).
 */
export function noteLanding(forgeries: readonly ForgeRecord[], d: Delivery, w: World, docId: DocId): void {
  const to = w.peers.get(d.to)
  if (!to?.up || w.lies.liars.has(d.to) || !to.r.sync.mayRead(docId, d.to)) return
  for (const f of forgeries) {
    if (f.landed || f.peer !== d.from || !f.forgery.to.includes(d.to)) continue
    if (Buffer.from(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength).indexOf(f.forgery.variant) >= 0)
      f.landed = true
  }
}
