/**
 * STYLE.md's sizes: a source file holds one idea and stays under 300 lines (src/ and bench/), and
 * no line of code is longer than 120 characters (src/, bench/, test/, bin/, scripts/). The
 * formatter wraps code at 120 but cannot break a string or a comment, so this test does.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const CODE = /\.(ts|js|mjs)$/

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name)
    if (d.isDirectory()) return d.name === 'node_modules' || d.name === 'fixtures' ? [] : files(path)
    return CODE.test(d.name) ? [path] : []
  })
}

const linesOf = (file: string): string[] => readFileSync(file, 'utf8').split('\n')

describe('source sizes', () => {
  it('no file in src/ or bench/ is over 300 lines', () => {
    const long = ['src', 'bench'].flatMap(files).filter((f) => linesOf(f).length - 1 > 300)
    expect(long.map((f) => `${f}: ${linesOf(f).length - 1} lines`)).toEqual([])
  })

  it('no line of code is over 120 characters', () => {
    const long = ['src', 'bench', 'test', 'bin', 'scripts']
      .flatMap(files)
      .flatMap((f) => linesOf(f).flatMap((l, i) => (l.length > 120 ? [`${f}:${i + 1}: ${l.length} characters`] : [])))
    expect(long).toEqual([])
  })
})
