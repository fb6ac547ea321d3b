/**
 * Sweep and merge inputs are bounded and validated: seed ranges of at most 10^7 seeds, no empty
 * shard, --workers at most 4 per core, and merge refuses any sweep result whose fields disagree,
 * printing rerun commands it builds itself, never the input's text.
 */
import { availableParallelism } from 'node:os'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { commonSeed, setSize } from '../../src/cli/sweep/seeds.ts'
import { shellWords, validSweep } from '../../src/cli/sweep/sweepInput.ts'
import { shellQuote } from '../../src/cli/commandLine.ts'
import { crdtLab, fixture, tempDir } from './crdtLab.ts'

const FILE = fixture('chat-partition.json')

describe('sweep options', () => {
  it('--seeds 0..4000000000 is refused at once, not a fatal V8 error', async () => {
    const started = Date.now()
    const cli = await crdtLab('sweep', FILE, '--seeds', '0..4000000000')
    expect(cli.code).toBe(2)
    expect(cli.stderr).toContain(
      "option '--seeds <A..B>' argument '0..4000000000' is invalid. 4000000001 seeds; a sweep runs at most 10,000,000",
    )
    expect(Date.now() - started).toBeLessThan(20_000)
  })

  it('a shard with no seeds is exit 2, not "PASS 0 runs"', async () => {
    const cli = await crdtLab('sweep', FILE, '--seeds', '1..2', '--shard', '3/5')
    expect(cli.code).toBe(2)
    expect(cli.stderr).toContain(
      '--shard 3/5: shard 3 of --seeds 1..2 holds no seed (the range has 2; give at most that many shards)',
    )
    expect(cli.stdout).not.toContain('PASS')
  })

  it('--workers is 1 to 4 per core', async () => {
    const max = 4 * availableParallelism()
    for (const bad of ['0', String(max + 1), '1000000']) {
      const cli = await crdtLab('sweep', FILE, '--seeds', '1..2', '--workers', bad)
      expect(cli.code).toBe(2)
      expect(cli.stderr).toContain(`expected a whole number from 1 to ${max} (4 per core`)
    }
  })

  it('seed sets of any size intersect in constant time', () => {
    const big = 2 ** 53 - 1
    const a = { range: { from: 0, to: big - 1 }, shard: { index: 1, count: 3 } }
    const b = { range: { from: 1, to: big }, shard: { index: 1, count: 3 } }
    expect(commonSeed(a, b)).toBeNull() // 0, 3, 6, ... against 1, 4, 7, ...
    expect(commonSeed({ range: { from: 0, to: big }, shard: { index: 1, count: 2 } }, b)).toBe(4)
    expect(
      commonSeed(
        { range: { from: 0, to: 1e12 }, shard: { index: 1, count: 1e12 } },
        { range: { from: 1, to: 1e12 }, shard: null },
      ),
    ).toBe(1e12)
    expect(setSize({ range: { from: 1, to: 10 }, shard: { index: 2, count: 4 } })).toBe(3)
    expect(setSize({ range: { from: 1, to: 2 }, shard: { index: 3, count: 5 } })).toBe(0)
  })
})

const result = (more: Record<string, unknown> = {}) => ({
  runs: 10,
  failures: [{ seed: 4, checks: ['convergence'], replay: `crdt-lab run ${FILE} --seed 4 --profile reference` }],
  byCheck: { convergence: 1 },
  scenario: 'chat-partition',
  profile: 'reference',
  seeds: '1..10',
  ...more,
})
const refusal = (json: unknown): string => {
  try {
    validSweep('r.json', json)
  } catch (e) {
    return (e as Error).message
  }
  throw new Error('accepted')
}

