/**
 * The fuzz harness at a small budget (`crdt-lab fuzz` runs it at any): every kind of input is
 * sent under both profiles and nothing is found. That the harness can find something is shown by
 * the engine defects it found (test/engine/receivePipeline.test.ts) and, here, by a replica that
 * saves what it rejects.
 */
import { describe, expect, it } from 'vitest'
import { runFuzz } from '../../src/properties/fuzz/fuzzRun.ts'
import { INPUT_KINDS } from '../../src/properties/fuzz/fuzzInputs.ts'
import { Replica } from '../../src/engine/replica/replica.ts'

describe('the fuzz harness', () => {
  it('400 inputs per profile: every kind sent, nothing partial, saved-but-rejected, crashed or divergent', () => {
    const r = runFuzz({ inputs: 400, seed: 7, profiles: ['reference', 'spec'] })
    for (const k of INPUT_KINDS) expect(r.byKind[k].sent, k).toBeGreaterThan(0)
    expect(r.byKind['malformed-record'].applied).toBeGreaterThan(0)
    expect(r.byKind.garbage.rejected).toBe(r.byKind.garbage.sent)
    expect(r.findings).toEqual([])
    expect([r.partialApplies, r.savedButRejected, r.crashes, r.divergences, r.restartDiffers]).toEqual([0, 0, 0, 0, 0])
  })

  it('finds a replica that stores an update it then reports rejected', () => {
    const real = Replica.prototype.receive
    Replica.prototype.receive = function (this: Replica, from, docId, bytes) {
      const result = real.call(this, from, docId, bytes)
      return result.status === 'applied' && result.changed
        ? { status: 'rejected', reason: 'internal', error: new Error('planted') as never }
        : result
    }
    try {
      const r = runFuzz({ inputs: 40, seed: 7, profiles: ['reference'] })
      expect(r.savedButRejected).toBeGreaterThan(0)
    } finally {
      Replica.prototype.receive = real
    }
  })
})
