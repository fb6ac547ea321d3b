/**
 * Table `sim`, the explorer's rows: `crdt-lab explore` on a small scenario of scenarios/explore,
 * run as a user runs it (a child process, one worker thread, its own JSON read back): the
 * schedules it explores per second (each run from the initial state, each quiet end healed,
 * drained and judged), and the schedules it runs with sleep sets and without them on the same
 * scenario. No raw Yjs baseline: nothing in raw Yjs does this work; the figures are the explorer's.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { LabError } from '../../src/engine/base/errors.ts'
import type { RowDef } from '../harness.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** The scenario each mode explores, and its profile. */
export const EXPLORE_BENCH = {
  quick: { file: 'scenarios/explore/card-moves.json', profile: 'reference' },
  full: { file: 'scenarios/explore/three-peer-lww.json', profile: 'reference' },
} as const

export const EXPLORE_ROWS = {
  rate: 'Explore: schedules per second',
  with: 'Explore: schedules run, with sleep sets',
  without: 'Explore: schedules run, without sleep sets',
} as const

interface Explored {
  readonly states: number
  readonly wallMs: number
  readonly statesWithout: number
}

/** Runs `crdt-lab explore` on `file` and reads its JSON. */
export function exploreOnce(file: string, profile: string, reduction: boolean): Explored {
  const dir = mkdtempSync(join(tmpdir(), 'crdt-lab-bench-explore-'))
  try {
    const json = join(dir, 'explore.json')
    const args = ['bin/crdt-lab.js', 'explore', file, '--profile', profile, '--workers', '1', '--json', json]
    const out = spawnSync(process.execPath, [...args, '--out', dir, ...(reduction ? [] : ['--no-reduction'])], {
      cwd: ROOT,
      encoding: 'utf8',
    })
    if (out.status !== 0 && out.status !== 1)
      throw new LabError('INTERNAL', `crdt-lab explore ${file} exited ${out.status}: ${out.stderr}`)
    const r = JSON.parse(readFileSync(json, 'utf8')) as { states: number; wallMs: number; reduction: Explored }
    return { states: r.states, wallMs: r.wallMs, statesWithout: r.reduction.statesWithout }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The explorer's rows of table `sim` (`scenario` defaults to the mode's). */
export function exploreRows(quick: boolean, scenario = quick ? EXPLORE_BENCH.quick : EXPLORE_BENCH.full): RowDef[] {
  let withSleep: Explored | undefined
  let without: Explored | undefined
  const reduced = () => (withSleep ??= exploreOnce(scenario.file, scenario.profile, true))
  const plain = () => (without ??= exploreOnce(scenario.file, scenario.profile, false))
  const work = `crdt-lab explore ${scenario.file} --profile ${scenario.profile}, one worker thread`
  const row = (name: string, metric: RowDef['metric'], unit: string, note: string, sim: () => number): RowDef => ({
    table: 'sim',
    row: name,
    metric,
    claimed: null,
    unit,
    note: `${work}: ${note}`,
    measure: {},
    sim,
  })
  return [
    row(EXPLORE_ROWS.rate, 'statesPerSec', '/s', 'schedules run from the initial state, per second', () => {
      const r = reduced()
      return (1000 * r.states) / Math.max(1, r.wallMs)
    }),
    row(EXPLORE_ROWS.with, 'states', '', 'schedules run with sleep sets', () => reduced().states),
    row(
      EXPLORE_ROWS.without,
      'states',
      '',
      'schedules run without them, the same states and ends (what the run with them counts as `statesWithout`)',
      () => plain().states,
    ),
  ]
}
