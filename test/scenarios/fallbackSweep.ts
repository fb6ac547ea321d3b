/**
 * The SQL-fallback scenarios (chat, kanban and issues past their thresholds, each with an offline
 * member, a crash at a failpoint in the middle of a move, and a late joiner) over many seeds,
 * under both profiles. Per scenario and profile: runs passing, runs in which sizeThreshold and
 * noLoss were evaluated and held, failures per check, and wall time. The reference must pass
 * every run; the spec is shown for comparison.
 *
 *   npx tsx test/scenarios/fallbackSweep.ts [seeds=100] [first=1]
 */
import { loadScenario } from '../../src/sim/scenario/load.ts'
import { runAndCheck } from '../../src/properties/runAndCheck.ts'

const SCENARIOS = ['chat-archive', 'kanban-archive', 'issues-archive']
const CLAIMS = ['sizeThreshold', 'noLoss', 'convergence'] as const

const seeds = Number(process.argv[2] ?? 100)
const first = Number(process.argv[3] ?? 1)
let referenceFailures = 0
for (const name of SCENARIOS) {
  const scenario = loadScenario(`scenarios/${name}.json`)
  for (const profile of ['reference', 'spec'] as const) {
    const started = performance.now()
    const held: Record<string, number> = Object.fromEntries(CLAIMS.map((c) => [c, 0]))
    const byCheck: Record<string, number> = {}
    const failedSeeds: number[] = []
    for (let seed = first; seed < first + seeds; seed++) {
      const { result } = runAndCheck(scenario, { seed, profile })
      if (result.verdict === 'fail') failedSeeds.push(seed)
      for (const [check, c] of Object.entries(result.checks)) {
        if (c.evaluated && !c.holds) byCheck[check] = (byCheck[check] ?? 0) + 1
        if (c.evaluated && c.holds && check in held) held[check]!++
      }
    }
    const wall = ((performance.now() - started) / 1000).toFixed(1)
    if (profile === 'reference') referenceFailures += failedSeeds.length
    const heldText = CLAIMS.map((c) => `${c} held ${held[c]}/${seeds}`).join(', ')
    console.log(
      `${name} ${profile}: ${seeds - failedSeeds.length}/${seeds} pass; ` +
        `${heldText}; failures by check ` +
        `${JSON.stringify(byCheck)}` +
        `${failedSeeds.length ? `; failing seeds ${failedSeeds.slice(0, 10).join(' ')}` : ''}; ` +
        `${wall} s`,
    )
  }
}
process.exitCode = referenceFailures === 0 ? 0 : 1
