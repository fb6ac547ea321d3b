/**
 * Coverage is read from what runs did, not from what they meant to do: an op counts when it
 * applied, a fault when it happened; a kind no run reached is a gap, listed by conformance.
 */
import { describe, expect, it } from 'vitest'
import { coverageOfRun, CoverageTally, sumCoverage } from '../../src/properties/coverage.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'
import { parseScenario } from '../../src/sim/scenario/load.ts'
import { checkClaim } from '../../src/properties/claimCheck.ts'
import { conformanceOf } from '../../src/properties/conformance.ts'

const G = 'group:cover'

describe('coverage of one run', () => {
  it('counts ops that applied and faults that happened, not ops that were refused', () => {
    const scenario = parseScenario(
      {
        name: 'cover',
        seed: 3,
        profile: 'reference',
        peers: ['alice', 'bob'],
        entities: [{ id: G, owner: 'alice', members: { bob: 'member' } }],
        network: { latencyMs: [1, 80], duplicate: 0.5 },
        steps: [
          { at: 0, peer: 'alice', op: 'chat.send', entity: G, args: { content: 'a' }, as: 'm' },
          { at: 5, peer: 'bob', op: 'chat.send', entity: G, args: { content: 'b' } },
          { at: 10, peer: 'bob', op: 'chat.edit', entity: G, args: { message: '$m', content: 'not his' } },
          { at: 20, fault: 'partition', groups: [['alice'], ['bob']] },
          { at: 60, fault: 'heal' },
        ],
      },
      'cover.json',
    )
    const run = runAndCheck(scenario)
    const cov = coverageOfRun(run.run.world.journal.records)
    expect([...cov.ops]).toEqual(['chat.send'])
    expect(cov.faults.has('partition')).toBe(true)
    expect(cov.faults.has('duplicate')).toBe(true)
    expect(cov.faults.has('crash')).toBe(false)
    const tally = new CoverageTally()
    tally.add(cov)
    tally.add({ ops: new Set(), faults: new Set() })
    const c = tally.result()
    expect(c).toMatchObject({ runs: 2, ops: { 'chat.send': 1, 'chat.edit': 0 }, faults: { partition: 1 } })
    expect(c.gaps.ops).toContain('chat.edit')
    expect(c.gaps.faults).toContain('crash')
  })
})

describe('coverage of a claim', () => {
  it("sums the shares of the workers' runs, and calls an outcome without coverage a gap", () => {
    const share = (op: string, n: number) => {
      const t = new CoverageTally()
      for (let i = 0; i < n; i++) t.add({ ops: new Set([op]), faults: new Set(['loss' as const]) })
      return t.result()
    }
    const sum = sumCoverage([share('chat.send', 2), share('canvas.undo', 3)])
    expect(sum).toMatchObject({ runs: 5, ops: { 'chat.send': 2, 'canvas.undo': 3 }, faults: { loss: 5 } })
    expect(sum.gaps.ops).not.toContain('canvas.undo')
    const bare = { claim: 'lww' as const, verdict: 'holds' as const, runs: 1, evaluated: 1, needed: 1, ms: 0 }
    const table = conformanceOf(
      [
        { ...bare, profile: 'spec' },
        { ...bare, profile: 'reference' },
      ],
      {
        runs: 1,
        seed: 1,
        seeds: 1,
        expected: { version: 2, claims: {} },
      },
    )
    expect(table.coverageGaps).toEqual(['lww (spec) coverage not recorded', 'lww (reference) coverage not recorded'])
  })

  it("pruneSafety's runs reach canvas undo and redo; disk ops, which its plans never draw, are gaps", () => {
    const r = checkClaim('pruneSafety', { profile: 'reference', runs: 6, seed: 1, noShrink: true })
    expect(r.coverage!.runs).toBe(6)
    expect(r.coverage!.ops['canvas.undo']).toBeGreaterThan(0)
    expect(r.coverage!.ops['canvas.redo']).toBeGreaterThan(0)
    expect(r.coverage!.gaps.ops).toContain('disk.write')
    const table = conformanceOf([r, { ...r, profile: 'spec' }], {
      runs: 6,
      seed: 1,
      seeds: 1,
      expected: { version: 2, claims: {} },
    })
    expect(table.coverageGaps[1]).toMatch(
      /^pruneSafety \(reference\) coverage gap, in 6 runs: ops never run: .*disk\.write/,
    )
  })
})
