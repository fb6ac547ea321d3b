import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { crdtLab, STACK_FRAME, tempDir } from './crdtLab.ts'

describe('crdt-lab check', () => {
  it('a property that fails prints its story and replay commands, writes the scenario, and exits 1', async () => {
    const dir = tempDir()
    const cli = await crdtLab(
      'check',
      '--claims',
      'pruneSafety',
      '--profile',
      'spec',
      '--runs',
      '30',
      '--seed',
      '3',
      '--no-shrink',
      '--out',
      dir,
    )
    expect(cli.code).toBe(1)
    expect(cli.stdout).toMatch(/^pruneSafety \(spec\): FAILS/m)
    expect(cli.stdout).toMatch(/seed 3, path [0-9:]+; the shrunk counterexample, as a story:/)
    expect(cli.stdout).toMatch(/ {4}1\. t=0 alice creates project:lab/)
    const file = join(dir, 'pruneSafety-3.json')
    expect(existsSync(file)).toBe(true)
    // the written scenario reproduces the failure
    const rerun = await crdtLab('run', file)
    expect(rerun.code).toBe(1)
    expect(rerun.stdout).toMatch(/pruneSafety +FAILS/)
  })

  it('holds under the reference profile and exits 0; bad claims are usage errors', async () => {
    const ok = await crdtLab('check', '--claims', 'lww', '--runs', '8', '--seed', '5')
    expect(ok.code).toBe(0)
    expect(ok.stdout).toMatch(/^lww \(reference\): holds \(\d+ of 8 runs applied/m)
    // A claim no generated run applied to has not held: check exits 1 on it.
    const unapplied = await crdtLab('check', '--claims', 'idempotence', '--runs', '1', '--seed', '1')
    expect(unapplied.code).toBe(1)
    expect(unapplied.stdout).toContain('idempotence (reference): not evaluated (no generated run applied)')
    const bad = await crdtLab('check', '--claims', 'lwx')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('unknown claim "lwx"')
    expect(bad.stderr).not.toMatch(STACK_FRAME)
  })
})

describe('crdt-lab conformance', () => {
  it('compares verdicts with the expectation file: exit 0 when they match, 1 with the difference', async () => {
    const dir = tempDir()
    const expected = join(dir, 'expected.json')
    writeFileSync(
      expected,
      JSON.stringify({ version: 1, claims: { cardOneColumn: { spec: 'fails', reference: 'holds' } } }),
    )
    const args = [
      'conformance',
      '--claims',
      'cardOneColumn',
      '--runs',
      '20',
      '--no-shrink',
      '--workers',
      '1',
      '--expected',
      expected,
      '--out',
      dir,
    ]
    const match = await crdtLab(...args, '--json', join(dir, 'c.json'), '--html', join(dir, 'c.html'))
    expect(match.code).toBe(0)
    expect(match.stdout).toContain('every verdict matches')
    const table = JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8'))
    expect(table.claims[0].profiles.spec.counterexample.replay).toMatch(
      /^npx crdt-lab run .*cardOneColumn-spec-\d+\.json$/,
    )
    expect(table.claims[0].profiles.spec.counterexample.replayCheck).toMatch(
      /^npx crdt-lab check --claims cardOneColumn --profile spec --runs 20 --seed \d+ --path [\d:]+$/,
    )
    expect(readFileSync(join(dir, 'c.html'), 'utf8')).toContain('cardOneColumn')
    writeFileSync(
      expected,
      JSON.stringify({ version: 1, claims: { cardOneColumn: { spec: 'holds', reference: 'holds' } } }),
    )
    const departs = await crdtLab(...args)
    expect(departs.code).toBe(1)
    expect(departs.stdout).toContain('cardOneColumn (spec): expected holds, got fails')
  })

  it('a claim under-exercised makes it exit 1: fewer applied runs than the expectation recorded', async () => {
    const dir = tempDir()
    const expected = join(dir, 'expected.json')
    const record = (applied: number) =>
      writeFileSync(
        expected,
        JSON.stringify({
          version: 2,
          budget: { runs: 10, seed: 1, seeds: 2 },
          claims: { cardOneColumn: { spec: { verdict: 'fails' }, reference: { verdict: 'holds', applied } } },
        }),
      )
    const args = ['conformance', '--claims', 'cardOneColumn', '--runs', '10', '--seeds', '2', '--no-shrink']
    const rest = ['--workers', '1', '--expected', expected, '--out', dir, '--json', join(dir, 'c.json')]
    record(1)
    const ok = await crdtLab(...args, ...rest)
    expect(ok.code).toBe(0)
    const applied = JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8')).claims[0].profiles.reference.evaluated
    expect(applied).toBeGreaterThanOrEqual(2)
    record(applied * 2)
    const thin = await crdtLab(...args, ...rest)
    expect(thin.code).toBe(1)
    expect(thin.stdout).toContain(
      `cardOneColumn (reference): holds, but on ${applied} applied runs where ${applied * 2}`,
    )
  })
})

describe('crdt-lab mutation', () => {
  it('prints which layer killed each mutant and writes { mutants: [{ name, killed, by, runs }] }', async () => {
    const dir = tempDir()
    const out = join(dir, 'm.json')
    const cli = await crdtLab(
      'mutation',
      '--mutants',
      'lww-timestamp-only',
      '--runs',
      '3',
      '--seeds',
      '1',
      '--json',
      out,
    )
    expect(cli.code).toBe(0)
    expect(cli.stdout).toMatch(/^lww-timestamp-only +killed by claim:lww after 1 run\(s\)/m)
    expect(cli.stdout).toContain('mutation score 1/1 = 100%')
    const json = JSON.parse(readFileSync(out, 'utf8'))
    expect(json.mutants).toEqual([
      expect.objectContaining({ name: 'lww-timestamp-only', killed: true, by: 'claim:lww', runs: 1 }),
    ])
    const unknown = await crdtLab('mutation', '--mutants', 'no-such-mutant', '--runs', '1')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown mutant "no-such-mutant"')
  })
})
