/** Every relative link in the README and docs/ points to a file of the repository. */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../cli/crdtLab.ts'

const PAGES = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((f) => `docs/${f}`)].filter((f) => f.endsWith('.md'))

/** `[text](target)` links that are not URLs or anchors, without their `#anchor`. */
const relativeLinks = (text: string): string[] =>
  [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((t) => !/^[a-z]+:/.test(t) && !t.startsWith('#'))
    .map((t) => t.replace(/#.*$/, ''))

describe('links of the documentation', () => {
  it('docs/ holds the four pages the README points to', () => {
    expect(PAGES).toEqual(
      expect.arrayContaining(['docs/scenario-format.md', 'docs/result-json.md', 'docs/bench-json.md', 'docs/cli.md']),
    )
  })

  for (const page of PAGES) {
    it(`${page}: every relative link resolves`, () => {
      const text = readFileSync(join(ROOT, page), 'utf8')
      const missing = relativeLinks(text).filter((t) => !existsSync(join(ROOT, dirname(page), t)))
      expect(missing).toEqual([])
      // No page sends the reader to files this repository does not have.
      expect(text).not.toMatch(/DESIGN\.md|spec\/communitas-crdt-architecture\.txt/)
    })
  }

  it('the link check sees a broken link', () => {
    expect(relativeLinks('see [x](docs/nowhere.md#a) and [y](https://example.org)')).toEqual(['docs/nowhere.md'])
  })
})

describe('--help', () => {
  it('points only to documentation the package ships', async () => {
    const { crdtLab } = await import('../cli/crdtLab.ts')
    for (const args of [['--help'], ['run', '--help'], ['sweep', '--help'], ['bench', '--help']]) {
      const { stdout } = await crdtLab(...args)
      expect(stdout).not.toContain('DESIGN')
      for (const doc of stdout.match(/docs\/[\w-]+\.md/g) ?? []) expect(existsSync(join(ROOT, doc)), doc).toBe(true)
    }
  })
})
