/**
 * What a `check` worker thread runs: one claim's property, under one profile, on its share of the
 * runs (its own fast-check seed). The result is data (fast-check's run details made readable).
 */
import { checkClaim, type ClaimCheckResult } from '../../properties/claimCheck.ts'
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
}

export function runCheckTask(t: CheckTask): ClaimCheckResult {
  return checkClaim(t.claim, {
    profile: t.profile,
    runs: t.runs,
    seed: t.seed,
    ...(t.path ? { path: t.path } : {}),
    ...(t.mutant ? { mutant: t.mutant } : {}),
    ...(t.noShrink ? { noShrink: true } : {}),
    ...(t.shrinkBudget !== undefined ? { shrinkBudget: t.shrinkBudget } : {}),
    wallClock: () => performance.now(),
  })
}

export default runCheckTask
