/**
 * The SQL fallback inside the simulator: scaled-down thresholds, random chat traffic, a member
 * offline across two jumps of the clock. Under the reference every claim the catalogue evaluates
 * holds with messages moved to SQL, and every peer reads the same messages; under the spec,
 * replicas lose messages that another replica moved and they never archived.
 */
import { describe, expect, it } from 'vitest'
import { parseScenario } from '../../src/sim/scenario/load.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'
import { fallbackStatus, readableItems, retainedRemovedEntries } from '../../src/engine/fallback/api.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'

const E = 'group:ocean-forest-moon-star'
const PEERS = ['alice', 'bob', 'carol']

const scenario = (profile: ProfileName, seed: number) =>
  parseScenario(
    {
      name: 'sql-fallback-smoke',
      seed,
      profile,
      peers: PEERS,
      entities: [{ id: E, owner: 'alice', members: { bob: 'member', carol: 'member' } }],
      config: { thresholds: { chat: 5000 }, archiveAfterDays: 1 },
      steps: [
        {
          at: 0,
          random: {
            until: 2000,
            everyMs: [3, 8],
            peers: PEERS,
            entity: E,
            mix: { 'chat.send': 6, 'chat.edit': 1, 'chat.delete': 1, 'chat.react': 1 },
          },
        },
        { at: 700, fault: 'offline', peer: 'carol' },
        { at: 1000, advanceDays: 2 },
        { at: 1600, fault: 'online', peer: 'carol' },
        { at: 2500, advanceDays: 2 },
        { at: 2600, peer: 'alice', op: 'chat.send', entity: E, args: { content: 'after' } },
      ],
    },
    'inline',
  )

describe('the SQL fallback in simulated runs', () => {
  it.each([1, 2])(
    'reference (seed %i): every evaluated claim holds, messages moved, every peer reads the same',
    (seed) => {
      const { result, run } = runAndCheck(scenario('reference', seed))
      const broken = Object.entries(result.checks).filter(([, c]) => c.evaluated && !c.holds)
      expect(broken).toEqual([])
      const reads = PEERS.map((p) => readableItems(run.world.peer(p).r, E).map((i) => i.id))
      expect(reads[1]).toEqual(reads[0])
      expect(reads[2]).toEqual(reads[0])
      for (const p of PEERS) {
        const r = run.world.peer(p).r
        expect(fallbackStatus(r, E)).toMatchObject({ mode: 'hybrid', over: false })
        expect(fallbackStatus(r, E).archived).toBeGreaterThan(50)
        expect(retainedRemovedEntries(r, E)).toBe(0)
      }
    },
  )

  it(
    'spec: peers end up reading different numbers of messages (removals reach ' + 'replicas that never archived them)',
    () => {
      const { run } = runAndCheck(scenario('spec', 1))
      const counts = PEERS.map((p) => (run.world.peer(p).r.query('chat.list', E) as string[]).length)
      expect(Math.min(...counts)).toBeLessThan(Math.max(...counts))
    },
  )
})
