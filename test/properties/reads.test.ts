import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { fingerprint } from '../../src/properties/oracle/reads.ts'
import { parseScenario } from '../../src/sim/scenario/load.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'

describe('fingerprint', () => {
  it('holds binary values (file contents are Uint8Array entries) and tells different bytes apart', () => {
    const doc = (bytes: number[]) => {
      const d = new Y.Doc()
      d.getMap('files').set('/a.bin', new Uint8Array(bytes))
      return d
    }
    expect(fingerprint(doc([1, 2, 3])).json).toBe(fingerprint(doc([1, 2, 3])).json)
    expect(fingerprint(doc([1, 2, 3])).json).not.toBe(fingerprint(doc([1, 2, 4])).json)
  })

  it('lets the oracle judge a run that wrote files on a disk (it threw INTERNAL before)', () => {
    const G = 'group:file-share'
    const scenario = parseScenario(
      {
        name: 'disk-files',
        seed: 2,
        peers: ['alice', 'bob'],
        entities: [{ id: G, owner: 'alice', members: { bob: 'member' } }],
        steps: [
          {
            at: 0,
            peer: 'alice',
            op: 'disk.write',
            entity: G,
            args: { disk: 'shared', path: '/notes.md', content: 'hello' },
          },
          { at: 200, fault: 'crash', peer: 'bob' },
          { at: 400, fault: 'restart', peer: 'bob' },
        ],
        expect: {
          final: [
            { peer: '*', query: 'disk.read', entity: G, args: { disk: 'shared', path: '/notes.md' }, equals: 'hello' },
          ],
        },
      },
      'inline',
    )
    const { result } = runAndCheck(scenario)
    expect(result.checks.convergence).toMatchObject({ evaluated: true, holds: true })
    expect(result.checks.persistence).toMatchObject({ evaluated: true, holds: true })
    expect(result.verdict).toBe('pass')
  })
})
