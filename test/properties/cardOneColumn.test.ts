/**
 * cardOneColumn judges the right thing: a card's column is its winning move's (by (stamp,
 * replica)), on the board and in the SQL row an archived card was moved to; a column lists no
 * archived card. It fails on an archive row that names another column (a broken engine, staged
 * here with the materialized-rows seam); the spec's board listing a raced card twice is
 * claims.test.ts's.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { MUTANTS, type Mutant } from '../../src/engine/mutants/registry.ts'
import { parseScenario } from '../../src/sim/scenario/load.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'

const P = 'project:roadmap'
const scenario = () =>
  parseScenario(
    {
      name: 'moved-then-archived',
      seed: 3,
      peers: ['alice', 'bob'],
      entities: [{ id: P, owner: 'alice', members: { bob: 'member' } }],
      steps: [
        { at: 0, peer: 'alice', op: 'kanban.addColumn', entity: P, args: { title: 'todo' }, as: 'todo' },
        { at: 10, peer: 'alice', op: 'kanban.addColumn', entity: P, args: { title: 'done' }, as: 'done' },
        { at: 20, peer: 'alice', op: 'kanban.addCard', entity: P, args: { column: '$todo', title: 'ship' }, as: 'c' },
        { at: 200, fault: 'partition', groups: [['alice'], ['bob']] },
        { at: 300, peer: 'alice', op: 'kanban.moveCard', entity: P, args: { card: '$c', column: '$done' } },
        { at: 300, peer: 'bob', op: 'kanban.moveCard', entity: P, args: { card: '$c', column: '$todo' } },
        { at: 600, fault: 'heal' },
        { at: 900, peer: 'alice', op: 'kanban.archiveCard', entity: P, args: { card: '$c' } },
      ],
    },
    'inline',
  )

/** A broken engine whose archived card rows name a column that does not exist. */
const WRONG_ROW: Mutant = {
  name: 'test-archived-row-column',
  description: 'archived card rows name another column',
  kills: ['cardOneColumn'],
  apply: (base) => ({
    profile: base,
    hooks: {
      materializedRows: (rows) =>
        rows.map((r) => (r.kind === 'card' ? { ...r, fields: { ...r.fields, column_id: 'col-nowhere' } } : r)),
    },
  }),
}

describe('cardOneColumn', () => {
  afterEach(() => void (MUTANTS as Map<string, Mutant>).delete(WRONG_ROW.name))

  it('holds under the reference: the raced card ends in its winning move, archived and moved to SQL', () => {
    const run = runAndCheck(scenario())
    expect(run.result.checks.cardOneColumn).toMatchObject({ evaluated: true, holds: true })
    const rows = run.run.world.peer('alice').r.fallback.archive.all('card', P)
    expect(rows.map((r) => r.fields.column_id)).toHaveLength(1)
  })

  it('fails when an archived card in SQL names another column than its winning move', () => {
    ;(MUTANTS as Map<string, Mutant>).set(WRONG_ROW.name, WRONG_ROW)
    const c = runAndCheck(scenario(), { mutant: WRONG_ROW.name }).result.checks.cardOneColumn
    expect(c).toMatchObject({ evaluated: true, holds: false })
    expect((c as { detail: string }).detail).toContain("archived in alice's SQL, names column col-nowhere")
  })
})
