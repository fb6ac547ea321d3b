/**
 * `crdt-lab conformance --explore`: every scenario of `scenarios/explore/` explored under both
 * profiles, its failing schedules written beside the counterexamples, for the claims table's
 * explored column (properties/explore/conformanceColumn.ts).
 */
import { readdirSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { CONFORMANCE_PROFILES } from '../../properties/conformance.ts'
import type { StagedExploration } from '../../properties/explore/conformanceColumn.ts'
import { explore } from '../../properties/explore/explore.ts'
import { loadScenarioFile } from '../../sim/scenario/load.ts'
import { packagePath } from '../packageRoot.ts'
import { explorePool } from './explorePool.ts'
import { writeSchedules } from './exploreRun.ts'

const failing = (r: { failures: readonly { check: string }[] }): string => r.failures.map((x) => x.check).join(', ')

/**
 * Schedules each exploration may run: the reference's searches of the shipped scenarios complete
 * well within it; the spec's acks multiply the messages, and its failures are found early, so a
 * spec search cut here says `incomplete` beside a failure it found, not a verdict lost.
 */
export const CONFORMANCE_MAX_STATES = 50_000

/** The folder of the small scenarios. */
export const EXPLORE_SCENARIOS = packagePath('scenarios', 'explore')

/**
 * Explores every small scenario that stages one of `claims` (all when undefined) under both
 * profiles; `out` takes the failing schedules.
 */
export async function exploreStagings(
  o: { readonly workers?: number; readonly out?: string },
  log: (line: string) => void,
  claims?: readonly string[],
  dir = EXPLORE_SCENARIOS,
): Promise<StagedExploration[]> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
  const out: StagedExploration[] = []
  const workers = Math.max(1, o.workers ?? availableParallelism())
  for (const f of files) {
    const file = join(dir, f)
    const { scenario, json } = loadScenarioFile(file)
    const staged = scenario.expect.checks === 'applicable' ? [] : [...scenario.expect.checks]
    // A file that stages no claim (a measure of cost) is not part of the column.
    if (staged.length === 0 || (claims && !staged.some((c) => claims.includes(c)))) continue
    const pool = workers > 1 ? await explorePool(workers, JSON.stringify(json), file) : null
    try {
      for (const profile of CONFORMANCE_PROFILES) {
        const result = await explore(scenario, json, {
          profile,
          maxStates: CONFORMANCE_MAX_STATES,
          ...(pool ? { executor: (_p, settings) => pool.executor(settings) } : {}),
          wallClock: () => performance.now(),
        })
        writeSchedules(result, join(o.out ?? 'reports/explore', 'explore'), scenario.name)
        out.push({ claims: staged, result })
        log(
          `explore ${scenario.name.padEnd(18)} ${profile.padEnd(9)} ` +
            `${result.complete ? 'complete' : 'INCOMPLETE'}, ${result.states} states, ` +
            `${result.failures.length === 0 ? 'nothing fails' : `fails ${failing(result)}`}` +
            ` (${(result.wallMs / 1000).toFixed(1)} s)`,
        )
      }
    } finally {
      await pool?.close()
    }
  }
  return out
}
