/**
 * Merging sweep results (the shards of one sweep, or sweeps of disjoint ranges) into one.
 * Refused, as bad input: results of different scenarios, profiles or swarm settings, and results
 * whose seeds overlap (a seed counted twice would skew every figure).
 */
import { LabError } from '../../engine/base/errors.ts'
import type { SweepFailure } from '../../report/inputs.ts'
import { byCheckOf, type SweepJson } from './sweepJson.ts'
import { commonSeed, describeSeeds, parseSeedsDescription, type SeedSet } from './seeds.ts'

/** A sweep result and the file it came from. */
export interface NamedSweep {
  readonly file: string
  readonly sweep: SweepJson
}

export interface Merged {
  readonly sweep: SweepJson
  /** Things a user should know (missing shards). */
  readonly warnings: string[]
}

/** Merges `inputs` (at least one). */
export function mergeSweeps(inputs: readonly NamedSweep[]): Merged {
  const scenario = agreed(inputs, 'scenario', 'scenarios', (s) => s.scenario)
  const profile = agreed(inputs, 'profile', 'profiles', (s) => s.profile)
  const swarm = agreed(inputs, 'swarm', 'swarm settings', (s) => s.swarm ?? false)
  const sets = inputs.map((x) => (x.sweep.seeds === undefined ? null : parseSeedsDescription(x.sweep.seeds)))
  refuseOverlaps(inputs, sets)
  const failures: SweepFailure[] = inputs.flatMap((x) => x.sweep.failures).sort((a, b) => a.seed - b.seed)
  const { seeds, warnings } = combinedSeeds(inputs, sets)
  const walls = inputs.map((x) => x.sweep.wallMs)
  const sweep: SweepJson = {
    runs: inputs.reduce((n, x) => n + x.sweep.runs, 0),
    failures,
    byCheck: byCheckOf(failures),
    ...(scenario === undefined ? {} : { scenario }),
    ...(profile === undefined ? {} : { profile }),
    ...(seeds === undefined ? {} : { seeds }),
    // Shards run side by side: the merged sweep took as long as its slowest shard.
    ...(walls.every((w) => w !== undefined) ? { wallMs: Math.max(...(walls as number[])) } : {}),
    ...(swarm ? { swarm: true as const } : {}),
  }
  return { sweep, warnings }
}

/** The one value every input that states `field` agrees on (undefined when none states it). */
function agreed<T>(
  inputs: readonly NamedSweep[],
  field: string,
  what: string,
  get: (s: SweepJson) => T | undefined,
): T | undefined {
  const seen = inputs.flatMap((x) => (get(x.sweep) === undefined ? [] : [{ file: x.file, value: get(x.sweep) as T }]))
  const other = seen.find((x) => x.value !== seen[0]!.value)
  if (other) {
    throw new LabError(
      'INVALID_ARG',
      `cannot merge sweeps of different ${what}: ${seen[0]!.file} has $.${field} ` +
        `${JSON.stringify(seen[0]!.value)}, ${other.file} has ` +
        `${JSON.stringify(other.value)}`,
    )
  }
  return seen[0]?.value
}

function refuseOverlaps(inputs: readonly NamedSweep[], sets: readonly (SeedSet | null)[]): void {
  for (let i = 0; i < inputs.length; i++) {
    for (let j = i + 1; j < inputs.length; j++) {
      const a = sets[i]
      const b = sets[j]
      const seed = a && b ? commonSeed(a, b) : sameFailingSeed(inputs[i]!.sweep, inputs[j]!.sweep)
      if (seed !== null)
        throw new LabError(
          'INVALID_ARG',
          `cannot merge ${inputs[i]!.file} and ${inputs[j]!.file}: both ran seed ` +
            `${seed} ($.seeds ${JSON.stringify(inputs[i]!.sweep.seeds ?? '?')} and ` +
            `${JSON.stringify(inputs[j]!.sweep.seeds ?? '?')})`,
        )
    }
  }
}

/** Without `seeds`, overlap shows only where both list the same failing seed. */
function sameFailingSeed(a: SweepJson, b: SweepJson): number | null {
  const seeds = new Set(a.failures.map((f) => f.seed))
  return b.failures.find((f) => seeds.has(f.seed))?.seed ?? null
}

/** The merged `seeds`: the whole range when the shards of one range are all there, else each part. */
function combinedSeeds(
  inputs: readonly NamedSweep[],
  sets: readonly (SeedSet | null)[],
): { seeds?: string; warnings: string[] } {
  if (sets.some((s) => s === null)) return { warnings: [] }
  const all = sets as SeedSet[]
  const first = all[0]!
  const count = first.shard?.count
  const sameRange = all.every(
    (s) => s.range.from === first.range.from && s.range.to === first.range.to && s.shard?.count === count,
  )
  if (sameRange && count !== undefined) {
    const have = new Set(all.map((s) => s.shard!.index))
    const missing = Array.from({ length: count }, (_, k) => k + 1).filter((k) => !have.has(k))
    if (missing.length === 0) return { seeds: describeSeeds({ range: first.range, shard: null }), warnings: [] }
    return {
      seeds: all.map(describeSeeds).join(', '),
      warnings: [
        `shard${missing.length > 1 ? 's' : ''} ` +
          `${missing.map((k) => `${k}/${count}`).join(', ')} of ` +
          `${describeSeeds({ range: first.range, shard: null })} missing: the merged ` +
          `result covers only part of the sweep`,
      ],
    }
  }
  return { seeds: joinRanges(all), warnings: [] }
}

/** Disjoint parts in seed order, adjacent whole ranges joined (`1..100` + `101..200` = `1..200`). */
function joinRanges(sets: readonly SeedSet[]): string {
  const sorted = [...sets].sort((a, b) => a.range.from - b.range.from)
  const parts: SeedSet[] = []
  for (const s of sorted) {
    const last = parts[parts.length - 1]
    if (last && !last.shard && !s.shard && last.range.to + 1 === s.range.from)
      parts[parts.length - 1] = { range: { from: last.range.from, to: s.range.to }, shard: null }
    else parts.push(s)
  }
  return parts.map(describeSeeds).join(', ')
}
