/**
 * One check of argument names for every op and query: an argument the registry does not list is
 * refused the same way through the engine's API (INVALID_ARG at `args.<key>`, nothing written) and
 * in a scenario file (BAD_SCENARIO at `$.steps[i].args.<key>` or `$.expect.final[i].args.<key>`),
 * with the same words after the place: `unknown argument "bogus"; expected one of ...`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { OPS, OP_NAMES } from '../../src/engine/ops/registry.ts'
import type { ArgsDef } from '../../src/engine/ops/types.ts'
import { SmallWorld } from '../../src/sim/smallWorld.ts'
import { loadScenario } from '../../src/sim/scenario/load.ts'
import { QUERIES, QUERY_NAMES } from '../../src/sim/scenario/queries.ts'
import { labErrorOf } from './labErrors.ts'

const P = 'project:unknown-args' as const

/** What follows the place in both messages. */
const tail = (def: ArgsDef): string => {
  const names = Object.keys(def.args.shape)
  return `unknown argument "bogus"; expected ${names.length > 0 ? `one of ${names.join(', ')}` : 'no arguments'}`
}

function world() {
  const net = new SmallWorld({ profile: 'reference' })
  net.add('alice')
  net.r('alice').createEntity(P, {})
  return net
}

const state = (net: SmallWorld) =>
  (['core', 'chat', 'kanban', 'issues', 'canvas'] as const).map((c) => [...net.r('alice').stateVector(`${P}:${c}`)])

describe('an unknown argument is refused the same way by every op and query', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crdt-lab-unknown-args-'))

  it('through the engine: INVALID_ARG at args.bogus, before anything is written', () => {
    const net = world()
    const before = state(net)
    for (const op of OP_NAMES) {
      const e = labErrorOf(() => net.r('alice').execute(op, P, { bogus: 1 }), 'INVALID_ARG')
      expect([e.path, e.message], op).toEqual(['args.bogus', `args.bogus: ${op}: ${tail(OPS.get(op)!)}`])
    }
    for (const q of QUERY_NAMES) {
      const e = labErrorOf(() => net.r('alice').query(q, P, { bogus: 1 }), 'INVALID_ARG')
      expect([e.path, e.message], q).toEqual(['args.bogus', `args.bogus: ${q}: ${tail(QUERIES[q])}`])
    }
    expect(state(net)).toEqual(before)
  })

  it('in a scenario file: BAD_SCENARIO naming the file and the JSON path', () => {
    const file = join(dir, 'bogus.json')
    writeFileSync(
      file,
      JSON.stringify({
        peers: ['alice'],
        entities: [{ id: P, owner: 'alice' }],
        steps: OP_NAMES.map((op) => ({ at: 0, peer: 'alice', op, entity: P, args: { bogus: 1 } })),
        expect: {
          final: QUERY_NAMES.map((query) => ({ peer: 'alice', query, entity: P, args: { bogus: 1 }, count: 0 })),
        },
      }),
    )
    const lines = labErrorOf(() => loadScenario(file), 'BAD_SCENARIO').message.split('\n')
    const bogus = lines.filter((l) => l.includes('.args.bogus:'))
    expect(bogus).toEqual([
      ...OP_NAMES.map((op, i) => `${file}: $.steps[${i}].args.bogus: ${tail(OPS.get(op)!)}`),
      ...QUERY_NAMES.map((q, i) => `${file}: $.expect.final[${i}].args.bogus: ${tail(QUERIES[q])}`),
    ])
  })
})
