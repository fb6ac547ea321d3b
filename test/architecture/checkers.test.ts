/**
 * The architecture checks can fail: run on small fixtures, the circle check finds a circle made
 * of type imports only, and the layer check names every file and import that breaks its table.
 */
import { describe, expect, it } from 'vitest'
import { importGraph } from './importGraph.ts'
import { readFileSync } from 'node:fs'
import { describeViolation, isolationViolations, layerViolations, packagesOf, type LayerTable } from './layers.ts'

const FIXTURES = 'test/architecture/fixtures'
const TS_CONFIG = '../../../../tsconfig.json'

describe('the circle check', () => {
  it('finds a circle of type imports, and only the files on it', async () => {
    const g = await importGraph(['.'], { root: `${FIXTURES}/circle`, tsConfig: TS_CONFIG })
    expect(g.imports.get('free.ts')).toEqual(['order.ts'])
    expect(g.circles.map((c) => [...c].sort())).toEqual([['line.ts', 'order.ts']])
  })

  it('finds none where every arrow points down', async () => {
    const g = await importGraph(['low', 'high'], { root: `${FIXTURES}/layered`, tsConfig: TS_CONFIG })
    expect(g.circles).toEqual([])
  })
})

describe('the layer check', () => {
  const TABLE: LayerTable = { low: 0, side: 0, high: 1 }

  it('names the file and the import of an arrow up, of a sibling import and of an unranked folder', async () => {
    const g = await importGraph(['.'], { root: `${FIXTURES}/layered`, tsConfig: TS_CONFIG })
    const found = layerViolations(g, TABLE).map(describeViolation).sort()
    expect(found).toEqual([
      'loose/unranked.ts is in no folder of the layer table',
      'low/upward.ts imports high/top.ts: low (rank 0) imports high (rank 1), above it',
      'side/sibling.ts imports low/base.ts: side imports its sibling low (both rank 0)',
    ])
  })

  it('passes imports down and within a folder', async () => {
    const g = await importGraph(['high', 'low/base.ts'], { root: `${FIXTURES}/layered`, tsConfig: TS_CONFIG })
    expect(layerViolations(g, TABLE)).toEqual([])
  })

  it('looks only at files under its scope', async () => {
    const g = await importGraph(['.'], { root: `${FIXTURES}/layered`, tsConfig: TS_CONFIG })
    expect(layerViolations(g, TABLE, 'high')).toEqual([])
    expect(layerViolations(g, TABLE, 'low').map((v) => v.file)).toEqual(['low/upward.ts'])
  })
})

describe('the isolation check (the oracle reader imports no engine code)', () => {
  const RULES = { reader: { files: ['engine/values.ts'], packages: ['yjs'] } }
  const root = `${FIXTURES}/isolated`

  it('names an import of engine code and of an unlisted package, and passes what the rule lists', async () => {
    const g = await importGraph(['reader'], { root, tsConfig: TS_CONFIG })
    const found = isolationViolations(g, RULES, (f) => readFileSync(`${root}/${f}`, 'utf8')).map(describeViolation)
    expect(found.sort()).toEqual([
      'reader/bad.ts imports engine/reads.ts: reader may import only its own files and engine/values.ts',
      'reader/bad.ts imports node:fs: reader may import only the packages yjs',
    ])
  })

  it('reads package names from import and export lines', () => {
    expect(
      packagesOf("import * as Y from 'yjs'\nimport { x } from 'lib0/encoding'\nexport { y } from '@a/b/c'\n"),
    ).toEqual(['@a/b', 'lib0', 'yjs'])
  })
})
