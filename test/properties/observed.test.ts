/**
 * Facts observed, not announced: the oracle measures each op on the documents (what it wrote, with
 * the stamps the documents give it; what its issuer held before), watches prunes and sizes in
 * document state, rebuilds a torn document's last good state, and reads every replica with its
 * own reader. On the correct engines what it observes is what the engine says of itself, and
 * every read of the engine agrees with the documents.
 */
import { describe, expect, it } from 'vitest'
import { loadScenario, parseScenario } from '../../src/sim/scenario/load.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'
import type { CheckedRun } from '../../src/properties/runAndCheck.ts'

const sorted = <T>(xs: readonly T[]): string => JSON.stringify(xs.map((x) => JSON.stringify(x)).sort())

/** What the engine announced of each op, against what the oracle observed. */
function accounts(run: CheckedRun) {
  const announced = run.history.ops.filter((o) => o.outcome)
  return announced.map((a, i) => {
    const o = run.history.observed[i]!
    const writes = (w: readonly { docId: string; item: string; field: string; value: unknown }[]) =>
      sorted(w.map(({ docId, item, field, value }) => ({ docId, item, field, value })))
    return {
      op: `${a.peer} ${a.op} t=${a.t}`,
      same: {
        effects: sorted(o.outcome.effects) === sorted(a.outcome!.effects) || sorted(o.outcome.effects),
        created: o.outcome.createdId === a.outcome!.createdId || o.outcome.createdId,
        deleted: JSON.stringify(o.outcome.deleted) === JSON.stringify(a.outcome!.deleted ?? []) || o.outcome.deleted,
        writes: writes(o.outcome.writes) === writes(a.outcome!.writes ?? []) || writes(o.outcome.writes),
        membership: o.outcome.membership?.kind === a.outcome!.membership?.kind,
      },
    }
  })
}

describe('observed ops', () => {
  for (const profile of ['reference', 'spec'] as const)
    it(`agree with what the ${profile} engine says of them, op by op (project-workload)`, () => {
      const run = runAndCheck(loadScenario('scenarios/project-workload.json'), { profile })
      expect(run.history.observed.length).toBeGreaterThan(20)
      for (const a of accounts(run))
        expect(a.same, a.op).toEqual({ effects: true, created: true, deleted: true, writes: true, membership: true })
      expect(run.result.checks.convergence).toMatchObject({ evaluated: true, holds: true })
      expect((run.result.checks.convergence as { detail: string }).detail).toContain('every engine read agrees')
    })

  it('keep what an op wrote, with the stamps its documents give it', () => {
    const G = 'group:solo'
    const run = runAndCheck(
      parseScenario(
        {
          name: 'solo-delete',
          seed: 1,
          peers: ['alice'],
          entities: [{ id: G, owner: 'alice', members: {} }],
          steps: [
            { at: 0, peer: 'alice', op: 'chat.send', entity: G, args: { content: 'hi' }, as: 'm' },
            { at: 10, peer: 'alice', op: 'chat.edit', entity: G, args: { message: '$m', content: 'hello' } },
            { at: 20, peer: 'alice', op: 'chat.delete', entity: G, args: { message: '$m' } },
          ],
        },
        'inline',
      ),
    )
    const [send, edit, del] = run.history.observed
    const m = send!.outcome.createdId!
    expect(del!.outcome.deleted).toEqual([[`${G}:chat`, m]])
    expect(run.history.tombstones).toMatchObject([{ peer: 'alice', item: m }])
    // Stamps are the documents' Lamport stamps: the edit, which saw the send, carries a greater one.
    expect(edit!.outcome.writes[0]!.stamp).toBeGreaterThan(send!.outcome.writes[0]!.stamp)
  })
})

describe('a torn write', () => {
  it('is judged by its last good state: every update the document integrated but the last', () => {
    const run = runAndCheck(loadScenario('scenarios/torn-write.json'))
    const crash = run.history.crashes.find((c) => c.torn)!
    expect(crash.torn?.write).toBe('append')
    expect(crash.lastGood).toBeDefined()
    expect(crash.lastGood!.sv).not.toBe(crash.before.get(crash.torn!.docId)!.sv)
    expect(crash.after!.get(crash.torn!.docId)!.sv).toBe(crash.lastGood!.sv)
    expect(run.result.checks.persistence).toMatchObject({ evaluated: true, holds: true })
  })

  it('fails persistence when a restart loads less than the last good state (restart-drops-last)', () => {
    const run = runAndCheck(loadScenario('scenarios/torn-write.json'), { mutant: 'restart-drops-last' })
    expect(run.result.checks.persistence).toMatchObject({ evaluated: true, holds: false })
    expect((run.result.checks.persistence as { detail: string }).detail).toContain('did not load its last good state')
  })
})
