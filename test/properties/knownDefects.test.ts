/**
 * Known defects of the reference profile: shrunk counterexamples to a claim conformance's sampled
 * runs say holds. Each is kept as a test that expects the failure, and listed in the README
 * ("Known defects of the reference"), so a "holds" is never read as more than it is: a fix makes
 * its test fail, and whoever fixes it turns the test into a regression test and drops the entry.
 */
import { describe, expect, it } from 'vitest'
import { loadScenario } from '../../src/sim/scenario/load.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'

const fixture = (name: string) => loadScenario(new URL(`fixtures/${name}`, import.meta.url).pathname)

describe('known defects of the reference', () => {
  it('keeps a write in rows archived before the removal that fences it arrived (access)', () => {
    const { result } = runAndCheck(fixture('archived-fenced-write.json'), { profile: 'reference' })
    expect(result.checks.access).toMatchObject({ evaluated: true, holds: false })
    expect(JSON.stringify(result.checks.access)).toMatch(/archived in bob's SQL, shows carol's fenced write/)
  })
})
