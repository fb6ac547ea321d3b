/**
 * The prune-race scenario over many seeds, under both profiles: the spec's naive ack must be
 * caught pruning early (pruneSafety failures), the reference never.
 *
 *   npx tsx test/scenarios/pruneRaceSweep.ts [seeds=200]
 */
import { loadScenario } from '../../src/sim/scenario/load.ts'
import { sweepSeeds } from './seedSweep.ts'
import { PROFILE_NAMES } from '../../src/engine/base/enums.ts'

const seeds = Number(process.argv[2] ?? 200)
const scenario = loadScenario('scenarios/prune-race.json')
for (const profile of PROFILE_NAMES) {
  const started = performance.now()
  const s = sweepSeeds(scenario, { from: 1, to: seeds, profile })
  const wall = ((performance.now() - started) / 1000).toFixed(1)
  console.log(
    `${profile}: ${s.runs} runs, pruneSafety failed in ` +
      `${s.byCheck.pruneSafety ?? 0}, verdict fail in ${s.failedSeeds.length}; by ` +
      `check ${JSON.stringify(s.byCheck)}; ${wall} s`,
  )
}
