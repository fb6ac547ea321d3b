/** The explore JSON (one object, or an array for several scenarios) and the HTML report. */
import type { ExploreResult } from '../../properties/explore/explore.ts'
import { renderExploreReport, type ExploreReportInput } from '../../report/exploreReport.ts'
import { writeReport } from '../../report/write.ts'
import { writeFileMakingDirs } from '../files.ts'
import { writingOutput } from '../outputPaths.ts'
import type { Writer } from '../runSummary.ts'

/** A result as JSON: each failure's scenario stays in its file. */
export const exploreJson = (r: ExploreResult): Record<string, unknown> => ({
  ...r,
  failures: r.failures.map(({ scenario: _scenario, flow: _flow, ...f }) => f),
})

/** Writes `--json` and `--html` if asked. */
export async function writeExploreOutputs(
  results: readonly (ExploreResult | ExploreReportInput)[],
  o: { json?: string; html?: string },
  write: Writer,
): Promise<void> {
  if (o.json !== undefined) {
    const all = results as ExploreResult[]
    const json = all.length === 1 ? exploreJson(all[0]!) : all.map(exploreJson)
    await writingOutput('--json', o.json, () => writeFileMakingDirs(o.json!, `${JSON.stringify(json, null, 2)}\n`))
    write(`explore JSON: ${o.json}`)
  }
  if (o.html !== undefined) {
    const html = renderExploreReport(results as ExploreReportInput[])
    await writingOutput('--html', o.html, () => writeReport(o.html!, html))
    write(`explore report: ${o.html}`)
  }
}
