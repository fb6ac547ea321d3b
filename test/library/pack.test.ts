/**
 * The package as a user gets it: `npm pack` (which builds dist/ through `prepare`), unpacked into
 * a fresh folder's node_modules beside the runtime dependencies the package declares (linked
 * from this repository's installed node_modules, so the test needs no network; a dependency
 * missing from `dependencies` fails to resolve), then imported from plain Node ESM, run through
 * its bin and typechecked strictly, declarations included. tsx is left out: the compiled package
 * must run without it.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../cli/crdtLab.ts'

const run = promisify(execFile)
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
}
/** Declared runtime dependencies the app gets; tsx is left out on purpose (see above). */
const LINKED = [...Object.keys(pkg.dependencies).filter((d) => d !== 'tsx'), 'typescript', '@types/node']

const SCENARIO = {
  name: 'library-smoke',
  seed: 3,
  peers: ['alice', 'bob'],
  entities: [{ id: 'group:tide-pool-crew', owner: 'alice', members: { bob: 'member' } }],
  steps: [
    { at: 0, peer: 'alice', op: 'chat.send', entity: 'group:tide-pool-crew', args: { content: 'hello' }, as: 'm1' },
    { at: 50, peer: 'alice', op: 'chat.edit', entity: 'group:tide-pool-crew', args: { message: '$m1', content: 'hi' } },
  ],
  expect: {
    checks: ['convergence'],
    final: [{ peer: '*', query: 'chat.list', entity: 'group:tide-pool-crew', equals: ['hi'] }],
  },
}

const MAIN = `import { CLAIMS, runScenario, scenarioArbitrary, sweep } from 'crdt-lab'
import { readFileSync } from 'node:fs'
const scenario = JSON.parse(readFileSync('scenario.json', 'utf8'))
const result = runScenario(scenario, { profile: 'reference' })
const swept = await sweep('scenario.json', { seeds: { from: 1, to: 3 } })
console.log(JSON.stringify({
  verdict: result.verdict,
  final: result.final[0].holds,
  claims: CLAIMS.length,
  sweep: swept.runs,
  arbitrary: typeof scenarioArbitrary('lww').generate,
}))
`

const TYPED = `import { runScenario, type RunResultJson } from 'crdt-lab'
const result: RunResultJson = runScenario('scenario.json', { seed: 2, profile: 'spec' })
const verdict: 'pass' | 'fail' = result.verdict
console.log(verdict)
`

describe('the packed package', () => {
  let dir: string
  let app: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crdt-lab-pack-'))
    const { stdout } = await run('npm', ['pack', '--pack-destination', dir, '--json'], {
      cwd: ROOT,
      maxBuffer: 1 << 26,
    })
    const [{ filename }] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { filename: string }[]
    app = join(dir, 'app')
    const modules = join(app, 'node_modules')
    mkdirSync(join(modules, 'crdt-lab'), { recursive: true })
    await run('tar', ['-xzf', join(dir, filename), '-C', join(modules, 'crdt-lab'), '--strip-components=1'])
    for (const dep of LINKED) {
      mkdirSync(join(modules, dep, '..'), { recursive: true })
      symlinkSync(join(ROOT, 'node_modules', dep), join(modules, dep))
    }
    writeFileSync(join(app, 'package.json'), '{ "type": "module", "private": true }\n')
    writeFileSync(join(app, 'scenario.json'), JSON.stringify(SCENARIO))
    writeFileSync(join(app, 'main.mjs'), MAIN)
    writeFileSync(join(app, 'typed.ts'), TYPED)
  }, 180_000)
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('holds compiled JavaScript and declarations, no TypeScript source', () => {
    const files = JSON.parse(readFileSync(join(app, 'node_modules/crdt-lab/package.json'), 'utf8'))
    expect(files.private).toBeUndefined()
    expect(readFileSync(join(app, 'node_modules/crdt-lab/dist/src/index.d.ts'), 'utf8')).toContain('runScenario')
    expect(readFileSync(join(app, 'node_modules/crdt-lab/dist/src/index.js'), 'utf8')).not.toMatch(/from '[^']+\.ts'/)
  })

  it('imports from plain Node ESM and runs a small scenario, a sweep and the claims catalogue', async () => {
    const { stdout } = await run(process.execPath, ['main.mjs'], { cwd: app })
    expect(JSON.parse(stdout)).toEqual({ verdict: 'pass', final: true, claims: 13, sweep: 3, arbitrary: 'function' })
  })

  it('runs its bin from the compiled package, without tsx', async () => {
    const bin = join(app, 'node_modules/crdt-lab/bin/crdt-lab.js')
    const { stdout } = await run(process.execPath, [bin, 'run', 'scenario.json'], { cwd: app })
    expect(stdout).toMatch(/^PASS library-smoke \(scenario\.json\) seed 3, profile reference$/m)
  })

  it('types its exports for TypeScript users (NodeNext resolution through `exports`)', async () => {
    const tsc = join(app, 'node_modules/typescript/bin/tsc')
    const args = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node']
    // No --skipLibCheck: a user's strict build checks the package's declarations, and the types
    // they name (better-sqlite3's) must come with the package's dependencies.
    const out = await run(process.execPath, [tsc, ...args, 'typed.ts'], { cwd: app }).catch(
      (e: { stdout: string }) => ({ stdout: e.stdout, failed: true }),
    )
    expect(out).toEqual({ stdout: expect.any(String), stderr: '' })
  })
})
