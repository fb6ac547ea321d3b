import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { LabError } from '../../src/engine/base/errors.ts'
import { parseScenario } from '../../src/sim/scenario/load.ts'
import { looseExample } from './designExample.ts'

type Json = unknown
type Path = (string | number)[]

/** Every path in a JSON tree, the root's children first. */
function pathsOf(value: Json, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return []
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value)
  return keys.flatMap((k) => [[...prefix, k], ...pathsOf((value as Record<string | number, Json>)[k], [...prefix, k])])
}

const parentOf = (root: Json, path: Path): Record<string | number, Json> =>
  path.slice(0, -1).reduce<Json>((v, k) => (v as Record<string | number, Json>)[k], root) as Record<
    string | number,
    Json
  >

/** Values that hit the validator where it is interesting, plus any JSON at all. */
const nasty = fc.oneof(
  fc.constantFrom<Json>(
    -1,
    0,
    1.5,
    1e12,
    null,
    true,
    '',
    'alice',
    'zed',
    'Bad Name',
    '$m1',
    '$',
    '$nope',
    'group:ocean-forest-moon-star',
    'project:p',
    'team:x',
    'chat.send',
    'kanban.addCard',
    'partition',
    '*',
    {},
    [],
    [1, 2],
    [['alice'], ['bob']],
    { 'chat.send': 1 },
  ),
  fc.jsonValue({ maxDepth: 2 }),
)

const mutation = fc.record({
  pick: fc.nat(),
  action: fc.constantFrom('delete', 'replace', 'insert'),
  key: fc.constantFrom(
    'at',
    'op',
    'fault',
    'peer',
    'as',
    'args',
    'random',
    'advanceDays',
    'count',
    'equals',
    'x',
    '$schema',
  ),
  value: nasty,
})

function mutate(root: Json, m: { pick: number; action: string; key: string; value: Json }): void {
  const paths = pathsOf(root)
  if (paths.length === 0) return
  const path = paths[m.pick % paths.length]!
  const parent = parentOf(root, path)
  const last = path[path.length - 1]!
  const target = parent[last]
  // fast-check reuses generated values while shrinking: never let a mutation alias one.
  const value = structuredClone(m.value)
  if (m.action === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1)
    else delete parent[last]
  } else if (m.action === 'insert' && target !== null && typeof target === 'object') {
    if (Array.isArray(target)) target.push(value)
    else (target as Record<string, Json>)[m.key] = value
  } else {
    parent[last] = value
  }
}

describe('scenario validation under random mutation', () => {
  it(
    'any mutation of a valid scenario parses or raises BAD_SCENARIO naming file ' +
      'and path, never anything else (property)',
    () => {
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
          const s = looseExample()
          for (const m of mutations) mutate(s, m)
          try {
            parseScenario(s, 'x.json')
          } catch (e) {
            if (!(e instanceof LabError) || e.code !== 'BAD_SCENARIO') throw e
            for (const line of e.message.split('\n')) expect(line).toMatch(/^x\.json: \$.*: \S/)
          }
        }),
        { numRuns: 1000 },
      )
    },
  )

  it('arbitrary JSON raises BAD_SCENARIO, never anything else (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        try {
          parseScenario(v, 'x.json')
        } catch (e) {
          if (!(e instanceof LabError) || e.code !== 'BAD_SCENARIO') throw e
        }
      }),
      { numRuns: 300 },
    )
  })
})
