/**
 * `crdt-lab explore` as a user runs it: Stateright's line, completeness, the reduction, each
 * failing check with its shortest schedule written as a scenario file that `run` replays and
 * fails the same way; shards that `merge` joins; exit 2 for what explore cannot take.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { crdtLab, fixture, STACK_FRAME, tempDir, type CliOutcome } from './crdtLab.ts'

const FILE = fixture('explore/lww.json')
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'))

describe('crdt-lab explore', () => {
  const dir = tempDir()
  const path = (name: string) => join(dir, name)
  let spec: CliOutcome
  let reference: CliOutcome
  beforeAll(async () => {
    ;[spec, reference] = await Promise.all([
      crdtLab(
        'explore',
        FILE,
        '--profile',
        'spec',
        '--workers',
        '2',
        '--json',
        path('spec.json'),
        '--html',
        path('spec.html'),
        '--out',
        path('found'),
      ),
      crdtLab('explore', FILE, '--workers', '1', '--json', path('reference.json'), '--out', path('found')),
    ])
  })

  it('the reference: complete, nothing fails, exit 0', () => {
    expect(reference.code).toBe(0)
    expect(reference.stdout).toMatch(/Done\. states=\d+, unique=\d+, depth=\d+, sec=[\d.]+/)
    expect(reference.stdout).toContain('complete: every schedule within the bounds explored')
    expect(reference.stdout).toContain('no check fails in scope')
    const r = readJson(path('reference.json'))
    expect(r).toMatchObject({ scenario: 'explore-lww', profile: 'reference', complete: true, failures: [] })
    expect(r.reduction.statesWithout).toBeGreaterThan(r.reduction.states)
    expect(r.exercised.lww).toBeGreaterThan(0)
  })

  it('the spec: lww fails, its shortest schedule is a scenario file run replays and fails the same way', async () => {
    expect(spec.code).toBe(1)
    const r = readJson(path('spec.json'))
    expect(r.failures).toHaveLength(1)
    const [f] = r.failures
    // Shortest: alice's retitle saw her create but carries its wall-clock stamp (the spec's stamps are not Lamport).
    expect(f).toMatchObject({ check: 'lww', depth: 5 })
    expect(f.detail).toMatch(/alice's write \(t=0\) saw alice's \(t=0\) but carries stamp (\d+) <= \1/)
    expect(spec.stdout).toContain(`FAILS lww after 5 steps`)
    expect(spec.stdout).toContain(`replay: npx crdt-lab run ${f.scenarioFile}`)
    const replay = await crdtLab('run', f.scenarioFile, '--json', path('replay.json'))
    expect(replay.code).toBe(1)
    const run = readJson(path('replay.json'))
    expect(run.checks.lww).toMatchObject({ holds: false, detail: f.detail })
    expect(readFileSync(path('spec.html'), 'utf8')).toContain('step 1')
  })

  it('shards: each explores part of the search; merge joins them, complete only with every shard', async () => {
    const shards = await Promise.all(
      [1, 2].map((i) =>
        crdtLab(
          'explore',
          FILE,
          '--profile',
          'spec',
          '--workers',
          '1',
          '--shard',
          `${i}/2`,
          '--json',
          path(`s${i}.json`),
          '--out',
          path('found'),
        ),
      ),
    )
    expect(shards.every((s) => s.code === 0 || s.code === 1)).toBe(true)
    expect(readJson(path('s2.json')).shard).toEqual({ index: 2, count: 2 })
    const merged = await crdtLab('merge', path('s1.json'), path('s2.json'), '--json', path('merged.json'))
    expect(merged.code).toBe(1)
    const m = readJson(path('merged.json'))
    const whole = readJson(path('spec.json'))
    expect(m).toMatchObject({ complete: true, failures: [{ check: 'lww', depth: whole.failures[0].depth }] })
    expect(m.states).toBeGreaterThanOrEqual(whole.states)
  })

  it('bad input: exit 2 naming the file and the path, or the option; nothing run', async () => {
    const random = await crdtLab('explore', fixture('busy-project.json'))
    expect(random.code).toBe(2)
    expect(random.stderr).toMatch(/busy-project\.json: \$\.steps\[\d+\]\.random: explore needs fixed ops/)
    expect(random.stderr).not.toMatch(STACK_FRAME)
    const option = await crdtLab('explore', FILE, '--max-states', '0')
    expect(option.code).toBe(2)
    expect(option.stderr).toContain("option '--max-states <n>' argument '0' is invalid")
  })
})
