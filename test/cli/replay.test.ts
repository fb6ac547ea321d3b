import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { canonicalJson } from '../../src/sim/canonicalJson.ts'
import { crdtLab, fixture, STACK_FRAME, tempDir } from './crdtLab.ts'

describe('crdt-lab replay of a tampered trace', () => {
  const dir = tempDir()
  const trace = join(dir, 'run.jsonl')
  let lines: string[] = []
  const variant = (name: string, edit: (lines: string[]) => string[]): string => {
    const path = join(dir, name)
    writeFileSync(path, `${edit([...lines]).join('\n')}\n`)
    return path
  }
  /** A variant whose header recipe runs seed 4; with `rehash`, its recipe hash is made to match. */
  const reseeded = (name: string, rehash: boolean): string =>
    variant(name, (l) => {
      const h = JSON.parse(l[0]!)
      h.meta.recipe.seed = 4
      if (rehash) h.meta.recipeHash = createHash('sha256').update(canonicalJson(h.meta.recipe)).digest('hex')
      l[0] = canonicalJson(h)
      return l
    })
  beforeAll(async () => {
    expect((await crdtLab('run', fixture('chat-partition.json'), '--trace', trace)).code).toBe(0)
    lines = readFileSync(trace, 'utf8').trim().split('\n')
  })

  it('an edited record: exit 2, the records no longer hash to the header', async () => {
    const path = variant('edited.jsonl', (l) => {
      const r = JSON.parse(l[3]!)
      r.t += 1
      l[3] = canonicalJson(r)
      return l
    })
    const cli = await crdtLab('replay', path)
    expect(cli.code).toBe(2)
    expect(cli.stderr).toMatch(/edited\.jsonl: \d+ records hash to [0-9a-f]{64}, but the header promises/)
    expect(cli.stderr).not.toMatch(STACK_FRAME)
  })

  it('a truncated or malformed file: exit 2 naming the file and line', async () => {
    expect(
      (
        await crdtLab(
          'replay',
          variant('short.jsonl', (l) => l.slice(0, 5)),
        )
      ).code,
    ).toBe(2)
    const garbled = await crdtLab(
      'replay',
      variant('garbled.jsonl', (l) => [l[0]!, '{"t":', ...l.slice(1)]),
    )
    expect(garbled.code).toBe(2)
    expect(garbled.stderr).toContain('garbled.jsonl:2: not a JSON line')
  })

  it('an edited recipe: exit 2, the header no longer matches its own hash', async () => {
    const cli = await crdtLab('replay', reseeded('recipe.jsonl', false))
    expect(cli.code).toBe(2)
    expect(cli.stderr).toContain('recipe.jsonl:1: $.meta.recipe does not match $.meta.recipeHash')
  })

  it('a consistent trace that the run does not reproduce: exit 1, TRACE_MISMATCH with both hashes', async () => {
    const recorded = JSON.parse(lines[0]!).traceHash as string
    const cli = await crdtLab('replay', reseeded('forged.jsonl', true))
    expect(cli.code).toBe(1)
    expect(cli.stderr).toMatch(
      new RegExp(
        `^TRACE_MISMATCH: .*forged\\.jsonl records trace hash ${recorded}, the ` +
          `replay produced (?!${recorded})[0-9a-f]{64}$`,
        'm',
      ),
    )
    expect(cli.stderr).toMatch(
      /first difference at record \d+ \(line \d+ of the trace\):\n {2}recorded \{.*\n {2}replayed \{/,
    )
  })

  it('a missing trace: exit 2', async () => {
    const cli = await crdtLab('replay', join(dir, 'nothing.jsonl'))
    expect(cli.code).toBe(2)
    expect(cli.stderr).toContain('nothing.jsonl: no such trace file')
  })

  it('a record with t 1e999 or nested 10^5 deep: exit 2 naming the file, line and column (it was exit 3)', async () => {
    const infinite = variant('infinite.jsonl', (l) => {
      l[2] = l[2]!.replace(/"t":\d+/, '"t":1e999')
      return l
    })
    const inf = await crdtLab('replay', infinite)
    expect(inf.code).toBe(2)
    expect(inf.stderr).toMatch(/infinite\.jsonl:3: column \d+: the number 1e999 is too large for a double/)
    const deep = variant('deep.jsonl', (l) => {
      l[2] = l[2]!.replace('"data":{', `"data":{"deep":${'['.repeat(1e5)}${']'.repeat(1e5)},`)
      return l
    })
    const nested = await crdtLab('replay', deep)
    expect(nested.code).toBe(2)
    expect(nested.stderr).toMatch(/deep\.jsonl:3: column \d+: nested deeper than 64 levels/)
    expect(nested.stderr).not.toMatch(STACK_FRAME)
  })

  it('a FIFO or a device as the trace: exit 2 at once', async () => {
    const cli = await crdtLab('replay', '/dev/zero')
    expect(cli.code).toBe(2)
    expect(cli.stderr).toContain('/dev/zero: is a character device, not a regular trace file')
  })
})
