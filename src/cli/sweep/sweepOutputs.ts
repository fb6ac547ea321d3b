/** Writing a sweep's (or merged shards') `--json` and `--html`. */
import { renderSweepReport, writeReport } from '../../report/index.ts'
import { writeFileMakingDirs } from '../files.ts'
import { writingOutput } from '../outputPaths.ts'
import type { Writer } from '../runSummary.ts'
import type { SweepJson } from './sweepJson.ts'

/** Writes `--json` and `--html` of a sweep (or merged shards). */
export async function writeSweepOutputs(
  result: SweepJson,
  o: { json?: string; html?: string },
  write: Writer,
): Promise<void> {
  const { json, html } = o
  if (json) {
    await writingOutput('--json', json, () => writeFileMakingDirs(json, `${JSON.stringify(result, null, 2)}\n`))
    write(`wrote ${json}`)
  }
  if (html) {
    await writingOutput('--html', html, () => writeReport(html, renderSweepReport(result)))
    write(`wrote ${html}`)
  }
}
