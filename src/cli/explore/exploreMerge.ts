/**
 * `crdt-lab merge` of explore results (`explore --shard i/n --json`): the shards of one search
 * (same scenario, profile, seed and bounds) join into one result. States, unique states, ends and
 * schedules are summed (a state two shards both reached counts twice: shards share no visited
 * set); the depth is the deepest; each check keeps its shortest failing schedule. The search is
 * complete only if every shard 1..n is there, once, and complete. Inputs are validated whole
 * first (zod, bounded), problems naming the file and the JSON path: exit 2.
 */
import { z } from 'zod'
import { LabError } from '../../engine/base/errors.ts'
import type { ExploreFailure, ExploreResult } from '../../properties/explore/explore.ts'
import { PROFILES } from '../../sim/scenario/schema.ts'
import { problemsFromIssues } from '../../sim/scenario/zodProblems.ts'

const Count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
const Text = z.string().max(100_000)
const Shard = z.object({ index: Count.min(1), count: Count.min(1).max(10_000) })

const FailureSchema = z.object({
  check: Text.max(200),
  depth: Count,
  detail: Text,
  schedule: z.array(Text.max(2_000)).max(100_000),
  scenarioFile: Text.max(4_096).optional(),
})

export const ExploreJsonSchema = z.object({
  scenario: Text.max(1_000),
  profile: z.enum(PROFILES),
  seed: Count,
  complete: z.boolean(),
  cut: z.enum(['maxStates', 'maxDepth']).nullable(),
  states: Count,
  uniqueStates: Count,
  maxDepth: Count,
  wallMs: Count,
  ends: Count,
  uniqueEnds: Count,
  reduction: z.object({ sleepSets: z.boolean(), states: Count, statesWithout: Count }),
  bounds: z.object({ maxStates: Count, maxDepth: Count, maxFaults: Count }),
  shard: Shard.optional(),
  exercised: z.record(Text.max(200), Count),
  failures: z.array(FailureSchema).max(1_000),
})

/** An explore result read back from its JSON. */
export type ExploreJson = z.output<typeof ExploreJsonSchema>

/** Whether a parsed JSON value looks like explore output (one result, or an array of them). */
export const isExploreJson = (v: unknown): boolean => {
  const first = Array.isArray(v) ? v[0] : v
  return typeof first === 'object' && first !== null && 'uniqueStates' in first && 'bounds' in first
}

/** The explore results of one file, validated. */
export function validExplore(file: string, json: unknown): ExploreJson[] {
  const list = Array.isArray(json) ? json : [json]
  return list.map((item, i) => {
    const parsed = ExploreJsonSchema.safeParse(item)
    if (parsed.success) return parsed.data
    const where = Array.isArray(json) ? `[${i}]` : ''
    const lines = problemsFromIssues(parsed.error.issues, item).map(
      (p) => `${file}: $${where}${p.path.slice(1)}: ${p.message}`,
    )
    throw new LabError('INVALID_ARG', `${lines.join('\n')}\n(expected the JSON of \`crdt-lab explore --json\`)`)
  })
}

const keyOf = (r: ExploreJson) =>
  JSON.stringify([r.scenario, r.profile, r.seed, r.bounds.maxStates, r.bounds.maxDepth, r.bounds.maxFaults])

/** Joins the shards of each search among `results`; what cannot be joined is bad input. */
export function mergeExplore(results: readonly ExploreJson[]): { merged: ExploreResult[]; warnings: string[] } {
  const groups = new Map<string, ExploreJson[]>()
  for (const r of results) groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), r])
  const warnings: string[] = []
  const merged = [...groups.values()].map((shards) => joinShards(shards, warnings))
  return { merged, warnings }
}

function joinShards(shards: readonly ExploreJson[], warnings: string[]): ExploreResult {
  const first = shards[0]!
  const what = `${first.scenario} (${first.profile})`
  const counts = new Set(shards.map((s) => s.shard?.count ?? 1))
  if (counts.size > 1)
    throw usage(`${what}: the results split the search differently (${[...counts].join(' and ')} shards)`)
  const count = [...counts][0]!
  const indexes = shards.map((s) => s.shard?.index ?? 1)
  const twice = indexes.find((x, i) => indexes.indexOf(x) !== i)
  if (twice !== undefined) throw usage(`${what}: shard ${twice}/${count} is given twice`)
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !indexes.includes(i))
  if (missing.length > 0)
    warnings.push(
      `${what}: shard${missing.length === 1 ? '' : 's'} ` +
        `${missing.map((i) => `${i}/${count}`).join(', ')} missing: not complete`,
    )
  const sum = (f: (r: ExploreJson) => number) => shards.reduce((n, r) => n + f(r), 0)
  const exercised: Record<string, number> = {}
  for (const s of shards) for (const [c, n] of Object.entries(s.exercised)) exercised[c] = (exercised[c] ?? 0) + n
  const failures = new Map<string, ExploreFailure>()
  for (const s of [...shards].sort((a, b) => (a.shard?.index ?? 1) - (b.shard?.index ?? 1)))
    for (const f of s.failures) {
      const had = failures.get(f.check)
      if (!had || had.depth > f.depth) failures.set(f.check, { ...f, scenario: {} })
    }
  return {
    scenario: first.scenario,
    profile: first.profile,
    seed: first.seed,
    complete: missing.length === 0 && shards.every((s) => s.complete),
    cut: shards.find((s) => s.cut !== null)?.cut ?? null,
    states: sum((r) => r.states),
    uniqueStates: sum((r) => r.uniqueStates),
    maxDepth: Math.max(...shards.map((r) => r.maxDepth)),
    wallMs: Math.max(...shards.map((r) => r.wallMs)),
    ends: sum((r) => r.ends),
    uniqueEnds: sum((r) => r.uniqueEnds),
    reduction: {
      sleepSets: shards.every((s) => s.reduction.sleepSets),
      states: sum((r) => r.reduction.states),
      statesWithout: sum((r) => r.reduction.statesWithout),
    },
    bounds: first.bounds,
    exercised,
    failures: [...failures.values()].sort((a, b) => a.depth - b.depth || (a.check < b.check ? -1 : 1)),
  }
}

const usage = (message: string) => new LabError('BAD_USAGE', `cannot merge: ${message}`)
