/**
 * The sweep JSON (DESIGN §6): `runs`, `failures [{seed, checks, replay}]` and `byCheck`, plus the
 * optional `scenario`, `profile`, `seeds` (`1..1000`, or `1..1000 shard 2/4`) and `wallMs`, and
 * `swarm: true` when the sweep drew swarm fault mixes (absent otherwise, so a plain sweep has
 * exactly the documented fields). `merge` reads the same shape back.
 */
import { z } from 'zod'
import { CHECK_NAMES, PROFILES } from '../../sim/scenario/schema.ts'
import { MAX_SWEEP_SEEDS } from './seeds.ts'
import type { SweepFailure, SweepResult } from '../../report/inputs.ts'
import type { SeedOutcome } from './outcome.ts'
import type { ProfileName } from '../../engine/base/enums.ts'

export interface SweepJson extends SweepResult {
  swarm?: true
}

/** What a failure may name: a check, `expect.final[i]`, `errors`, `liveness`, or `error` (the run threw). */
const FAILED = new RegExp(
  `^(?:${[...CHECK_NAMES, 'errors', 'liveness', 'error'].join('|')}|expect\\.final\\[\\d{1,5}\\])$`,
)
const Failed = z.string().regex(FAILED, {
  error: 'expected a check name, expect.final[i], errors, liveness or error',
})
const Count = z.number().int().min(0).max(MAX_SWEEP_SEEDS)

/**
 * The schema `merge` validates its inputs with (extra fields are tolerated and dropped); what the
 * fields say of each other is checked by `sweepInput.ts`.
 */
export const SweepJsonSchema = z.object({
  runs: Count,
  failures: z
    .array(
      z.object({ seed: z.number().int().min(0), checks: z.array(Failed).min(1).max(64), replay: z.string().max(4096) }),
    )
    .max(MAX_SWEEP_SEEDS),
  byCheck: z.record(Failed, Count),
  scenario: z.string().min(1).max(256).optional(),
  profile: z.enum(PROFILES).optional(),
  seeds: z.string().max(64).optional(),
  wallMs: z.number().min(0).max(1e12).optional(),
  swarm: z.literal(true).optional(),
})

/** Failing runs per check, most frequent first. */
export function byCheckOf(failures: readonly SweepFailure[]): Record<string, number> {
  const counts = new Map<string, number>()
  for (const f of failures) for (const c of f.checks) counts.set(c, (counts.get(c) ?? 0) + 1)
  return Object.fromEntries([...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1)))
}

export interface SweepInfo {
  readonly scenario: string
  readonly profile: ProfileName
  readonly seeds: string
  readonly swarm: boolean
  readonly wallMs: number
  /** The command that reruns one seed. */
  readonly replay: (seed: number) => string
}

/** The sweep JSON of `outcomes`. */
export function sweepJsonOf(outcomes: readonly SeedOutcome[], info: SweepInfo): SweepJson {
  const failures = outcomes
    .filter((o) => o.failing.length > 0)
    .sort((a, b) => a.seed - b.seed)
    .map((o) => ({ seed: o.seed, checks: [...o.failing], replay: info.replay(o.seed) }))
  return {
    runs: outcomes.length,
    failures,
    byCheck: byCheckOf(failures),
    scenario: info.scenario,
    profile: info.profile,
    seeds: info.seeds,
    wallMs: Math.round(info.wallMs),
    ...(info.swarm ? { swarm: true as const } : {}),
  }
}
