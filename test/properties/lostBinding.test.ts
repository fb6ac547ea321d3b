/**
 * A replica whose document holds a client's first structs but whose signed log lost the entry
 * that binds the client (the log and the document are stored apart; a crash kept one, lost the
 * other) defers that client's later entries until the binding entry comes. Anti-entropy answers
 * send each client's binding entry with its later ones (authorship.ts `entriesBeyond`), so the
 * document converges. Shrunk from a conformance failure (noLoss and sizeThreshold, seed 1, path 2):
 * without it the issues document never converged.
 */
import { describe, expect, it } from 'vitest'
import { loadScenario } from '../../src/sim/scenario/load.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'

describe('a client whose binding entry a crash lost', () => {
  it('is bound again by anti-entropy: the document converges and noLoss holds', () => {
    const scenario = loadScenario(new URL('fixtures/lost-binding.json', import.meta.url).pathname)
    const { result } = runAndCheck(scenario, { profile: 'reference' })
    expect(result.checks.convergence).toMatchObject({ holds: true })
    expect(result.checks.noLoss).toMatchObject({ evaluated: true, holds: true })
  })
})
