/**
 * The repository's import rules (docs/architecture.md): no import circle, type imports counted,
 * and imports that point down the layer tables only, in the engine and across the project.
 * checkers.test.ts shows each check failing on fixtures.
 */
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { importGraph, type ImportGraph } from './importGraph.ts'
import {
  describeViolation,
  ENGINE_LAYERS,
  ISOLATED,
  isolationViolations,
  layerViolations,
  PROJECT_LAYERS,
  type LayerTable,
} from './layers.ts'

let repo: ImportGraph

beforeAll(async () => {
  repo = await importGraph(['src', 'bench'], { root: '.', tsConfig: 'tsconfig.json' })
})

describe('import circles (type imports counted)', () => {
  it('src/ and bench/ have none', () => {
    expect(repo.imports.size).toBeGreaterThan(250)
    expect(repo.circles.map((c) => c.join(' > '))).toEqual([])
  })

  it('the engine on its own has none', async () => {
    const engine = await importGraph(['src/engine'], { root: '.', tsConfig: 'tsconfig.json' })
    expect(engine.imports.size).toBeGreaterThan(100)
    expect(engine.circles.map((c) => c.join(' > '))).toEqual([])
  })
})

describe('layers', () => {
  it('every engine import points to its own folder or a lower-ranked one', () => {
    expect(layerViolations(repo, ENGINE_LAYERS, 'src/engine').map(describeViolation)).toEqual([])
  })

  it('every project import points down: cli -> properties, bench -> report, sim -> engine', () => {
    const found = [...layerViolations(repo, PROJECT_LAYERS, 'src'), ...layerViolations(repo, PROJECT_LAYERS, 'bench')]
    expect(found.map(describeViolation)).toEqual([])
  })

  it('the oracle reader imports only Yjs, lib0 and the base value sets, never engine code', () => {
    const files = [...repo.imports.keys()].filter((f) => f.startsWith('src/properties/oracle/reader/'))
    expect(files.length).toBeGreaterThan(10)
    const found = isolationViolations(repo, ISOLATED, (f) => readFileSync(f, 'utf8'))
    expect(found.map(describeViolation)).toEqual([])
  })

  it('every engine folder has a rank', () => {
    const folders = new Set([...repo.imports.keys()].filter((f) => f.startsWith('src/engine/')).map(folderOf))
    expect([...folders].sort()).toEqual(Object.keys(ENGINE_LAYERS).sort())
  })
})

const folderOf = (file: string): string => file.split('/').slice(0, 3).join('/')

/** The rows of the markdown table under `heading` in docs/architecture.md, as folder -> rank. */
function documentedRanks(heading: string, prefix: string): LayerTable {
  const doc = readFileSync('docs/architecture.md', 'utf8')
  const start = doc.indexOf(heading)
  expect(start, `docs/architecture.md has a section ${heading}`).toBeGreaterThanOrEqual(0)
  const table: Record<string, number> = {}
  for (const line of doc.slice(start).split('\n').slice(1)) {
    if (line.startsWith('#')) break
    const m = /^\| (\d+) \| `([a-z/.]+)\/?` \|/.exec(line)
    if (m) table[`${prefix}${m[2]!.replace(/\/$/, '')}`] = Number(m[1])
  }
  return table
}

describe('docs/architecture.md', () => {
  it('shows the engine layer table the check enforces', () => {
    expect(documentedRanks('## The engine', 'src/engine/')).toEqual(ENGINE_LAYERS)
  })

  it('shows the project layer table the check enforces', () => {
    expect(documentedRanks('## The project', '')).toEqual(PROJECT_LAYERS)
  })
})
