/**
 * The scenario files in `scenarios/`: every file loads and passes under the reference profile. The
 * lab's own (labScenarios.ts) also tell their story (name, long description, seed, reference
 * profile, expectations); those that stage one of the spec's broken claims fail under the spec
 * profile with that claim's check (table below), the others pin their outcome with final queries,
 * so every story can fail. A file a user drops in is held only to being valid and passing.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runAndCheck, type RunResult } from '../../src/properties/runAndCheck.ts'
import { loadScenario } from '../../src/sim/scenario/load.ts'
import type { CheckName } from '../../src/sim/scenario/schema.ts'
import { LAB_SCENARIOS } from './labScenarios.ts'
import { sweepSeeds } from './seedSweep.ts'

const DIR = new URL('../../scenarios/', import.meta.url)
/** Every scenario file, also in subfolders (`explore/…`); `found/` holds counterexamples the lab wrote. */
const FILES = readdirSync(DIR)
  .flatMap((f) =>
    f !== 'found' && statSync(new URL(f, DIR)).isDirectory()
      ? readdirSync(new URL(`${f}/`, DIR)).map((g) => `${f}/${g}`)
      : [f],
  )
  .filter((f) => f.endsWith('.json'))
  .sort()
const load = (file: string) => loadScenario(new URL(file, DIR).pathname)

/**
 * What the spec profile breaks in each scenario that stages a broken claim: checks that must fail,
 * and whether the final queries fail too (the spec orders chat messages by whole-second
 * timestamps, so messages of one second come out in id order).
 */
const SPEC_BREAKS: Readonly<Record<string, { readonly checks: readonly CheckName[]; readonly final?: true }>> = {
  'prune-race': { checks: ['pruneSafety'] },
  'add-remove-race': { checks: ['deletionWins', 'access'], final: true },
  'card-moves': { checks: ['cardOneColumn', 'lww'], final: true },
  'three-peer-lww': { checks: ['lww'], final: true },
  'removed-member-returns': { checks: ['access'], final: true },
  'clock-skew': { checks: ['lww'], final: true },
  'canvas-undo': { checks: ['lww'] },
  // Whole-second stamps tie concurrent moves; the spec prunes before every member holds the deletion.
  'canvas-swarm': { checks: ['lww', 'pruneSafety'] },
  'partition-heal': { checks: ['lww', 'pruneSafety'], final: true },
  'duplicate-reorder': { checks: ['lww'] },
  'project-workload': { checks: ['cardOneColumn', 'lww', 'pruneSafety'] },
  'offline-queue': { checks: [], final: true },
  'crash-restart': { checks: [], final: true },
  'torn-write': { checks: [], final: true },
  // The spec keeps removed entries, and replicas apply removals they never archived (no handoff either).
  'chat-archive': { checks: ['sizeThreshold', 'noLoss'], final: true },
  'kanban-archive': { checks: ['sizeThreshold', 'noLoss'] },
  'issues-archive': { checks: ['sizeThreshold', 'noLoss'], final: true },
  // A lying peer (the spec signs nothing and answers anyone): each attack succeeds.
  'impersonation-post': { checks: ['access'], final: true },
  'impersonation-admin': { checks: ['access'], final: true },
  'impersonation-delete': { checks: ['access'], final: true },
  equivocation: { checks: ['access', 'convergence'], final: true },
  'non-member-read': { checks: ['access'], final: true },
}

/** The fallback stories crash a peer at a failpoint (its only crash): the restart must load what was saved. */
const crashedAtFailpoint = (r: RunResult) =>
  expect(r.checks.persistence).toMatchObject({ evaluated: true, holds: true })

/** What else each story must show in its reference run. */
const STORY: Readonly<Record<string, (r: RunResult) => void>> = {
  'corrupt-messages': (r) => {
    expect(r.stats.corrupted).toBeGreaterThan(5)
    expect(r.stats.rejected).toBeGreaterThan(5)
  },
  'duplicate-reorder': (r) => expect(r.stats.duplicated).toBeGreaterThan(20),
  'prune-race': (r) => expect(r.stats.pruned).toBeGreaterThan(0),
  'canvas-swarm': (r) => expect(r.stats.pruned).toBeGreaterThan(0),
  'crash-restart': (r) => expect(r.checks.persistence).toMatchObject({ evaluated: true, holds: true }),
  'torn-write': (r) => expect(r.checks.persistence).toMatchObject({ evaluated: true, holds: true }),
  'chat-archive': crashedAtFailpoint,
  'kanban-archive': crashedAtFailpoint,
  'issues-archive': crashedAtFailpoint,
  // The reference refuses each attack, and counts each refusal.
  'impersonation-post': (r) => expect(r.stats.forged).toBeGreaterThan(0),
  'impersonation-admin': (r) => expect(r.stats.forged).toBeGreaterThan(0),
  'impersonation-delete': (r) => expect(r.stats.forged).toBeGreaterThan(0),
  equivocation: (r) => expect(r.stats.equivocations).toBeGreaterThan(0),
  'non-member-read': (r) => expect(r.stats.refusedReads).toBeGreaterThan(0),
}

