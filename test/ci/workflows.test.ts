/**
 * The GitHub workflows, parsed: CI runs `.ci/run` on every push and pull request; the sweep's
 * shard count is written once, and the matrix, the shards' `--shard i/n` and the merge all take it
 * from there; the merge writes the job summary.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { ROOT } from '../cli/crdtLab.ts'

interface Step {
  name?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
}
interface Job {
  needs?: string | string[]
  name?: string
  if?: string
  outputs?: Record<string, string>
  strategy?: { matrix?: Record<string, unknown> }
  steps: Step[]
}
interface Workflow {
  on: Record<string, unknown>
  env?: Record<string, unknown>
  jobs: Record<string, Job>
}

const workflow = (name: string): Workflow =>
  parse(readFileSync(`${ROOT}/.github/workflows/${name}`, 'utf8')) as Workflow
const runs = (job: Job): string => job.steps.map((s) => s.run ?? '').join('\n')

describe('ci.yml', () => {
  const ci = workflow('ci.yml')
  it('runs .ci/run on push and pull request, after checkout and Node', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push'])
    const [job] = Object.values(ci.jobs)
    expect(job!.steps.map((s) => s.uses ?? s.run)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'bash .ci/run',
    ])
  })
})

describe('sweep.yml', () => {
  const sweep = workflow('sweep.yml')
  const { plan, shard, merge } = sweep.jobs
  it('has the shard count in one place, env.SHARDS, and the plan job makes the matrix from it', () => {
    expect(sweep.env?.SHARDS).toBeGreaterThan(1)
    expect(runs(plan!)).toContain('$SHARDS')
    expect(shard!.needs).toBe('plan')
    expect(shard!.strategy?.matrix?.shard).toBe('${{ fromJSON(needs.plan.outputs.shards) }}')
    // Nothing else spells a count: no digit after a slash in --shard, no literal list.
    expect(runs(shard!)).toContain('--shard ${{ matrix.shard }}/${{ needs.plan.outputs.count }}')
    expect(JSON.stringify(sweep)).not.toMatch(/--shard \$\{\{ matrix\.shard \}\}\/\d/)
  })

  it('the plan step, run here, gives the matrix 1..SHARDS and the count the shards and the merge use', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'crdt-lab-gh-')), 'output')
    writeFileSync(out, '')
    execFileSync('bash', ['-c', runs(plan!)], {
      env: { ...process.env, SHARDS: String(sweep.env?.SHARDS), GITHUB_OUTPUT: out },
    })
    const outputs = Object.fromEntries(
      readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split('=') as [string, string]),
    )
    const n = Number(sweep.env?.SHARDS)
    expect(JSON.parse(outputs.shards!)).toEqual(Array.from({ length: n }, (_, i) => i + 1))
    expect(Number(outputs.count)).toBe(n)
    expect(Object.keys(plan!.outputs ?? {}).sort()).toEqual(['count', 'shards'])
    expect(runs(merge!)).toContain('${{ needs.plan.outputs.count }}')
    expect([merge!.needs].flat()).toEqual(expect.arrayContaining(['plan', 'shard']))
  })

  it('uploads each shard, merges them all and writes the job summary', () => {
    const upload = shard!.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))
    expect(upload?.with?.path).toBe('sweep-shard-${{ matrix.shard }}.json')
    expect(runs(merge!)).toContain('npx crdt-lab merge shards/sweep-shard-*.json')
    expect(runs(merge!)).toContain('>> "$GITHUB_STEP_SUMMARY"')
  })
})
