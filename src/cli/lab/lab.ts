/**
 * The lab's main job (`npm start`): a quick conformance of every claim under both profiles, a
 * quick benchmark of the spec's tables, showcase scenario runs and small sweeps; every report
 * written under `reports/` and linked from `reports/index.html`. Progress goes to the log as it
 * goes. Verdicts are data: the job succeeds when everything ran; the index says what held.
 */
import { basename, dirname, join, relative, resolve } from 'node:path'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { judgeRows } from '../../report/benchNoise.ts'
import { renderIndex } from '../../report/indexReport.ts'
import { withNav } from '../../report/shell.ts'
import { renderSweepReport } from '../../report/sweepReport.ts'
import type { IndexEntry, SweepResult } from '../../report/inputs.ts'
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

/**
 * Evaluations a failure's shrinking may take in the lab's conformance: past it the smallest
 * counterexample found so far is kept. Shrinking fully took two thirds of the job's time (40 s
 * for one claim) for stories a few steps shorter; the verdicts do not depend on it.
 */
export const LAB_SHRINK_BUDGET = 60

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
  const phases = new Phases()
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
      shrinkBudget: LAB_SHRINK_BUDGET,
      out: join(o.out, 'found'),
    },
    (l) => log(`    ${l}`),
  )
  const departs = conf.departures.length
  const specFails = conf.claims.filter((c) => c.profiles.spec.verdict === 'fails').map((c) => c.check)
  entries.push({
    title: 'Conformance: the claims table',
    href: 'conformance.html',
    summary:
      `${conf.claims.length} claims under both profiles, ${o.runs} generated runs each; ` +
      (departs === 0
        ? `every verdict as conformance.expected.json expects (the spec's code fails ${specFails.length})`
        : `${departs} verdict(s) depart from conformance.expected.json`),
    verdict: departs === 0 ? 'pass' : 'fail',
    expected: departs === 0,
  })
  phases.end('conformance')
  let bench: BenchOutcome | null = null
  if (o.bench) {
    log("2/4 benchmarks: the spec's tables, quick mode")
    bench = await benchStep(o, log)
    entries.push(bench.entry)
    phases.end('benchmarks')
  } else log('2/4 benchmarks: skipped')
  log('3/4 showcase scenarios')
  const runs: { name: string; profile: string; ok: boolean }[] = []
  for (const [file, profiles, story] of SHOWCASE) {
    for (const profile of profiles) {
      const name = file.replace(/^scenarios\//, '').replace(/\.json$/, '')
      const href = `runs/${name}-${profile}.html`
      const code = await runFiles(
        [file],
        { profile, store: 'memory', html: join(o.out, href), json: join(o.out, `runs/${name}-${profile}.json`) },
        quiet,
      )
      const verdict = code === EXIT.pass ? 'pass' : 'fail'
      // The spec's code breaks every story shown under it; the reference must pass them all.
      const ok = verdict === (profile === 'spec' ? 'fail' : 'pass')
      runs.push({ name, profile, ok })
      log(
        `    ${name} (${profile}): ${verdict}${ok ? (profile === 'spec' ? ', as expected' : '') : ', NOT AS EXPECTED'}`,
      )
      entries.push({ title: `Run: ${name} (${profile})`, href, summary: story, verdict, expected: ok })
    }
  }
  phases.end('showcase')
  log('4/4 sweeps: the prune race over 40 seeds per profile')
  const sweeps: { profile: string; ok: boolean }[] = []
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
    const ok = (code === EXIT.pass) === (profile === 'reference')
    sweeps.push({ profile, ok })
    const found = code === EXIT.pass ? 'no failing seed' : 'failing seeds found'
    log(`    prune-race (${profile}): ${found}${ok ? '' : ', NOT AS EXPECTED'}`)
    entries.push({
      title: `Sweep: prune-race (${profile})`,
      href,
      summary: '40 seeds of the naive-ack prune race',
      verdict: code === EXIT.pass ? 'pass' : 'fail',
      expected: ok,
    })
  }
  await linkSweepSeeds(o.out, 'sweeps/prune-race-spec', 'scenarios/prune-race.json', 'spec')
  const index = join(o.out, 'index.html')
  await writeReport(index, renderIndex(entries))
  linkPages(o.out, o.bench)
  writeFileSync(join(o.out, 'index.json'), `${JSON.stringify(entries, null, 2)}\n`)
  const unexpected = [
    ...runs.filter((r) => !r.ok).map((r) => `${r.name} (${r.profile})`),
    ...sweeps.filter((x) => !x.ok).map((x) => `sweep (${x.profile})`),
  ]
  phases.end('sweeps and index')
  const seconds = ((performance.now() - started) / 1000).toFixed(0)
  log('')
  for (const line of labSummary({ conf, specFails, bench, runs, sweeps, unexpected })) log(line)
  log('')
  log(`time by phase: ${phases.done.join(', ')}`)
  log(`done in ${seconds} s; open the reports: ${pathToFileURL(resolve(index)).href}`)
  return departs === 0 && unexpected.length === 0 ? EXIT.pass : EXIT.fail
}

/**
 * Wall and CPU seconds of each phase, and the process's peak RSS by its end. CPU and RSS count
 * this process and its worker threads (the benchmarks' child processes are not in them): on a
 * loaded machine CPU says what a phase costs where wall time says only how long it waited.
 */
class Phases {
  readonly done: string[] = []
  private wall = performance.now()
  private cpu = process.cpuUsage()

