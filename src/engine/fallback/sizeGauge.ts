/**
 * Threshold detection from the encoded document size without encoding the document. The gauge
 * keeps the exact size from its last measurement plus the bytes of every update persisted since:
 * an upper bound (an update encodes its structs and deletions with headers of its own, and the
 * document grows by at most that; removals shrink it). A measurement walks the struct store and
 * adds up what Yjs's encoder would write (base/encodedSize.ts: exact, no buffer written).
 *
 * Below the threshold the bound decides alone: a document under it is never measured while its
 * bound stays under (an op does no O(document) work). A bound past the threshold is checked by
 * measuring, at most once per slack/16 bytes of updates, so a crossing is found within that
 * margin and a document hovering just under its threshold is not walked on every save. A
 * document measured past its threshold is measured again once `slack` bytes of updates arrived
 * (removals may have brought it back under). Over the threshold, the doubt always resolves
 * towards "over": a document is never left past its threshold because of the estimate.
 *
 * ```
 *   bytes
 *     │                         threshold ─ ─ ─ ─ ─●─ ─ ─ ─ ─ measured when the bound crosses
 *     │             bound ●─────────────────────╱
 *     │   ●────────●  (no measuring below)        ●── after materialize (measured)
 *     └──────────────────────────────────────────────▶ updates
 * ```
 */
import type { ManagedDoc } from '../docs/documentManager.ts'
import { ORIGIN_LOAD } from '../docs/origins.ts'
import { encodedStateSize } from '../base/encodedSize.ts'

/** Slack between measurements: 1/64 of the threshold, between 1 KiB and 256 KiB. */
export const slackFor = (threshold: number): number => Math.min(256 * 1024, Math.max(1024, Math.floor(threshold / 64)))

export class SizeGauge {
  private exact = -1
  private since = 0
  /** Measurements taken (walks of the struct store), for tests. */
  measurements = 0

  constructor(
    private readonly md: ManagedDoc,
    readonly threshold: number,
    /** A mutant's estimate from the exact size and the bytes since (replica/hooks.ts); the engine runs with none. */
    private readonly estimate?: (exact: number, since: number) => number,
  ) {
    md.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== ORIGIN_LOAD) this.since += update.byteLength
    })
  }

  /** The exact encoded size now (the length of `Y.encodeStateAsUpdate`, without encoding). */
  measure(): number {
    this.measurements++
    this.exact = encodedStateSize(this.md.doc)
    this.since = 0
    return this.exact
  }

  /** Takes `bytes` as the exact size now (the length of a state just encoded elsewhere). */
  exactly(bytes: number): number {
    this.exact = bytes
    this.since = 0
    return bytes
  }

  /** The size bound: the last measurement plus every update's bytes since (measured on first use). */
  bytes(): number {
    if (this.exact < 0) this.measure()
    return this.estimate ? this.estimate(this.exact, this.since) : this.exact + this.since
  }

  /** Whether the document is past its threshold (see the file comment for when it measures). */
  over(): boolean {
    const bound = this.bytes()
    if (bound <= this.threshold) return false
    const slack = slackFor(this.threshold)
    if (this.exact <= this.threshold ? this.since >= slack / 16 : this.since >= slack)
      return this.measure() > this.threshold
    return true
  }
}
