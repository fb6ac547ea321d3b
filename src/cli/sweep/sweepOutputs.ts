/** Writing a sweep's (or merged shards') `--json` and `--html`. */
import { renderSweepReport, writeReport } from '../../report/index.ts'
import { writeFileMakingDirs } from '../files.ts'
import type { Writer } from '../runSummary.ts'
import type { SweepJson } from './sweepJson.ts'

/** Writes `--json` and `--html` of a sweep (or merged shards). */
export async function writeSweepOutputs(
  result: SweepJson,
  o: { json?: string; html?: string },
  write: Writer,
): Promise<void> {
  if (o.json) {
    writeFileMakingDirs(o.json, `${JSON.stringify(result, null, 2)}\n`)
    write(`wrote ${o.json}`)
  }
  if (o.html) {
    await writeReport(o.html, renderSweepReport(result))
    write(`wrote ${o.html}`)
  }
}