  end(name: string): void {
    const cpu = process.cpuUsage(this.cpu)
    const s = (us: number): string => (us / 1e6).toFixed(0)
    const rss = (process.resourceUsage().maxRSS / 1024 ** 2).toFixed(2)
    this.done.push(
      `${name} ${s((performance.now() - this.wall) * 1000)} s (CPU ${s(cpu.user + cpu.system)} s, peak RSS ${rss} GB)`,
    )
    this.wall = performance.now()
    this.cpu = process.cpuUsage()
  }
}

/** Failing seeds of a sweep that get a run report of their own, linked from the sweep page. */
const SEED_REPORTS = 3

/** Renders the first failing seeds of a sweep the lab wrote as run reports and links them from its page. */
async function linkSweepSeeds(out: string, base: string, file: string, profile: ProfileName): Promise<void> {
  const json = join(out, `${base}.json`)
  const result = JSON.parse(readFileSync(json, 'utf8')) as SweepResult
  for (const f of result.failures.slice(0, SEED_REPORTS)) {
    const href = `${basename(base)}-seed-${f.seed}.html`
    await runFiles([file], { seed: f.seed, profile, store: 'memory', html: join(out, dirname(base), href) }, () => {})
    f.report = href
  }
  await writeReport(join(out, `${base}.html`), renderSweepReport(result))
}

/** Puts a navigation bar on every page under `out`: the index, the conformance and bench pages. */
function linkPages(out: string, bench: boolean): void {
  const pages = (readdirSync(out, { recursive: true }) as string[]).filter((f) => f.endsWith('.html'))
  for (const page of pages) {
    const up = relative(dirname(join(out, page)), out) || '.'
    const to = (target: string) => (up === '.' ? target : `${up}/${target}`).replace(/\\/g, '/')
    const links = [
      { href: to('index.html'), label: '← all reports' },
      { href: to('conformance.html'), label: 'conformance' },
      ...(bench ? [{ href: to('bench.html'), label: 'benchmarks' }] : []),
      { href: to('sweeps/prune-race-spec.html'), label: 'sweep (spec)' },
    ].filter((l) => l.href !== page.replace(/\\/g, '/') && !(page === 'index.html' && l.label.startsWith('←')))
    const path = join(out, page)
    writeFileSync(path, withNav(readFileSync(path, 'utf8'), links))
  }
}

interface SummaryFacts {
  readonly conf: Awaited<ReturnType<typeof conformance>>
  readonly specFails: readonly string[]
  readonly bench: BenchOutcome | null
  readonly runs: readonly { name: string; profile: string; ok: boolean }[]
  readonly sweeps: readonly { profile: string; ok: boolean }[]
  readonly unexpected: readonly string[]
}

/** What the verdicts mean, in a few lines: what was expected, and whether it held. */
export function labSummary(f: SummaryFacts): string[] {
  const departs = f.conf.departures.length
  const refFails = f.conf.claims.filter((c) => c.profiles.reference.verdict !== 'holds').map((c) => c.check)
  const lines = ['What the verdicts mean:']
  lines.push(
    `  conformance  ${f.conf.claims.length} claims of the spec, each a property under both engine profiles.`,
    refFails.length === 0
      ? '               The reference profile (what the spec claims, done right) holds every one.'
      : `               The reference profile does not hold ${refFails.join(', ')}.`,
    `               The spec profile (the spec's own code) fails ${f.specFails.length}: ${f.specFails.join(', ')}.`,
    `               conformance.expected.json expects the spec to fail ${expectedSpec(f.conf).join(', ')}: ` +
      "the spec's flaws the lab exists to show.",
    departs === 0
      ? '               Every verdict matches conformance.expected.json.'
      : `               ${departs} claim(s) depart from conformance.expected.json: ` +
          `${f.conf.departures.join(', ')} (see the report).`,
  )
  if (f.bench) lines.push(`  benchmarks   ${f.bench.summary}`)
  const specRuns = f.runs.filter((r) => r.profile === 'spec').length
  lines.push(
    `  showcase     ${f.runs.length} runs: each story passes under the reference and ${specRuns} fail under the ` +
      `spec, as expected${f.runs.every((r) => r.ok) ? '.' : ' (but not all did: see below).'}`,
    '  sweeps       the prune race over 40 seeds: the reference never prunes early, the spec does' +
      (f.sweeps.every((x) => x.ok) ? '.' : ' (but not as expected: see below).'),
  )
  if (f.unexpected.length > 0) lines.push(`  NOT AS EXPECTED: ${f.unexpected.join(', ')}`)
  return lines
}

const expectedSpec = (conf: SummaryFacts['conf']): string[] =>
  conf.claims.filter((c) => c.expected.spec === 'fails').map((c) => c.check)

interface BenchOutcome {
  readonly entry: IndexEntry
  readonly summary: string
}

async function benchStep(o: LabOptions, log: (line: string) => void): Promise<BenchOutcome> {
  const { progressLine, writeBenchOutputs } = await import('../../../bench/output.ts')
  const { runSuite } = await import('../../../bench/suite.ts')
  const result = await runSuite({ quick: true, onRow: (r, i, n) => log(`    ${progressLine(r, i, n).trimEnd()}`) })
  result.generatedAt = new Date().toISOString()
  await writeBenchOutputs(result, { json: join(o.out, 'bench.json'), html: join(o.out, 'bench.html') })
  const judged = judgeRows(result.rows)
  const count = (v: string) => judged.filter((j) => j === v).length
  const text =
    `${result.rows.length} rows, claimed vs measured vs raw Yjs: ${count('meets')} meet, ${count('misses')} miss, ` +
    `${count('noisy')} too noisy to judge (quick mode: indicative figures)`
  return {
    entry: { title: "Benchmarks: the spec's performance tables", href: 'bench.html', summary: text },
    summary: `${text}; a verdict is the reference profile's against the spec's claim.`,
  }
}
