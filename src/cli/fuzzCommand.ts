/**
 * `crdt-lab fuzz [--inputs N] [--seed N] [--profile P] [--json F]`: generated updates through the
 * receive path of two replicas (src/properties/fuzz): garbage, truncations, bit flips, huge
 * var-ints, and records a member forges. Prints partial applies, saved-but-rejected inputs,
 * crashes, divergences, the slowest input and the peak RSS; exits 1 on any finding.
 */
import { Command, InvalidArgumentError, Option } from 'commander'
import { PROFILE_NAMES, type ProfileName } from '../engine/base/enums.ts'
import { runFuzz, type FuzzReport } from '../properties/fuzz/fuzzRun.ts'
import { EXIT } from './exit.ts'
import { writeFileMakingDirs } from './files.ts'
import { wholeNumber } from './options.ts'
import { checkOutputs, outputsOf } from './outputPaths.ts'

interface FuzzCliOptions {
  readonly inputs: number
  readonly seed: number
  readonly profile?: ProfileName
  readonly json?: string
}

/** Inputs per profile at most (a run of 10^7 takes about a day). */
export const MAX_FUZZ_INPUTS = 10_000_000

const inputCount = (value: string): number => {
  const n = wholeNumber(1)(value)
  if (n > MAX_FUZZ_INPUTS) throw new InvalidArgumentError(`expected at most ${MAX_FUZZ_INPUTS} inputs.`)
  return n
}

export function fuzzCommand(): Command {
  return new Command('fuzz')
    .description('send generated bad updates through the receive path and report what broke')
    .addOption(
      new Option('--inputs <n>', `inputs per profile (at most ${MAX_FUZZ_INPUTS})`)
        .argParser(inputCount)
        .default(10_000),
    )
    .addOption(new Option('--seed <n>', 'seed of the inputs').argParser(wholeNumber(0)).default(1))
    .addOption(new Option('--profile <profile>', 'only this profile (default: both)').choices(PROFILE_NAMES))
    .option('--json <file>', 'write the report as JSON')
    .action((o: FuzzCliOptions) => {
      checkOutputs(outputsOf(o, { json: 'file' }))
      const report = runFuzz({
        inputs: o.inputs,
        seed: o.seed,
        profiles: o.profile ? [o.profile] : PROFILE_NAMES,
        probe: { now: () => performance.now(), rss: () => process.memoryUsage().rss },
        onProgress: (done, total) => {
          if (process.stderr.isTTY) process.stderr.write(`\r${done}/${total} inputs`)
        },
      })
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K')
      for (const line of summary(report)) console.log(line)
      if (o.json) writeFileMakingDirs(o.json, `${JSON.stringify(report, null, 2)}\n`)
      const found =
        report.partialApplies + report.savedButRejected + report.crashes + report.divergences + report.restartDiffers
      process.exitCode = found === 0 ? EXIT.pass : EXIT.fail
    })
}

/** The report as lines of text. */
export function summary(r: FuzzReport): string[] {
  const kinds = Object.entries(r.byKind).map(
    ([k, c]) => `  ${k.padEnd(22)} ${String(c.sent).padStart(8)} sent, ${c.rejected} rejected, ${c.applied} applied`,
  )
  const slowest = r.slowest ? `${r.slowest.ms.toFixed(1)} ms (${r.slowest.kind}: ${r.slowest.detail})` : 'none'
  return [
    `fuzz: ${r.inputs} inputs per profile (${r.profiles.join(', ')}), seed ${r.seed}, ` +
      `${(r.wallMs / 1000).toFixed(1)} s`,
    ...kinds,
    `partial applies ${r.partialApplies} · saved but rejected ${r.savedButRejected} · crashes ${r.crashes} · ` +
      `divergences ${r.divergences} · restart differs ${r.restartDiffers}`,
    `slowest input ${slowest} · peak RSS ${(r.peakRssBytes / 1_048_576).toFixed(0)} MiB`,
    ...r.findings.map((f) => `  ${f.finding} (${f.profile}, input ${f.input}, ${f.kind}: ${f.detail}): ${f.message}`),
  ]
}
