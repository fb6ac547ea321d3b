import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { crdtLab, fixture, STACK_FRAME, tempDir, type CliOutcome } from './crdtLab.ts'

const FILE = fixture('quick-prune.json')
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'))

describe('crdt-lab sweep, shards and merge', () => {
  const dir = tempDir()
  const path = (name: string) => join(dir, name)
  let full: CliOutcome
  beforeAll(async () => {
    full = await crdtLab(
      'sweep',
      FILE,
      '--seeds',
      '1..8',
      '--workers',
      '2',
      '--json',
      path('full.json'),
      '--html',
      path('full.html'),
    )
  })

  it('runs every seed on worker threads and lists failing seeds with their replay command', () => {
    expect(full.code).toBe(1)
    const s = readJson(path('full.json'))
    expect(Object.keys(s)).toEqual(['runs', 'failures', 'byCheck', 'scenario', 'profile', 'seeds', 'wallMs'])
    expect(s).toMatchObject({ runs: 8, scenario: 'quick-prune', profile: 'spec', seeds: '1..8' })
    expect(s.failures.length).toBeGreaterThan(0)
    expect(s.failures.length).toBeLessThan(8)
    for (const f of s.failures) {
      expect(f).toEqual({
        seed: f.seed,
        checks: ['pruneSafety'],
        replay: `npx crdt-lab run ${FILE} --seed ${f.seed} --profile spec`,
      })
      expect(full.stdout).toContain(f.replay)
    }
    expect(s.byCheck).toEqual({ pruneSafety: s.failures.length })
    expect(full.stdout).toContain('2 workers')
    expect(full.stderr).toMatch(/^sweep: 8\/8 seeds, \d+ failing/m)
    expect(readFileSync(path('full.html'), 'utf8')).toContain('Sweep: quick-prune')
  })

  it("shards split the seeds; merging the shards gives the full sweep's failures", async () => {
    const [one, two] = await Promise.all(
      ['1/2', '2/2'].map((shard, i) =>
        crdtLab(
          'sweep',
          FILE,
          '--seeds',
          '1..8',
          '--shard',
          shard,
          '--workers',
          '1',
          '--json',
          path(`shard${i + 1}.json`),
        ),
      ),
    )
    expect([one!.code, two!.code]).toEqual([expect.any(Number), expect.any(Number)])
    expect(readJson(path('shard1.json'))).toMatchObject({ runs: 4, seeds: '1..8 shard 1/2' })
    for (const f of readJson(path('shard2.json')).failures) expect(f.seed % 2).toBe(0)
    const merged = await crdtLab('merge', path('shard1.json'), path('shard2.json'), '--json', path('merged.json'))
    expect(merged.code).toBe(1)
    const m = readJson(path('merged.json'))
    const f = readJson(path('full.json'))
    expect(m.failures).toEqual(f.failures)
    expect(m).toMatchObject({ runs: 8, byCheck: f.byCheck, seeds: '1..8', scenario: 'quick-prune', profile: 'spec' })
  })

  it('merge refuses overlapping seeds and different profiles (exit 2)', async () => {
    const overlap = await crdtLab('merge', path('full.json'), path('shard1.json'))
    expect(overlap.code).toBe(2)
    expect(overlap.stderr).toContain('both ran seed 1')
    const other = await crdtLab(
      'sweep',
      FILE,
      '--seeds',
      '9..9',
      '--profile',
      'reference',
      '--workers',
      '1',
      '--json',
      path('reference.json'),
    )
    expect(other.code).toBe(0)
    const mixed = await crdtLab('merge', path('full.json'), path('reference.json'))
    expect(mixed.code).toBe(2)
    expect(mixed.stderr).toContain('cannot merge sweeps of different profiles')
    expect(mixed.stderr).not.toMatch(STACK_FRAME)
  })

  it('bad usage exits 2: a malformed range or shard, a missing --seeds, a result file that is no sweep', async () => {
    for (const args of [['--seeds', '5..1'], ['--seeds', '1..4', '--shard', '3/2'], []])
      expect((await crdtLab('sweep', FILE, ...args)).code).toBe(2)
    const notSweep = await crdtLab('merge', FILE)
    expect(notSweep.code).toBe(2)
    expect(notSweep.stderr).toContain('quick-prune.json: $.runs: is missing; expected a number')
  })
})
