/**
 * Output paths are checked before any work: exit 2 naming the option and the path, nothing run
 * and nothing written; dumps have portable names and stay inside their folder.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { docIdOfDumpFile, dumpFileName, insideFolder } from '../../src/cli/dump.ts'
import { outputProblem, writingOutput } from '../../src/cli/outputPaths.ts'
import { labErrorOf } from '../sim/labErrors.ts'
import { crdtLab, fixture, tempDir } from './crdtLab.ts'

const SCENARIO = fixture('chat-partition.json')

describe('output paths are checked before the run', () => {
  const dir = tempDir()
  const file = join(dir, 'a-file')
  writeFileSync(file, 'x')

  it.each([
    ['--json', dir, 'is a folder; give a file name'],
    ['--html', '/dev/full', 'cannot be written (ENOSPC)'],
    ['--trace', '/proc/crdt-lab-x.jsonl', 'cannot be written in /proc'],
    ['--json', join(file, 'x.json'), `cannot be created: ${file} is not a folder`],
    ['--dump', file, 'is not a folder (a folder is wanted here)'],
    ['--json', SCENARIO, 'is an input of this command'],
  ])('run %s %s: exit 2 naming the option and the path, nothing run or written', async (option, path, problem) => {
    const trace = join(dir, `unwritten-${option.slice(2)}.jsonl`)
    const args = option === '--trace' ? [option, path] : [option, path, '--trace', trace]
    const cli = await crdtLab('run', SCENARIO, ...args)
    expect(cli.code).toBe(2)
    expect(cli.stderr).toContain(`${option} ${path}: ${problem}`)
    expect(cli.stderr).toContain('nothing was run')
    expect(cli.stdout).toBe('')
    expect(existsSync(trace)).toBe(false)
  })

  it('sweep and merge check theirs too', async () => {
    const sweep = await crdtLab('sweep', SCENARIO, '--seeds', '1..2', '--html', '/dev/full')
    expect(sweep.code).toBe(2)
    expect(sweep.stderr).toContain('--html /dev/full: cannot be written (ENOSPC)')
    const result = join(dir, 'sweep.json')
    expect((await crdtLab('sweep', SCENARIO, '--seeds', '1..2', '--json', result)).code).toBe(0)
    const merge = await crdtLab('merge', result, '--json', dir)
    expect(merge.code).toBe(2)
    expect(merge.stderr).toContain(`--json ${dir}: is a folder; give a file name`)
  })

  it('a missing parent folder is created; /dev/null takes the output', async () => {
    expect(outputProblem({ option: '--json', path: join(dir, 'new', 'deeper', 'r.json'), kind: 'file' })).toBeNull()
    expect(outputProblem({ option: '--json', path: '/dev/null', kind: 'file' })).toBeNull()
    const cli = await crdtLab('run', SCENARIO, '--json', join(dir, 'new', 'deeper', 'r.json'))
    expect(cli.code).toBe(0)
    expect(existsSync(join(dir, 'new', 'deeper', 'r.json'))).toBe(true)
    // The probe leaves nothing behind.
    expect(readdirSync(dir).filter((n) => n.startsWith('.crdt-lab-probe-'))).toEqual([])
  })

  it('a write failing after the run (a disk filled meanwhile) is bad usage naming the option', async () => {
    const e = await writingOutput('--json', '/dev/full', () => writeFileSync('/dev/full', 'x')).catch((x) => x)
    expect(e).toMatchObject({ code: 'BAD_USAGE', message: '--json /dev/full: cannot be written (ENOSPC)' })
  })
})

describe('dumps', () => {
  it('a scenario named ".." dumps inside DIR, under a label that cannot climb out', async () => {
    const dir = tempDir()
    const named = join(dir, 'dotdot.json')
    const { readFileSync } = await import('node:fs')
    writeFileSync(named, JSON.stringify({ ...JSON.parse(readFileSync(SCENARIO, 'utf8')), name: '..' }))
    const dump = join(dir, 'out', 'dump')
    const cli = await crdtLab('run', named, SCENARIO, '--dump', dump)
    expect(cli.code).toBe(0)
    expect(readdirSync(join(dir, 'out'))).toEqual(['dump'])
    expect(readdirSync(dump).sort()).toEqual(['chat-partition', 'scenario'])
  })

  it('names are portable and read back; a path outside the folder is refused', () => {
    expect(dumpFileName('project:roadmap:core')).toBe('project.roadmap.core.yrs')
    expect(docIdOfDumpFile('project.roadmap.core.yrs')).toBe('project:roadmap:core')
    expect(docIdOfDumpFile('group.g.disk-shared.yrs')).toBe('group:g:disk-shared')
    expect(docIdOfDumpFile('notes.txt')).toBeNull()
    expect(insideFolder('/d', 'alice', 'x.yrs')).toBe('/d/alice/x.yrs')
    for (const bad of [['..'], ['..', 'x'], ['a', '..', '..', 'x']])
      expect(labErrorOf(() => insideFolder('/d', ...bad), 'BAD_USAGE').message).toMatch(
        /^--dump \/d: .* would be written outside it$/,
      )
  })
})
