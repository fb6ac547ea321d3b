/**
 * Which version of a client's structs a replica holds, as a digest its acknowledgements carry
 * (reference/watermarks.ts). Both versions of an equivocated range have the same Yjs ids, so an
 * acknowledgement by ids ("I hold every struct of client c below clock k") cannot tell them apart:
 * a member holding the other version acknowledged a deletion record as held, a tombstone was pruned
 * before anyone saw both versions, and the replica that then burned the range showed the pruned
 * item again. A watermark carries a digest of the signed entries below its clocks, and a reader
 * counts it only when its own log gives the same digest: a prune then waits until the members
 * hold one version, which an equivocation seen in time never gives (both sides burn first).
 *
 * digest(c, k): SHA-256 chained over the keys of c's entries (evidence aside) in clock order, when
 * they cover clocks [0, k) exactly, then over the keys of c's evidence below k (a replica that
 * holds both versions, and burned, holds another thing than one that holds one). A watermark's
 * digest: SHA-256 over (client key, clock, digest) of its clients in key order, 12 bytes, base64.
 * Undefined when the log does not hold what the watermark names: the reader cannot vouch for it.
 */
import { createHash } from 'node:crypto'
import { parseClientKey } from '../base/yjsInternals.ts'
import type { EntryVersions } from '../docs/entryVersions.ts'
import type { SignedLog } from './signedLog.ts'
import { firstIndex } from '../base/firstIndex.ts'

type Covers = Readonly<Record<string, number>>

/**
 * One client's chain: the clock each entry (evidence aside) reaches, and the digest up to it (null
 * past a gap, so the non-null ones are a prefix); and its evidence entries.
 */
interface Chain {
  readonly to: number[]
  readonly h: (Buffer | null)[]
  readonly evidence: { readonly from: number; readonly key: string }[]
  /** How many of the client's entries it has read, and the log's `reorders` then. */
  seen: number
  reorders: number
}

export class LogVersions implements EntryVersions {
  private readonly chains = new Map<number, Chain>()
  private readonly verified = new WeakMap<
    object,
    { reorders: number; adds: number; digest: string; own: string | undefined }
  >()

  constructor(private readonly log: SignedLog) {}

  digest(covers: Covers): string | undefined {
    const hash = createHash('sha256')
    for (const ck of Object.keys(covers).sort()) {
      const d = this.at(parseClientKey(ck), covers[ck]!)
      if (d === undefined) return undefined
      hash.update(`${ck}:${covers[ck]}:`).update(d)
    }
    return hash.digest().subarray(0, 12).toString('base64')
  }

  vouched(covers: Covers): Record<string, number> {
    const out: Record<string, number> = {}
    for (const [ck, clock] of Object.entries(covers)) {
      const chain = this.chainOf(parseClientKey(ck))
      // The last entry reaching no further than `clock`, within the prefix without a gap.
      let i = reachingPast(chain.to, clock) - 1
      while (i >= 0 && !chain.h[i]) i--
      if (i >= 0) out[ck] = chain.to[i]!
    }
    return out
  }

  stamp(): number {
    return this.log.adds + this.log.reorders
  }

  /**
   * Whether `covers` (a watermark as stored: the same object on every read) names the version this
   * log holds, by `digest`. Remembered per object: an answer stands until the log takes an entry
   * that is not its client's last (evidence), or, when the log could not tell, until it takes any.
   */
  holds(covers: Covers, digest: string): boolean {
    const log = this.log
    const hit = this.verified.get(covers)
    const fresh =
      hit !== undefined &&
      hit.digest === digest &&
      hit.reorders === log.reorders &&
      (hit.own !== undefined || hit.adds === log.adds)
    if (fresh) return hit.own === digest
    const own = this.digest(covers)
    this.verified.set(covers, { reorders: log.reorders, adds: log.adds, digest, own })
    return own === digest
  }

  /** The digest of client `c`'s entries below `clock` (see the file comment), or undefined. */
  private at(c: number, clock: number): Buffer | undefined {
    const chain = this.chainOf(c)
    const i = reachingPast(chain.to, clock - 1)
    const h = chain.to[i] === clock ? chain.h[i] : undefined
    if (!h) return undefined
    const evidence = chain.evidence.filter((e) => e.from < clock).map((e) => e.key)
    return evidence.length === 0 ? h : createHash('sha256').update(h).update(evidence.sort().join(',')).digest()
  }

  private chainOf(c: number): Chain {
    const list = this.log.entriesOf(c)
    let chain = this.chains.get(c)
    if (!chain || chain.reorders !== this.log.reorders) {
      chain = { to: [], h: [], evidence: [], seen: 0, reorders: this.log.reorders }
      this.chains.set(c, chain)
    }
    // Since the last look the client's list only grew at its end (`reorders` unchanged).
    for (; chain.seen < list.length; chain.seen++) {
      const e = list[chain.seen]!
      if (e.evidence) {
        chain.evidence.push({ from: e.from, key: e.key })
        continue
      }
      const prevTo = chain.to.at(-1) ?? 0
      const prev = chain.h.at(-1)
      const h =
        e.from === prevTo && prev !== null
          ? createHash('sha256')
              .update(prev ?? '')
              .update(e.key)
              .digest()
          : null
      chain.to.push(e.to)
      chain.h.push(h)
    }
    return chain
  }
}

/** The first index of `to` (ascending) holding a clock past `clock`. */
const reachingPast = (to: readonly number[], clock: number): number => firstIndex(to.length, (i) => to[i]! > clock)