const failedChecks = (r: RunResult): string[] =>
  Object.entries(r.checks)
    .filter(([, c]) => c.evaluated && !c.holds)
    .map(([n]) => n)

describe('scenario files', () => {
  it("the lab's own are at least 15, all there, and the tables name only them", () => {
    expect(LAB_SCENARIOS.length).toBeGreaterThanOrEqual(15)
    expect(FILES.filter((f) => f.startsWith('explore/')).length).toBeGreaterThanOrEqual(6)
    const names = FILES.map((f) => f.replace(/\.json$/, ''))
    for (const name of LAB_SCENARIOS) expect(names).toContain(name)
    const own: readonly string[] = LAB_SCENARIOS
    for (const name of [...Object.keys(SPEC_BREAKS), ...Object.keys(STORY)]) expect(own).toContain(name)
  })

  describe.each(FILES)('%s', (file) => {
    const raw = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Record<string, unknown>
    const scenario = load(file)
    const own = (LAB_SCENARIOS as readonly string[]).includes(file.replace(/\.json$/, ''))

    // A user's file is held only to being valid and passing (below): no story test is registered for it.
    if (own)
      it('loads, and tells its story: schema link, name, description, seed, reference profile, expectations', () => {
        expect(raw.$schema).toBe('../schema/scenario.schema.json')
        expect(scenario.name).toBe(file.replace(/\.json$/, ''))
        expect(scenario.description.length).toBeGreaterThan(100)
        expect(typeof raw.seed).toBe('number')
        expect(raw.profile).toBe('reference')
        expect(raw.expect).toBeDefined()
        // Every scenario can fail: the spec breaks it, or final queries pin what it shows.
        expect(SPEC_BREAKS[scenario.name] !== undefined || scenario.expect.final.length > 0).toBe(true)
      })

    it('passes under the reference profile', () => {
      const { result } = runAndCheck(scenario)
      expect(failedChecks(result)).toEqual([])
      expect(result.final.filter((q) => !q.holds)).toEqual([])
      expect(result.errors).toBeUndefined()
      if (Array.isArray(scenario.expect.checks))
        for (const name of scenario.expect.checks)
          expect(result.checks[name]).toMatchObject({ evaluated: true, holds: true })
      expect(result.verdict).toBe('pass')
      if (own) STORY[scenario.name]?.(result)
    })

    const breaks = own ? SPEC_BREAKS[scenario.name] : undefined
    if (breaks) {
      it(
        `fails under the spec profile: ` +
          `${[...breaks.checks, ...(breaks.final ? ['final queries'] : [])].join(', ')}`,
        () => {
          const { result } = runAndCheck(scenario, { profile: 'spec' })
          expect(result.verdict).toBe('fail')
          expect(failedChecks(result)).toEqual(expect.arrayContaining([...breaks.checks]))
          expect(result.final.some((q) => !q.holds)).toBe(breaks.final === true)
        },
      )
    }
  })
})

describe('sweeps', () => {
  it('prune-race over 20 seeds: the spec prunes early on every seed, the reference never', () => {
    const scenario = load('prune-race.json')
    const spec = sweepSeeds(scenario, { from: 1, to: 20, profile: 'spec' })
    expect(spec.byCheck.pruneSafety).toBe(20)
    const reference = sweepSeeds(scenario, { from: 1, to: 20, profile: 'reference' })
    expect(reference).toEqual({ runs: 20, failedSeeds: [], byCheck: {} })
  })

  it('swarm with --swarm fault mixes, 4 seeds: every applicable claim holds under the reference', () => {
    const s = sweepSeeds(load('swarm.json'), { from: 1, to: 4, profile: 'reference', swarm: true })
    expect(s).toEqual({ runs: 4, failedSeeds: [], byCheck: {} })
  })
})
