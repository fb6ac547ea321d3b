/**
 * `--store fs` leaves no temporary folder behind: not when the run throws, not on Ctrl-C
 * (SIGINT) or SIGTERM in the middle of a run.
 */
import { spawn } from 'node:child_process'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { crdtLab, ROOT, tempDir } from './crdtLab.ts'

const G = 'group:g'
const scenario = (steps: unknown[]) => ({
  peers: ['alice', 'bob'],
  entities: [{ id: G, owner: 'alice', members: { bob: 'member' } }],
  steps,
})

/** Folders the lab made under `tmp` (tsx's own cache aside). */
const labFolders = (tmp: string): string[] => readdirSync(tmp).filter((n) => n.startsWith('crdt-lab-'))
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function until(test: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (test()) return true
  return test()
}

describe('temporary store folders', () => {
  it('a run that throws (torn writes on the filesystem store) removes them', async () => {
    const dir = tempDir()
    const tmp = join(dir, 'tmp')
    const { mkdirSync } = await import('node:fs')
    mkdirSync(tmp)
    const file = join(dir, 'torn.json')
    const send = { at: 0, peer: 'alice', op: 'chat.send', entity: G, args: { content: 'x' } }
    writeFileSync(file, JSON.stringify(scenario([send, { at: 10, fault: 'crash', peer: 'bob', tornWrite: true }])))
    const cli = await crdtLab('run', file, '--store', 'fs', { env: { TMPDIR: tmp } })
    expect(cli.code).toBe(2)
    expect(cli.stderr).toContain('torn writes are simulated on the memory store only')
    expect(labFolders(tmp)).toEqual([])
  })

  it.each(['SIGINT', 'SIGTERM'] as const)('%s in the middle of a run removes them', async (signal) => {
    const dir = tempDir()
    const tmp = join(dir, 'tmp')
    const { mkdirSync } = await import('node:fs')
    mkdirSync(tmp)
    const file = join(dir, 'long.json')
    const random = { at: 0, random: { until: 200_000, everyMs: [40, 60], entity: G, mix: { 'chat.send': 1 } } }
    writeFileSync(file, JSON.stringify(scenario([random])))
    const child = spawn(process.execPath, ['bin/crdt-lab.js', 'run', file, '--store', 'fs'], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: tmp },
      stdio: 'ignore',
    })
    const exited = new Promise<number | null>((r) => child.on('exit', (code, sig) => r(code ?? (sig ? 128 : null))))
    // The peers' folders exist: the run is under way.
    const started = await until(() => {
      const run = labFolders(tmp).find((n) => n.startsWith('crdt-lab-run-'))
      return run !== undefined && readdirSync(join(tmp, run)).some((n) => n.startsWith('crdt-lab-alice-'))
    }, 20_000)
    expect(started).toBe(true)
    child.kill(signal)
    expect(await exited).not.toBe(0)
    expect(await until(() => labFolders(tmp).length === 0, 5_000)).toBe(true)
  })
})
