/**
 * Threshold detection from the encoded document size without encoding a 10 MB document on every
 * save. The gauge keeps the exact size from its last measurement (`Y.encodeStateAsUpdate`) plus the
 * bytes of every update persisted since, an upper estimate (an update grows the encoding by at
 * most about its own size, and removals shrink it). It measures again once the updates since reach
 * `slack` bytes, and right after a materialization, so the estimate stays within `slack` of the
 * truth at O(size) work per `slack` bytes written. Over the threshold, the doubt always resolves
 * towards "over": a document is never left past its threshold because of the estimate.
 *
 * ```
 *   bytes
 *     │             measured ●───estimate───●          ●── after materialize (measured)
 *     │   ●────────●                         ╲ re-measure at +slack
 *     └──────────────────────────────────────────────▶ updates
 * ```
 */
import * as Y from 'yjs'
import type { ManagedDoc } from '../docs/documentManager.ts'
import { ORIGIN_LOAD } from '../docs/origins.ts'

/** Slack between measurements: 1/64 of the threshold, between 1 KiB and 256 KiB. */
export const slackFor = (threshold: number): number => Math.min(256 * 1024, Math.max(1024, Math.floor(threshold / 64)))

export class SizeGauge {
  private exact = -1
  private since = 0

  constructor(
    private readonly md: ManagedDoc,
    readonly threshold: number,
    /** A mutant's estimate from the exact size and the bytes since (replica/hooks.ts); the engine runs with none. */
    private readonly estimate?: (exact: number, since: number) => number,
  ) {
    const doc = md.doc
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== ORIGIN_LOAD) this.since += update.byteLength
    })
  }

  /** Encodes the document now and returns its exact size. */
  measure(): number {
    this.exact = Y.encodeStateAsUpdate(this.md.doc).byteLength
    this.since = 0
    return this.exact
  }

  /** Takes `bytes` as the exact size now (the length of a state just encoded elsewhere). */
  exactly(bytes: number): number {
    this.exact = bytes
    this.since = 0
    return bytes
  }

  /** The size estimate: exact within `slack` bytes of updates. */
  bytes(): number {
    if (this.exact < 0 || this.since >= slackFor(this.threshold)) this.measure()
    return this.estimate ? this.estimate(this.exact, this.since) : this.exact + this.since
  }

  /**
   * Whether the document is past its threshold. An estimate that crosses it from a measurement
   * below is checked by measuring, at most once per slack/16 bytes of updates, so a crossing is
   * found within that margin and a document hovering just under its threshold is not re-encoded
   * on every save.
   */
  over(): boolean {
    const estimate = this.bytes()
    if (estimate <= this.threshold) return false
    if (this.exact <= this.threshold && this.since >= slackFor(this.threshold) / 16)
      return this.measure() > this.threshold
    return true
  }
}
