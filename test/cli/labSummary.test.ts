/**
 * What `npm start` ends with: what the verdicts mean, whether they match conformance.expected.json,
 * and what departs from it, named (the whole job is measured by hand: it takes minutes).
 */
import { describe, expect, it } from 'vitest'
import { labSummary } from '../../src/cli/lab/lab.ts'

type Facts = Parameters<typeof labSummary>[0]
type Verdict = 'holds' | 'fails'

const claim = (check: string, spec: Verdict, expectedSpec: Verdict = spec, reference: Verdict = 'holds') => ({
  check,
  profiles: { spec: { verdict: spec }, reference: { verdict: reference } },
  expected: { spec: expectedSpec, reference: 'holds' },
})

function facts(claims: ReturnType<typeof claim>[], more: Partial<Facts> = {}): Facts {
  const departures = claims
    .filter((c) => c.profiles.spec.verdict !== c.expected.spec || c.profiles.reference.verdict !== 'holds')
    .map((c) => c.check)
  return {
    conf: { claims, departures } as unknown as Facts['conf'],
    specFails: claims.filter((c) => c.profiles.spec.verdict === 'fails').map((c) => c.check),
    bench: null,
    runs: [
      { name: 'card-moves', profile: 'reference', ok: true },
      { name: 'card-moves', profile: 'spec', ok: true },
    ],
    sweeps: [
      { profile: 'reference', ok: true },
      { profile: 'spec', ok: true },
    ],
    unexpected: [],
    ...more,
  }
}

describe("the main job's closing summary", () => {
  it('says the spec fails what conformance.expected.json expects, and that every verdict matches', () => {
    const lines = labSummary(facts([claim('lww', 'fails'), claim('convergence', 'holds')]))
    expect(lines).toContain('               The reference profile (what the spec claims, done right) holds every one.')
    expect(lines).toContain("               The spec profile (the spec's own code) fails 1: lww.")
    expect(lines).toContain(
      "               conformance.expected.json expects the spec to fail lww: the spec's flaws the lab exists to show.",
    )
    expect(lines).toContain('               Every verdict matches conformance.expected.json.')
    expect(lines.some((l) => l.includes('NOT AS EXPECTED'))).toBe(false)
  })

  it('names each claim that departs, a reference failure, and a showcase or sweep that did not go as expected', () => {
    const lines = labSummary(
      facts([claim('lww', 'holds', 'fails'), claim('convergence', 'holds', 'holds', 'fails')], {
        unexpected: ['card-moves (spec)'],
        runs: [{ name: 'card-moves', profile: 'spec', ok: false }],
      }),
    )
    expect(lines).toContain('               The reference profile does not hold convergence.')
    expect(lines).toContain(
      '               2 claim(s) depart from conformance.expected.json: lww, convergence (see the report).',
    )
    expect(lines.find((l) => l.startsWith('  showcase'))).toMatch(/\(but not all did: see below\)\.$/)
    expect(lines.at(-1)).toBe('  NOT AS EXPECTED: card-moves (spec)')
  })
})
