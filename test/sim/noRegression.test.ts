/**
 * No-regression pins, as fast-check's own no-regression tests do: a fixed scenario and seed must
 * keep producing exactly the same run. A change that moves one of these hashes changes what the
 * simulator or the engine does: check the change is intended, then update the pin.
 */
import { describe, expect, it } from 'vitest'
import { loadScenario } from '../../src/sim/scenario/load.ts'
import { runScenario } from '../../src/sim/run.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'

const hashOf = (file: string, seed: number, profile: ProfileName) => {
  const run = runScenario(loadScenario(file), { seed, profile })
  try {
    return { hash: run.world.journal.traceHash(), records: run.world.journal.length }
  } finally {
    run.world.dispose()
  }
}

describe('trace hashes', () => {
  it('the same seed gives the same trace; another seed another', () => {
    const a = hashOf('scenarios/partition-heal.json', 7, 'reference')
    expect(hashOf('scenarios/partition-heal.json', 7, 'reference')).toEqual(a)
    expect(hashOf('scenarios/partition-heal.json', 8, 'reference').hash).not.toBe(a.hash)
  })

  it('pins the prune race under both profiles', () => {
    expect(hashOf('scenarios/prune-race.json', 7, 'reference')).toMatchInlineSnapshot(`
      {
        "hash": "41f1ff20f465d661f69584a3caa6bce7a0bd3c5bc15ab46f0b215aa410b4f15f",
        "records": 361,
      }
    `)
    expect(hashOf('scenarios/prune-race.json', 7, 'spec')).toMatchInlineSnapshot(`
      {
        "hash": "6d87f3c36e863192b6202abd1d7de54f560616e25a9ebf581e664b6991296c02",
        "records": 400,
      }
    `)
  })
})
