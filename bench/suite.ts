/**
 * The bench as one call, for `crdt-lab bench` and `tsx bench/run.ts`: every row (raw Yjs and both
 * engine profiles), then the engine-vs-raw rows derived from the sync rows.
 *
 * A quick run hands the scalability, tombstone and engine (B3) tables and the issues memory rows
 * to a second process and runs the rest of the memory and sync tables meanwhile, so the machine's
 * second core halves its wall time
 * (quick figures are indicative; timings there may feel the neighbour). The full run stays in one
 * process, one row at a time, so no timing shares the machine with other bench work.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { LabError } from '../src/engine/base/errors.ts'
import type { BenchResult, BenchRow, BenchTable } from '../src/report/inputs.ts'
import { runBench, rowKey, type RowDef } from './harness.ts'
import { machineInfo } from './machine.ts'
import { engineVsRawRows } from './engine/vsRaw.ts'
import { allRows } from './rows.ts'

/** What to run and how. */
export interface SuiteOptions {
  quick: boolean
  /** Tables to run (all when absent). */
  tables?: readonly BenchTable[]
  /** Use a second process for some tables (default: in quick mode). */
  parallel?: boolean
  /** Called before each row of this process with its position, for progress output. */
  onRow?: (row: RowDef, index: number, total: number) => void
}

/** Tables a quick run measures in the second process. */
export const SECOND_PROCESS_TABLES: readonly BenchTable[] = ['scalability', 'tombstone', 'engine']
/**
 * Memory rows a quick run also measures there: building 1000 issues through both profiles takes
 * about 15 s, and the first process has the full entity sync to build; the split keeps the two
 * processes within a few seconds of each other.
 */
export const SECOND_PROCESS_MEMORY_ROWS: readonly string[] = ['issues (1000 issues)']

/** Whether a quick run measures `r` in the second process. */
export const inSecondProcess = (r: Pick<RowDef, 'table' | 'row'>): boolean =>
  SECOND_PROCESS_TABLES.includes(r.table) || (r.table === 'memory' && SECOND_PROCESS_MEMORY_ROWS.includes(r.row))

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const ENTRY = fileURLToPath(new URL('./secondProcess.ts', import.meta.url))

/**
 * Node options the second process shares with this one: the V8 heap limit (`npm start` sets one, so
 * that garbage is collected before the process grows past the main job's memory budget).
 */
export const sharedNodeOptions = (execArgv: readonly string[]): string[] =>
  execArgv.filter((a) => /^--max-old-space-size=/.test(a))

/** Measures the rows with `keys` in a child process; its progress goes to this process's stderr. */
function runInSecondProcess(quick: boolean, keys: string[]): Promise<BenchRow[]> {
  return new Promise((resolve, reject) => {
    const args = [...sharedNodeOptions(process.execArgv), '--import', 'tsx', ENTRY, JSON.stringify({ quick, keys })]
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d
    })
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new LabError('INTERNAL', `bench second process exited with ${code}`))
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '[]') as BenchRow[])
    })
  })
}

/** Runs the bench and returns the bench JSON (DESIGN §7). */
export async function runSuite(o: SuiteOptions): Promise<BenchResult> {
  const start = performance.now()
  const rows = allRows({ quick: o.quick }).filter((r) => o.tables === undefined || o.tables.includes(r.table))
  const second = (o.parallel ?? o.quick) ? rows.filter(inSecondProcess) : []
  const first = rows.filter((r) => !second.includes(r))
  const pending = second.length > 0 ? runInSecondProcess(o.quick, second.map(rowKey)) : Promise.resolve([])
  const here = await runBench(first, { quick: o.quick, onRow: o.onRow })
  const measured = new Map([...here.rows, ...(await pending)].map((r) => [rowKey(r), r]))
  const out = rows.map((r) => measured.get(rowKey(r))!)
  if (o.tables === undefined || o.tables.includes('engine')) out.push(...engineVsRawRows(out))
  return { machine: machineInfo(), rows: out, quick: o.quick, wallMs: performance.now() - start }
}
