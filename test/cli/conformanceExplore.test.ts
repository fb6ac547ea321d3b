/** `conformance --explore`'s column from a folder of small scenarios: each claim they stage, per profile. */
import { describe, expect, it } from 'vitest'
import { exploreStagings } from '../../src/cli/explore/conformanceExplore.ts'
import { withExplored } from '../../src/properties/explore/conformanceColumn.ts'
import type { ClaimOutcome } from '../../src/properties/conformance.ts'
import { fixture, ROOT, tempDir } from './crdtLab.ts'

describe('conformance --explore', () => {
  it('explores the folder under both profiles and fills the column of the claims its files stage', async () => {
    const lines: string[] = []
    const dir = `${ROOT}/${fixture('explore')}`
    const runs = await exploreStagings({ workers: 1, out: tempDir() }, (l) => lines.push(l), undefined, dir)
    expect(runs.map((r) => [r.result.scenario, r.result.profile, r.claims])).toEqual([
      ['explore-lww', 'spec', ['convergence', 'lww']],
      ['explore-lww', 'reference', ['convergence', 'lww']],
    ])
    expect(lines[0]).toMatch(/^explore explore-lww +spec +complete, \d+ states, fails lww/)
    const claim = (check: string) => ({ check }) as unknown as ClaimOutcome
    const [lww, access] = withExplored([claim('lww'), claim('access')], runs)
    // 5 steps: the oracle's lww fails alice's retitle for carrying her create's wall-clock stamp (not greater).
    expect(lww!.explored?.spec).toMatchObject({ verdict: 'fails', failure: { scenario: 'explore-lww', depth: 5 } })
    expect(lww!.explored?.reference).toMatchObject({ verdict: 'holds' })
    expect(access!.explored).toBeUndefined()
    // Claims the folder does not stage run nothing.
    expect(await exploreStagings({ workers: 1 }, () => {}, ['access'], dir)).toEqual([])
  })
})
