import { describe, expect, it } from 'vitest'
import { checkProgress, progressText } from '../../src/cli/check/checkProgress.ts'
import { checkClaim, type ClaimProgress } from '../../src/properties/claimCheck.ts'

const stream = (isTTY: boolean) => {
  const out: string[] = []
  return { out, s: { isTTY, columns: 80, write: (t: string) => out.push(t) } as unknown as NodeJS.WriteStream }
}

describe('progress of check and conformance', () => {
  it('on a terminal: one status line rewritten in place, cleared before a result line', () => {
    const { out, s } = stream(true)
    const p = checkProgress(s)
    p.start('lww (spec)', 2, 26)
    p.update({ phase: 'runs', done: 12, total: 30 })
    p.update({ phase: 'shrinking', done: 40, budget: 60 })
    p.clear()
    expect(out[1]).toMatch(/^\r\[3\/26\] lww \(spec\): runs 12\/30 +$/)
    expect(out[2]).toContain('[3/26] lww (spec): FAILS, shrinking: 40/60 evaluations (--shrink-budget)')
    expect(out.at(-1)).toMatch(/^\r +\r$/)
  })

  it('elsewhere (CI logs): nothing but the result lines the commands print', () => {
    const { out, s } = stream(false)
    const p = checkProgress(s)
    p.start('lww (spec)', 0, 1)
    p.update({ phase: 'runs', done: 1, total: 2 })
    p.clear()
    expect(out).toEqual([])
  })

  it('a property reports its runs, then the shrinking of its failure within the budget', () => {
    const seen: ClaimProgress[] = []
    const r = checkClaim('lww', {
      profile: 'spec',
      runs: 10,
      seed: 1,
      shrinkBudget: 5,
      onProgress: (p) => seen.push(p),
    })
    expect(r.verdict).toBe('fails')
    expect(seen[0]).toEqual({ phase: 'runs', done: 1, total: 10 })
    const shrinking = seen.filter((p) => p.phase === 'shrinking')
    expect(shrinking.length).toBeGreaterThan(0)
    expect(shrinking.every((p) => p.phase === 'shrinking' && p.budget === 5 && p.done <= 6)).toBe(true)
    expect(progressText({ phase: 'shrinking', done: 3 })).toContain('no budget')
  })
})
