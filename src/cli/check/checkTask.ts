/**
 * What a `check` worker thread runs: one claim's property, under one profile, on its share of the
 * runs (its own fast-check seed). The result is data (fast-check's run details made readable).
 */
import type { MessagePort } from 'node:worker_threads'
import { checkClaim, type ClaimCheckResult, type ClaimProgress } from '../../properties/claimCheck.ts'
import type { CheckName } from '../../sim/scenario/schema.ts'
import type { ProfileName } from '../../engine/base/enums.ts'

export interface CheckTask {
  readonly claim: CheckName
  readonly profile: ProfileName
  readonly runs: number
  readonly seed: number
  readonly path?: string
  readonly mutant?: string
  readonly noShrink?: boolean
  readonly shrinkBudget?: number
  /** Where to post progress (a worker thread's end of a channel to the main thread). */
  readonly port?: MessagePort
}

/** Progress at most this often from a worker (ms of wall time), and at every change of phase. */
const PROGRESS_EVERY_MS = 200

export function runCheckTask(t: CheckTask, onProgress?: (p: ClaimProgress) => void): ClaimCheckResult {
  const post = onProgress ?? (t.port ? throttled((p) => t.port!.postMessage(p)) : undefined)
  return checkClaim(t.claim, {
    profile: t.profile,
    runs: t.runs,
    seed: t.seed,
    ...(t.path ? { path: t.path } : {}),
    ...(t.mutant ? { mutant: t.mutant } : {}),
    ...(t.noShrink ? { noShrink: true } : {}),
    ...(t.shrinkBudget !== undefined ? { shrinkBudget: t.shrinkBudget } : {}),
    wallClock: () => performance.now(),
    ...(post ? { onProgress: post } : {}),
  })
}

function throttled(send: (p: ClaimProgress) => void): (p: ClaimProgress) => void {
  let last = 0
  let phase = ''
  return (p) => {
    const now = performance.now()
    if (p.phase === phase && now - last < PROGRESS_EVERY_MS) return
    ;[last, phase] = [now, p.phase]
    send(p)
  }
}

/** What tinypool calls in a worker (one argument: the task). */
export default (t: CheckTask): ClaimCheckResult => runCheckTask(t)
