/**
 * The lab's main job (`npm start`): a quick conformance of every claim under both profiles, a
 * quick benchmark of the spec's tables, showcase scenario runs and small sweeps; every report
 * written under `reports/` and linked from `reports/index.html`. Progress goes to the log as it
 * goes. Verdicts are data: the job succeeds when everything ran; the index says what held.
 */
import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import { renderIndex } from '../../report/indexReport.ts'
import type { IndexEntry } from '../../report/inputs.ts'
import { writeReport } from '../../report/write.ts'
import { conformance } from '../check/conformanceRun.ts'
import { runFiles } from '../runFiles.ts'
import { sweep } from '../sweep/sweep.ts'
import { EXIT, type ExitCode } from '../exit.ts'
import type { ProfileName } from '../../engine/base/enums.ts'

export interface LabOptions {
  readonly out: string
  /** Property runs per claim and profile in the conformance. */
  readonly runs: number
  readonly workers: number
  readonly bench: boolean
}

/** Scenario files shown as single runs, with the profiles to run them under. */
const SHOWCASE: readonly [file: string, profiles: readonly ProfileName[], story: string][] = [
  ['scenarios/prune-race.json', ['reference', 'spec'], 'the naive-ack prune race'],
  ['scenarios/add-remove-race.json', ['reference', 'spec'], 'concurrent add and remove of one member'],
  ['scenarios/card-moves.json', ['reference', 'spec'], 'one card moved to two columns at once'],
  ['scenarios/removed-member-returns.json', ['reference', 'spec'], "a removed member's stale offline edits"],
  ['scenarios/partition-heal.json', ['reference'], 'a partition and its heal'],
  ['scenarios/project-workload.json', ['reference'], 'a project workload under faults'],
]

export async function runLab(o: LabOptions, log: (line: string) => void): Promise<ExitCode> {
  const started = performance.now()
  const entries: IndexEntry[] = []
  const quiet = () => {}
  log(`1/4 conformance: every claim under both profiles (${o.runs} runs each, ${o.workers} workers)`)
  const conf = await conformance(
    {
      runs: o.runs,
      seed: 1,
      workers: o.workers,
      json: join(o.out, 'conformance.json'),
      html: join(o.out, 'conformance.html'),
      expected: 'conformance.expected.json',
      shrink: true,
      out: join(o.out, 'found'),
    },
    (l) => log(`    ${l}`),
  )
  const departs = conf.departures.length
  entries.push({
    title: 'Conformance: the claims table',
    href: 'conformance.html',
    summary:
      `${conf.claims.length} claims under both profiles, ${o.runs} generated runs ` +
      `each; ` +
      `${departs === 0 ? 'every verdict as expected' : `${departs} verdict(s) depart from the expectation`}`,
    verdict: departs === 0 ? 'pass' : 'fail',
  })
  if (o.bench) {
    log("2/4 benchmarks: the spec's tables, quick mode")
    entries.push(await benchStep(o, log))
  } else log('2/4 benchmarks: skipped')
  log('3/4 showcase scenarios')
  for (const [file, profiles, story] of SHOWCASE) {
    for (const profile of profiles) {
      const name = file.replace(/^scenarios\//, '').replace(/\.json$/, '')
      const href = `runs/${name}-${profile}.html`
      const code = await runFiles(
        [file],
        { profile, store: 'memory', html: join(o.out, href), json: join(o.out, `runs/${name}-${profile}.json`) },
        quiet,
      )
      log(`    ${name} (${profile}): ${code === EXIT.pass ? 'pass' : 'fail'}`)
      entries.push({
        title: `Run: ${name} (${profile})`,
        href,
        summary: story,
        verdict: code === EXIT.pass ? 'pass' : 'fail',
      })
    }
  }
  log('4/4 sweeps: the prune race over 40 seeds per profile')
  for (const profile of ['reference', 'spec'] as const) {
    const href = `sweeps/prune-race-${profile}.html`
    const code = await sweep(
      'scenarios/prune-race.json',
      {
        seeds: { from: 1, to: 40 },
        profile,
        workers: o.workers,
        html: join(o.out, href),
        json: join(o.out, `sweeps/prune-race-${profile}.json`),
        progress: false,
      },
      quiet,
    )
    log(`    prune-race (${profile}): ${code === EXIT.pass ? 'no failing seed' : 'failing seeds found'}`)
    entries.push({
      title: `Sweep: prune-race (${profile})`,
      href,
      summary: '40 seeds of the naive-ack prune race',
      verdict: code === EXIT.pass ? 'pass' : 'fail',
    })
  }
  await writeReport(join(o.out, 'index.html'), renderIndex(entries))
  writeFileSync(join(o.out, 'index.json'), `${JSON.stringify(entries, null, 2)}\n`)
  log(`wrote ${join(o.out, 'index.html')} in ${((performance.now() - started) / 1000).toFixed(0)} s`)
  return EXIT.pass
}

async function benchStep(o: LabOptions, log: (line: string) => void): Promise<IndexEntry> {
  const { progressLine, writeBenchOutputs } = await import('../../../bench/output.ts')
  const { runSuite } = await import('../../../bench/suite.ts')
  const result = await runSuite({ quick: true, onRow: (r, i, n) => log(`    ${progressLine(r, i, n).trimEnd()}`) })
  result.generatedAt = new Date().toISOString()
  await writeBenchOutputs(result, { json: join(o.out, 'bench.json'), html: join(o.out, 'bench.html') })
  const misses = result.rows.filter((r) => r.verdict === 'misses').length
  const meets = result.rows.filter((r) => r.verdict === 'meets').length
  return {
    title: "Benchmarks: the spec's performance tables",
    href: 'bench.html',
    summary: `${result.rows.length} rows, claimed vs measured vs raw Yjs: ${meets} meet, ${misses} miss (quick mode)`,
  }
}
