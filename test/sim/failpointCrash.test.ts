/**
 * `config.crashAfter`: a peer crashes the first time its SQL fallback passes the failpoint, in the
 * middle of whatever triggered it (an op, a delivery, an anti-entropy round), restarts on its store
 * after `restartAfterMs`, and the run goes on; the restarted replica is not armed again.
 */
import { describe, expect, it } from 'vitest'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'
import { parseScenario } from '../../src/sim/scenario/load.ts'
import { labErrorOf } from './labErrors.ts'
import { chatPastThreshold } from '../properties/fallbackRun.ts'

const faults = (records: readonly { type: string; t: number; data: Record<string, unknown> }[], name: string) =>
  records.filter((r) => r.type === 'fault' && r.data.fault === name)

describe('a crash at a failpoint of the SQL fallback', () => {
  it.each([
    ['alice', 'sql', false],
    ['bob', 'crdt', true],
  ] as const)(
    '%s after the %s step (torn write: %s) crashes once, restarts, and nothing is lost',
    (peer, point, tornWrite) => {
      const { result, run } = runAndCheck(
        chatPastThreshold({ config: { crashAfter: { peer, point, tornWrite, restartAfterMs: 300 } } }),
        { checks: ['persistence', 'noLoss', 'convergence'] },
      )
      const records = run.world.journal.records
      const crashes = faults(records, 'crash')
      expect(crashes).toHaveLength(1)
      expect(crashes[0]!.data).toMatchObject({ peer, failpoint: point, tornWrite })
      const restart = faults(records, 'restart').find((r) => r.data.peer === peer)
      expect(restart && restart.t - crashes[0]!.t).toBe(300)
      expect(result.verdict).toBe('pass')
    },
  )

  it('names a peer of the scenario', () => {
    const e = labErrorOf(
      () =>
        parseScenario(
          {
            peers: ['alice'],
            entities: [{ id: 'group:g', owner: 'alice' }],
            config: { crashAfter: { peer: 'zoe', point: 'sql' } },
          },
          'x.json',
        ),
      'BAD_SCENARIO',
    )
    expect(e.message).toContain('$.config.crashAfter.peer: "zoe" is not a peer')
  })
})
