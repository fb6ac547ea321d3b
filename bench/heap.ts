/**
 * Heap held by a loaded document, measured in a fresh child process so runs do not pollute each
 * other (a parent that has built dozens of documents has a heap shaped by them).
 *
 * Method: the child (`node --expose-gc --import tsx bench/heapProbe.ts`) imports the module that
 * exports a `HeapSubjectFactory`, lets the subject prepare its input (e.g. the encoded bytes),
 * loads once and drops it (so lazily compiled code is not counted), collects garbage twice, reads
 * `heapUsed + external`, loads the document again and keeps it reachable,
 * collects garbage twice again and reports the growth. Several children give a median.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { LabError } from '../src/engine/base/errors.ts'

/** What a probe measures: `prepare` (untimed, unmeasured) then `load`, whose result is kept. */
export interface HeapSubject {
  prepare?: () => void | Promise<void>
  load: () => unknown
}

/** A module export the probe calls with a JSON argument. */
export type HeapSubjectFactory = (arg: unknown) => HeapSubject | Promise<HeapSubject>

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const PROBE = fileURLToPath(new URL('./heapProbe.ts', import.meta.url))

/**
 * Heap growth (bytes) of loading the subject `exportName` of `moduleUrl` with `arg`, as the
 * median of `children` fresh processes.
 */
export async function heapDeltaInChild(
  moduleUrl: string,
  exportName: string,
  arg: unknown,
  children = 1,
): Promise<number> {
  const deltas: number[] = []
  for (let i = 0; i < children; i++) {
    const { stdout } = await run(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', PROBE, moduleUrl, exportName, JSON.stringify(arg)],
      {
        cwd: ROOT,
        maxBuffer: 1 << 20,
      },
    ).catch((e: unknown) => {
      throw new LabError('INTERNAL', `heap probe ${exportName}(${JSON.stringify(arg)}) failed: ${String(e)}`, {
        cause: e,
      })
    })
    const last = stdout.trim().split('\n').at(-1) ?? ''
    const parsed = JSON.parse(last) as { heapDelta: number }
    deltas.push(parsed.heapDelta)
  }
  deltas.sort((a, b) => a - b)
  return deltas[Math.floor(deltas.length / 2)]!
}
