/**
 * Failpoints of the SQL fallback: a test arms one, the materializer (or the receiving side)
 * throws `CrashPoint` when it passes that point, and the test restarts the replica on its store
 * as after a real crash. Every throw site is in this folder; the replica and the simulator catch.
 *
 * ```
 *   materializer:  SQL upsert ──'sql'──▶ CRDT removal (persisted) ──'crdt'──▶ reclaim, compact, events
 *   receiver:      archive own copies ──'sql'──▶ apply the removal (persisted) ──'crdt'──▶ afterRemote
 *   pruner:        archive archived cards / closed issues ──'sql'──▶ prune their tombstones
 * ```
 * `CrashPoint` is not a LabError: nothing may catch it as bad input (receive() rethrows it).
 */
import type { CrashPointName } from './config.ts'
import type { OpOutcome } from '../ports/effects.ts'

export class CrashPoint extends Error {
  /** When the crash came after a local op had written: what the op did (Replica.execute sets it). */
  outcome?: OpOutcome

  constructor(
    readonly point: CrashPointName,
    readonly where: string,
  ) {
    super(`simulated crash after the ${point === 'sql' ? 'SQL write' : 'CRDT removal'} (${where})`)
    this.name = 'CrashPoint'
  }
}

/** A one-shot failpoint. */
export class Failpoint {
  constructor(public armed: CrashPointName | undefined = undefined) {}

  /** Throws CrashPoint (and disarms) when armed at `point`. */
  pass(point: CrashPointName, where: string): void {
    if (this.armed !== point) return
    this.armed = undefined
    throw new CrashPoint(point, where)
  }
}
