/**
 * A scenario's `config.crashAfter` in a world: the failpoint is armed on the peer's first replica,
 * and when it fires (a CrashPoint thrown out of the replica) the peer crashes with the torn write
 * asked for and a restart booked (by default one anti-entropy period later).
 */
import type { MemberId } from '../engine/base/ids.ts'
import { CrashPoint } from '../engine/fallback/failpoints.ts'
import type { CrashOptions, FailpointCrash } from './worldOptions.ts'

export class FailpointGuard {
  constructor(
    private readonly c: FailpointCrash | undefined,
    private readonly antiEntropyMs: number,
    private readonly crash: (peer: MemberId, options: CrashOptions) => void,
  ) {}

  /** Runs `fn` against a peer's replica; a failpoint crash inside it crashes the peer (and gives undefined). */
  run<T>(peer: MemberId, fn: () => T): T | undefined {
    try {
      return fn()
    } catch (e) {
      if (!(e instanceof CrashPoint)) throw e
      this.crashed(peer, e)
      return undefined
    }
  }

  /** The failpoint came due on `peer`: the crash verb, with the torn write asked for and a booked restart. */
  crashed(peer: MemberId, e: CrashPoint): void {
    this.crash(peer, {
      tornWrite: this.c?.tornWrite ?? false,
      restartAfterMs: this.c?.restartAfterMs ?? this.antiEntropyMs,
      detail: { failpoint: e.point, where: e.where },
    })
  }
}
