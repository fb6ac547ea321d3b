/**
 * The sweep JSON (DESIGN §6): `runs`, `failures [{seed, checks, replay}]` and `byCheck`, plus the
 * optional `scenario`, `profile`, `seeds` (`1..1000`, or `1..1000 shard 2/4`) and `wallMs`, and
 * `swarm: true` when the sweep drew swarm fault mixes (absent otherwise, so a plain sweep has
 * exactly the documented fields). `merge` reads the same shape back.
 */
import { z } from 'zod'
import { PROFILES } from '../../sim/scenario/schema.ts'
import type { SweepFailure, SweepResult } from '../../report/inputs.ts'
import type { SeedOutcome } from './outcome.ts'
import type { ProfileName } from '../../engine/base/enums.ts'

export interface SweepJson extends SweepResult {
  swarm?: true
}

/** The schema `merge` validates its inputs with (extra fields are tolerated). */
export const SweepJsonSchema = z.object({
  runs: z.number().int().min(0),
  failures: z.array(z.object({ seed: z.number().int().min(0), checks: z.array(z.string()), replay: z.string() })),
  byCheck: z.record(z.string(), z.number().int().min(0)),
  scenario: z.string().optional(),
  profile: z.enum(PROFILES).optional(),
  seeds: z.string().optional(),
  wallMs: z.number().min(0).optional(),
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
