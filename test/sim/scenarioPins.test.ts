/**
 * A trace-hash pin for every scenario file under both profiles, with the scenario's own seed and
 * with `--swarm` on one more seed: a refactoring that claims to change no behaviour must leave
 * every one of these unchanged. A change meant to move what the engine or the simulator does
 * updates the snapshot (`npx vitest run test/sim/scenarioPins.test.ts -u`) and says so in its
 * commit.
 */
import { describe, expect, it } from 'vitest'
import { loadScenario } from '../../src/sim/scenario/load.ts'
import { runScenario } from '../../src/sim/run.ts'
import { LAB_SCENARIOS } from '../scenarios/labScenarios.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'

const DIR = new URL('../../scenarios/', import.meta.url)
/** The lab's own files: a file a user drops into scenarios/ has no pin to keep. */
const FILES = LAB_SCENARIOS.map((name) => `${name}.json`)

function pin(file: string, profile: ProfileName, seed?: number, swarm = false): string {
  const scenario = loadScenario(new URL(file, DIR).pathname)
  const run = runScenario(scenario, { seed: seed ?? scenario.seed, profile, swarm })
  try {
    return `${run.world.journal.traceHash()} (${run.world.journal.length} records)`
  } finally {
    run.world.dispose()
  }
}

describe('every scenario keeps its trace', () => {
  for (const profile of ['reference', 'spec'] as const) {
    it(`under ${profile}`, () => {
      const pins: Record<string, string> = {}
      for (const file of FILES) {
        pins[file] = pin(file, profile)
        pins[`${file} --seed 3 --swarm`] = pin(file, profile, 3, true)
      }
      expect(pins).toMatchSnapshot()
    })
  }
})
