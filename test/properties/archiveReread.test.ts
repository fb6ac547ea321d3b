/**
 * Archived rows read again from the signed log (engine/fallback/archiveReread.ts), and a rebuild a
 * crash tore redone at load (Authorship.owesRebuild): each case failed before (a fenced or burned
 * write kept in SQL; a replica that loaded its pre-burn state and never converged).
 */
import { describe, expect, it } from 'vitest'
import { loadScenario } from '../../src/sim/scenario/load.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'
import { LIE_CLASSES, swarmPlan, withSwarm } from '../../src/sim/scenario/swarm.ts'
import { Rng } from '../../src/engine/base/providers.ts'
import type { EngineEvent } from '../../src/engine/base/events.ts'

const fixture = (name: string) => loadScenario(new URL(`fixtures/${name}`, import.meta.url).pathname)
const swarm = loadScenario('scenarios/swarm.json')
/** The swarm's seed with both lies drawn (equivocate is not in the default mix). */
const withLies = (seed: number) => withSwarm(swarm, swarmPlan(new Rng(seed).fork('swarm'), swarm, LIE_CLASSES))

/** Runs `scenario` under reference, with the `reread` events every replica emitted. */
function run(scenario: ReturnType<typeof loadScenario>, seed?: number) {
  const rereads: Extract<EngineEvent, { type: 'reread' }>[] = []
  const observer = {
    onEngine: (_w: unknown, _peer: string, e: EngineEvent) => void (e.type === 'reread' && rereads.push(e)),
  }
  const { result } = runAndCheck(scenario, {
    profile: 'reference',
    ...(seed !== undefined ? { seed } : {}),
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
    const { result, rereads } = run(withLies(148), 148)
    expect(rereads.length).toBeGreaterThan(0)
    expect(result.stats.equivocations).toBeGreaterThan(0)
    expect(result.checks.access).toMatchObject({ evaluated: true, holds: true })
    expect(result.verdict).toBe('pass')
  })
})

describe('a rebuild torn by a crash', () => {
  it('is redone when the document loads again (swarm seed 106: carol’s rebuild snapshot torn at t=1772)', () => {
    const { result } = run(withLies(106), 106)
    expect(result.checks.persistence).toMatchObject({ evaluated: true, holds: true })
    expect(result.checks.convergence).toMatchObject({ evaluated: true, holds: true })
    expect(result.verdict).toBe('pass')
  })
})
