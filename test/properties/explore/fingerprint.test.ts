/**
 * The fingerprint of explore's visited set: every field of the engine objects it reads and of
 * the oracle's history is classified (read, or argued derived in docs/explore.md), so a new field
 * fails here until someone says how the fingerprint treats it; and the fingerprint merges
 * schedules that reach one state and keeps apart those whose futures differ.
 */
import { describe, expect, it } from 'vitest'
import { labelOf, type Choice } from '../../../src/properties/explore/choices.ts'
import { executePath } from '../../../src/properties/explore/execute.ts'
import { HISTORY_FIELDS } from '../../../src/properties/explore/historyState.ts'
import { exploreProgram } from '../../../src/properties/explore/program.ts'
import { MEMORY_FIELDS } from '../../../src/properties/explore/replicaState.ts'
import { History } from '../../../src/properties/oracle/history.ts'
import { runScenario } from '../../../src/sim/run.ts'
import { parseScenario } from '../../../src/sim/scenario/load.ts'

const G = 'group:trio'
const file = {
  name: 'trio',
  seed: 5,
  peers: ['alice', 'bob', 'carol'],
  entities: [{ id: G, owner: 'alice', members: { bob: 'member', carol: 'member' } }],
  network: { reorder: false },
  steps: [
    { at: 0, peer: 'alice', op: 'chat.send', entity: G, args: { content: 'a' } },
    { at: 0, peer: 'bob', op: 'chat.send', entity: G, args: { content: 'b' } },
    { at: 0, peer: 'carol', op: 'canvas.cursor', entity: G, args: { x: 1, y: 2 } },
  ],
}

const fields = (o: object) => Object.keys(o).sort()

describe('fingerprint: every field classified', () => {
  it('the engine objects behind a replica', () => {
    const run = runScenario(parseScenario(file, 'trio.json'))
    const r = run.world.peer('carol').r
    const own = r as unknown as Record<string, object>
    const md = r.docs.loaded()[0]!
    const session = (own.canvas as unknown as { sessions: Map<string, object> }).sessions.values().next().value!
    const objects: Record<string, object> = {
      Replica: r,
      DocumentManager: r.docs,
      ManagedDoc: md,
      Outbox: own.outbox!,
      CanvasSessions: r.canvas,
      CanvasSession: session,
      SimPeer: run.world.peer('carol'),
    }
    for (const [name, o] of Object.entries(objects))
      expect(fields(o), name).toEqual(Object.keys(MEMORY_FIELDS[name]!).sort())
    run.world.dispose()
  })

  it("the oracle's history", () => {
    expect(fields(new History())).toEqual(Object.keys(HISTORY_FIELDS).sort())
  })
})

describe('fingerprint: one state, one print', () => {
  const program = exploreProgram(parseScenario(file, 'trio.json'), file)
  const settings = { profile: 'reference' as const, maxFaults: 0 }
  const op = (peer: string): Choice => ({ kind: 'op', peer, n: 0 })
  const deliver = (from: string, to: string): Choice => ({ kind: 'deliver', from, to, k: 0 })
  const fp = (path: Choice[]) => executePath(program, path, settings).fp

  it('independent events in either order reach one state', () => {
    expect(fp([op('alice'), op('bob')])).toBe(fp([op('bob'), op('alice')]))
    const ab = [op('alice'), op('bob'), deliver('alice', 'carol'), deliver('bob', 'carol')]
    const ba = [op('alice'), op('bob'), deliver('bob', 'carol'), deliver('alice', 'carol')]
    // Two updates reaching carol in either order: the same documents, the same oracle record.
    expect(fp(ab)).toBe(fp(ba))
  })

  it('what an op saw is part of the state: bob writing before or after alice reached him differ', () => {
    const before = fp([op('alice'), op('bob'), deliver('alice', 'bob')])
    const after = fp([op('alice'), deliver('alice', 'bob'), op('bob')])
    expect(before).not.toBe(after)
    expect([op('alice'), deliver('alice', 'bob')].map(labelOf)).toEqual(['alice.op0', 'alice>bob@0'])
  })

  it("a peer's canvas session (a throttled cursor) is part of it", () => {
    expect(fp([op('carol')])).not.toBe(fp([]))
  })
})
