/** Runs a recipe with the oracle watching: what `run` and `replay` both do. */
import { performance } from 'node:perf_hooks'
import { runAndCheck, type CheckedRun } from '../properties/runAndCheck.ts'
import type { Scenario } from '../sim/scenario/model.ts'
import { dumpReplicas } from './dump.ts'
import type { RunRecipe } from './trace.ts'

export interface RecipeRunExtras {
  /** Record the timeline (for the HTML report). */
  readonly timeline?: boolean
  /** Dump every replica's documents here before the world is disposed. */
  readonly dumpDir?: string
}

/** What the summary says beyond seed and profile. */
export const recipeExtras = (recipe: RunRecipe): string[] => [
  ...(recipe.swarm ? ['swarm'] : []),
  ...(recipe.store !== 'memory' ? [`store ${recipe.store}`] : []),
]

/** Runs `scenario` (the recipe's, validated) with the recipe's settings; wall time only for stats. */
export function runRecipe(recipe: RunRecipe, scenario: Scenario, extras: RecipeRunExtras = {}): CheckedRun {
  const dir = extras.dumpDir
  return runAndCheck(scenario, {
    seed: recipe.seed,
    profile: recipe.profile,
    store: recipe.store,
    swarm: recipe.swarm,
    timeline: extras.timeline ?? false,
    wallClock: () => performance.now(),
    ...(dir === undefined ? {} : { inspect: (run) => void dumpReplicas(run, dir) }),
  })
}