describe('merge validates every field', () => {
  it('a failure outside its seed range, its replay arbitrary shell, is refused, its text never printed', async () => {
    const dir = tempDir()
    const evil = join(dir, 'evil.json')
    writeFileSync(
      evil,
      JSON.stringify(result({ failures: [{ seed: 99, checks: ['convergence'], replay: 'rm -rf /' }] })),
    )
    const cli = await crdtLab('merge', evil)
    expect(cli.code).toBe(2)
    expect(cli.stderr).toContain(`${evil}: $.failures[0].seed: 99 is not one of $.seeds 1..10`)
    expect(cli.stderr).toContain(`${evil}: $.failures[0].replay: "rm -rf /" is not a rerun command of crdt-lab`)
    expect(cli.stdout).toBe('')
  })

  it('rerun commands are built from the validated fields', () => {
    const weird = "scen arios/it's $(rm -rf ~).json"
    const { sweep } = validSweep(
      'r.json',
      result({
        failures: [
          {
            seed: 4,
            checks: ['convergence'],
            replay: `crdt-lab run ${shellQuote(weird)} --seed 4 --profile reference`,
          },
        ],
      }),
    )
    // Rebuilt, never passed on: the validated input's command without the prefix comes back as it is printed.
    expect(sweep.failures[0]!.replay).toBe(`npx crdt-lab run ${shellQuote(weird)} --seed 4 --profile reference`)
    expect(shellWords(sweep.failures[0]!.replay)).toEqual([
      'npx',
      'crdt-lab',
      'run',
      weird,
      '--seed',
      '4',
      '--profile',
      'reference',
    ])
    for (const bad of [
      'crdt-lab run x.json --seed 4 --profile reference; rm -rf /',
      'crdt-lab run `x` --seed 4',
      'crdt-lab run x.json --seed 4 --profile reference --json /etc/x',
    ])
      expect(refusal(result({ failures: [{ seed: 4, checks: ['convergence'], replay: bad }] }))).toMatch(
        /\$\.failures\[0\]\.replay: .* is not a rerun command/,
      )
    expect(
      refusal(
        result({
          failures: [{ seed: 4, checks: ['convergence'], replay: 'crdt-lab run x.json --seed 5 --profile reference' }],
        }),
      ),
    ).toContain("$.failures[0].replay: reruns seed 5, not the failure's seed 4")
  })

  it('fields must agree: runs with seeds, failures with runs, byCheck with failures; huge ranges bounded', () => {
    expect(refusal(result({ runs: 7 }))).toContain('$.runs: is 7, but $.seeds 1..10 holds 10 seeds')
    expect(refusal(result({ byCheck: { convergence: 5 } }))).toContain(
      '$.byCheck: does not count the checks of $.failures',
    )
    expect(refusal(result({ seeds: '0..9007199254740990 shard 1/3', runs: 10 }))).toContain(
      '$.seeds: 0..9007199254740990 shard 1/3 holds 3002399751580331 seeds; a sweep runs at most 10,000,000',
    )
    expect(refusal(result({ seeds: '10..1' }))).toContain('$.seeds: expected "A..B" or "A..B shard i/n"')
    expect(refusal(result({ failures: [{ seed: 4, checks: ['rm -rf'], replay: '' }] }))).toContain(
      '$.failures[0].checks[0]: expected a check name',
    )
    const twice = result({
      runs: 10,
      failures: [result().failures[0], result().failures[0]],
      byCheck: { convergence: 2 },
    })
    expect(refusal(twice)).toContain('$.failures[1].seed: 4 is listed twice (also at $.failures[0])')
  })

  it('merging two huge shard sets ends at once (it hung)', async () => {
    const dir = tempDir()
    const shard = (seeds: string, runs: number, name: string) => {
      writeFileSync(
        join(dir, name),
        JSON.stringify({ runs, failures: [], byCheck: {}, scenario: 'x', profile: 'reference', seeds }),
      )
      return join(dir, name)
    }
    const started = Date.now()
    const cli = await crdtLab(
      'merge',
      shard('0..29999999 shard 1/3', 10_000_000, 'a.json'),
      shard('1..30000000 shard 1/3', 10_000_000, 'b.json'),
    )
    expect(cli.code).toBe(0)
    expect(cli.stdout).toContain('PASS 20000000 runs')
    expect(Date.now() - started).toBeLessThan(20_000)
  })
})
