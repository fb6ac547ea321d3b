/**
 * Archived rows read again from the signed log (engine/fallback/archiveReread.ts), and a rebuild a
 * crash tore redone at load (Authorship.owesRebuild): each case failed before (a fenced or burned
 * write kept in SQL; a replica that loaded its pre-burn state and never converged).
 */
import { describe, expect, it } from 'vitest'
import { loadScenario } from '../../src/sim/scenario/load.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'
import type { EngineEvent } from '../../src/engine/base/events.ts'

const fixture = (name: string) => loadScenario(new URL(`fixtures/${name}`, import.meta.url).pathname)
const swarmFile = loadScenario('scenarios/swarm.json')

/** Runs `scenario` under reference (`swarm`: with its seed's fault mix), with every replica's `reread` events. */
function run(scenario: ReturnType<typeof loadScenario>, seed?: number, swarm = false) {
  const rereads: Extract<EngineEvent, { type: 'reread' }>[] = []
  const observer = {
    onEngine: (_w: unknown, _peer: string, e: EngineEvent) => void (e.type === 'reread' && rereads.push(e)),
  }
  const { result } = runAndCheck(scenario, {
    profile: 'reference',
    ...(seed !== undefined ? { seed } : {}),
    swarm,
    observers: [observer],
  })
  return { result, rereads }
}

describe('archived rows read again', () => {
  it('drop a write a later removal fenced (carol retitles a closed issue; a removal that had not seen it)', () => {
    const { result, rereads } = run(fixture('archived-fenced-write.json'))
    expect(rereads.flatMap((e) => e.rewritten).length).toBeGreaterThan(0)
    expect(result.checks.access).toMatchObject({ evaluated: true, holds: true })
    expect(result.verdict).toBe('pass')
  })

  it('drop what an equivocation found after the move burned (swarm seed 148, carol equivocates)', () => {
    const { result, rereads } = run(swarmFile, 148, true)
    expect(rereads.length).toBeGreaterThan(0)
    expect(result.stats.equivocations).toBeGreaterThan(0)
    expect(result.checks.access).toMatchObject({ evaluated: true, holds: true })
    expect(result.verdict).toBe('pass')
  })
})

describe('a rebuild torn by a crash', () => {
  it('is redone when the document loads again (swarm seed 106: carol’s rebuild snapshot torn at t=1772)', () => {
    const { result } = run(swarmFile, 106, true)
    expect(result.checks.persistence).toMatchObject({ evaluated: true, holds: true })
    expect(result.checks.convergence).toMatchObject({ evaluated: true, holds: true })
    expect(result.verdict).toBe('pass')
  })
})
