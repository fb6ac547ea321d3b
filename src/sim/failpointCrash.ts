/**
 * A scenario's `config.crashAfter`: one peer's replica crashes the first time its SQL fallback
 * passes a failpoint (after the archive write, or after the CRDT removal), as a power cut in the
 * middle of a materialization would, and restarts a little later on its store. The failpoint is
 * armed on the peer's first replica only, so the restarted replica redoes the work and goes on.
 */
import type { MemberId } from '../engine/base/ids.ts'
import type { CrashPointName } from '../engine/fallback/config.ts'
import { crashPeer } from './faults.ts'
import type { World } from './world.ts'
import { CrashPoint } from '../engine/fallback/failpoints.ts'

export interface FailpointCrash {
  readonly peer: MemberId
  readonly point: CrashPointName
  readonly tornWrite?: boolean
  /** Virtual ms from the crash to the restart (default: one anti-entropy period). */
  readonly restartAfterMs?: number
}

/** Arms the failpoint on the peer's running replica. */
export function armFailpoint(w: World, c: FailpointCrash): void {
  w.peer(c.peer).r.fallback.failpoint.armed = c.point
}

/** Runs `fn`; returns (not throws) the failpoint crash it raised, or undefined. */
export function catchFailpoint(fn: () => void): CrashPoint | undefined {
  try {
    fn()
    return undefined
  } catch (e) {
    if (e instanceof CrashPoint) return e
    throw e
  }
}

/** Crashes the peer whose fallback raised `e` (with a torn write if asked) and books its restart. */
export function crashAtFailpoint(w: World, peer: MemberId, e: CrashPoint): void {
  const c = w.failpointCrash
  crashPeer(w, peer, c?.tornWrite ?? false, { failpoint: e.point, where: e.where })
  const delay = c?.restartAfterMs ?? w.antiEntropyMs
  w.scheduler.after(delay, 'step', { kind: 'fault', fault: 'restart', peer, index: -1, at: w.now + delay })
}

/** Runs `fn` against a peer's replica; a failpoint crash inside it crashes the peer (and gives undefined). */
export function underFailpoint<T>(w: World, peer: MemberId, fn: () => T): T | undefined {
  let out: T | undefined
  const e = catchFailpoint(() => {
    out = fn()
  })
  if (e) crashAtFailpoint(w, peer, e)
  return out
}
