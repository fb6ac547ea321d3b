/**
 * `crdt-lab explore` as a function: every schedule of a small scenario, within the bounds, under
 * one profile; the result as data (docs/explore.md, "The result JSON"). The schedules run on an
 * `Executor` (in this thread unless the caller gives one that spreads them over workers).
 */
import type { Scenario } from '../../sim/scenario/model.ts'
import type { Profile } from '../../sim/scenario/schema.ts'
import { labelOf, type Choice } from './choices.ts'
import { executePath, scheduleSteps } from './execute.ts'
import { exploreProgram, type ExploreProgram, type ExploreSettings } from './program.ts'
import { scheduleScenario } from './schedule.ts'
import { search, type Executor, type SearchProgress, type SearchResult } from './search.ts'
import { describeStep } from './stepText.ts'
import { scheduleFlow } from './scheduleFlow.ts'
import type { Timeline } from '../../report/inputs.ts'

/** The bounds and choices of an exploration (CLI: `--max-states`, `--max-depth`, `--max-faults`, `--shard`). */
export interface ExploreOptions {
  readonly profile?: Profile
  readonly maxStates?: number
  readonly maxDepth?: number
  readonly maxFaults?: number
  /** Sleep sets (default true): off only to measure what they save. */
  readonly reduction?: boolean
  readonly shard?: { readonly index: number; readonly count: number }
  /** A deliberately broken engine (mutation testing of the lab itself). */
  readonly mutant?: string
  /** Runs batches of schedules (default: one after the other, in this thread). */
  readonly executor?: (program: ExploreProgram, settings: ExploreSettings) => Executor
  readonly progress?: (p: SearchProgress) => void
  /** Wall clock for `wallMs` (the CLI passes performance.now). */
  readonly wallClock?: () => number
  /** Draw each failing schedule's message flow, by step (for the HTML report). */
  readonly flows?: boolean
}

export const EXPLORE_DEFAULTS = { maxStates: 1_000_000, maxDepth: 1_000, maxFaults: 1 } as const

/** A failing check's shortest schedule. */
export interface ExploreFailure {
  readonly check: string
  /** Steps of the schedule (a state check fails midway; the others at the end of the run). */
  readonly depth: number
  readonly detail: string
  /** The schedule, one line per step. */
  readonly schedule: readonly string[]
  /** The schedule as a scenario file `crdt-lab run` replays (the CLI writes it and sets `scenarioFile`). */
  readonly scenario: Record<string, unknown>
  scenarioFile?: string
  /** Its message flow by step (with `flows`). */
  readonly flow?: Timeline
}

/** The result JSON of one scenario under one profile (docs/explore.md). */
export interface ExploreResult {
  readonly scenario: string
  readonly profile: Profile
  readonly seed: number
  readonly complete: boolean
  /** Why not complete: a bound cut the search. */
  readonly cut: 'maxStates' | 'maxDepth' | null
  readonly states: number
  readonly uniqueStates: number
  readonly maxDepth: number
  readonly wallMs: number
  /** Quiet ends reached (every op ran, nothing waits: where a run heals and drains), and distinct ones. */
  readonly ends: number
  readonly uniqueEnds: number
  /** Sleep sets: the schedules run with them, and what the search without them runs. */
  readonly reduction: { readonly sleepSets: boolean; readonly states: number; readonly statesWithout: number }
  readonly bounds: { readonly maxStates: number; readonly maxDepth: number; readonly maxFaults: number }
  readonly shard?: { readonly index: number; readonly count: number }
  /** Distinct quiet ends at which each check applied: the evidence behind a check that holds. */
  readonly exercised: Readonly<Record<string, number>>
  readonly failures: ExploreFailure[]
}

/** Explores `scenario` (its file's JSON beside it: the schedules written copy its parts). */
export async function explore(scenario: Scenario, json: unknown, options: ExploreOptions = {}): Promise<ExploreResult> {
  const wall = options.wallClock ?? (() => 0)
  const started = wall()
  const program = exploreProgram(scenario, json)
  const settings: ExploreSettings = {
    profile: options.profile ?? scenario.profile,
    maxFaults: options.maxFaults ?? EXPLORE_DEFAULTS.maxFaults,
    ...(options.mutant ? { mutant: options.mutant } : {}),
  }
  const execute = options.executor?.(program, settings) ?? inThread(program, settings)
  const bounds = {
    maxStates: options.maxStates ?? EXPLORE_DEFAULTS.maxStates,
    maxDepth: options.maxDepth ?? EXPLORE_DEFAULTS.maxDepth,
    maxFaults: settings.maxFaults,
  }
  const reduction = options.reduction ?? true
  const found = await search(execute, {
    ...bounds,
    reduction,
    dedup: true,
    ...(options.shard ? { shard: options.shard } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
  })
  return {
    scenario: scenario.name,
    profile: settings.profile,
    seed: scenario.seed,
    complete: found.complete,
    cut: found.cut,
    states: found.states,
    uniqueStates: found.uniqueStates,
    maxDepth: found.maxDepth,
    wallMs: Math.round(wall() - started),
    ends: found.executions,
    uniqueEnds: found.quietStates.size,
    reduction: { sleepSets: reduction, states: found.states, statesWithout: found.statesWithout },
    bounds,
    ...(options.shard ? { shard: options.shard } : {}),
    exercised: Object.fromEntries([...found.exercised].sort(([a], [b]) => (a < b ? -1 : 1))),
    failures: failuresOf(program, settings, found, options.flows === true),
  }
}

/** Schedules run one after the other in this thread. */
export const inThread =
  (program: ExploreProgram, settings: ExploreSettings): Executor =>
  async (paths) =>
    paths.map((p) => executePath(program, p, settings))

function failuresOf(
  program: ExploreProgram,
  settings: ExploreSettings,
  found: SearchResult,
  flows: boolean,
): ExploreFailure[] {
  return found.failures.map((f) => {
    const steps = scheduleSteps(program, f.path, settings)
    const name = `${program.scenario.name}-${f.check.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`
    const description =
      `The shortest schedule crdt-lab explore found of ${program.scenario.name} (profile ${settings.profile}) ` +
      `on which ${f.check} fails: ${f.depth} step${f.depth === 1 ? '' : 's'}, all at t=0 on a scripted network, ` +
      `then the heal and the drain. ${f.detail}`
    return {
      check: f.check,
      depth: f.depth,
      detail: f.detail,
      schedule: steps.slice(program.skews.length).map(describeStep),
      scenario: scheduleScenario(program, steps, { profile: settings.profile, name, description }),
      ...(flows ? { flow: scheduleFlow(program, f.path, settings) } : {}),
    }
  })
}

/** A schedule's choices as labels (for tests and progress). */
export const labelsOf = (path: readonly Choice[]): string[] => path.map(labelOf)
