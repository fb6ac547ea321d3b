/**
 * Table `sim`: the simulator's own cost (simOverhead.ts) as two rows without a claim: deliveries
 * per second through the simulator's machinery (the row's `sim` figure) and through a plain raw
 * Yjs loop (its `rawYjs` figure), then their ratio. No engine profile is involved, so the
 * reference and spec columns stay empty. The ratio row carries the project's target (the
 * simulator issue's: at least 0.8× raw Yjs), judged on the simulator's figure. Both rows quote one
 * measurement (raw and simulated rounds interleaved,
 * best of each), taken when the first of them runs.
 */
import type { RowDef } from '../harness.ts'
import { simOverhead } from './simOverhead.ts'

/** Ops per round and rounds: about a second in quick mode, several in the full run. */
export interface SimBudget {
  readonly ops: number
  readonly rounds: number
}

export const SIM_BUDGET: Readonly<Record<'quick' | 'full', SimBudget>> = {
  quick: { ops: 1000, rounds: 3 },
  full: { ops: 4000, rounds: 5 },
}

/** The project's target for the simulator's throughput over raw Yjs's (the simulator issue). */
export const SIM_TARGET = 0.8

/** Row names of the table. */
export const SIM_ROWS = { rate: 'Chat updates among 5 peers', ratio: 'Simulator ÷ raw Yjs' } as const

/** The `sim` table's rows; `budget` defaults to the mode's (tests pass a tiny one). */
export function simRows(quick: boolean, budget: SimBudget = quick ? SIM_BUDGET.quick : SIM_BUDGET.full): RowDef[] {
  let result: ReturnType<typeof simOverhead> | undefined
  const measured = (): ReturnType<typeof simOverhead> =>
    (result ??= simOverhead(budget.ops, () => performance.now(), budget.rounds))
  const work =
    `5 peers, each op a chat message (a nested Y.Map) written on one peer and applied at the other 4; ` +
    `raw Yjs: a loop of the same encodes and applies, in the order the ` +
    `simulator's network delivers them; simulator: the same updates as ` +
    `checksummed frames through its network ` +
    `(latency 1-20 ms, reordering), event queue and journal with its trace hash; ` +
    `best of ${budget.rounds} interleaved rounds of ${budget.ops} ops`
  return [
    {
      table: 'sim',
      row: SIM_ROWS.rate,
      metric: 'deliveriesPerSec',
      claimed: null,
      unit: '/s',
      note: work,
      measure: { rawYjs: () => measured().raw.perSecond },
      sim: () => measured().sim.perSecond,
    },
    {
      table: 'sim',
      row: SIM_ROWS.ratio,
      metric: 'deliveriesPerSec',
      claimed: SIM_TARGET,
      unit: '×',
      bound: 'atLeast',
      claimText: `≥${SIM_TARGET}× (project target)`,
      note:
        "the simulator's deliveries per second ÷ raw Yjs's, from the row above; the " +
        "target is the project's, not the spec's",
      measure: { rawYjs: () => 1 },
      sim: () => measured().ratio,
    },
  ]
}
