/** The signature rows at a tiny size: real sealed updates, envelope bytes, and the timed tasks run (not timed here). */
import { describe, expect, it } from 'vitest'
import { runRow, type TimedTask } from '../../bench/harness.ts'
import { SIGNATURE_ROWS, sentChatMessages, signatureRows } from '../../bench/engine/signatureRows.ts'
import { SIGNATURE_BYTES } from '../../src/engine/authorship/signatures.ts'

describe('signature rows', () => {
  it("take each chat message as alice's outbox sealed it: signed under the reference, bare under the spec", () => {
    const ref = sentChatMessages('reference', 4)
    const spec = sentChatMessages('spec', 4)
    expect([ref.length, spec.length]).toEqual([4, 4])
    for (const s of ref) {
      expect(s.signed).toMatchObject({ signer: 'alice' })
      expect(s.signed!.signature.length).toBe(SIGNATURE_BYTES)
    }
    for (const s of spec) expect(s.signed).toBeUndefined()
  })

  it('measure the envelope: the signature and signer beside the update, the spec a few bytes', async () => {
    const rows = signatureRows(4)
    const wire = await runRow(rows.find((r) => r.row === SIGNATURE_ROWS.wire)!, { quick: true })
    const envelope = await runRow(rows.find((r) => r.row === SIGNATURE_ROWS.envelope)!, { quick: true })
    expect(envelope.measured.reference).toBeGreaterThan(SIGNATURE_BYTES + 'alice'.length)
    expect(envelope.measured.reference).toBeLessThan(SIGNATURE_BYTES + 40)
    expect(envelope.measured.spec).toBeLessThan(8)
    expect(envelope.rawYjs).toBeNull()
    expect(wire.measured.reference).toBeCloseTo(wire.rawYjs! + envelope.measured.reference!, 6)
    for (const r of [wire, envelope]) expect(r.verdict).toBe('n/a')
  })

  it('have timed tasks that sign, verify and integrate every update without throwing', async () => {
    for (const row of signatureRows(4).filter((r) => r.metric === 'cpuMs')) {
      expect(row.measure.spec).toBeUndefined()
      for (const m of Object.values(row.measure)) {
        const task = m as TimedTask
        const state = await task.setup?.()
        for (let i = 0; i < 9; i++) task.fn(state) // past the end of the 4 updates: a fresh document
      }
    }
  })
})
