/**
 * Sweep progress on stderr: a bar on a terminal (cli-progress), plain lines at every tenth
 * otherwise (CI logs), so stdout keeps only the summary.
 */
import cliProgress from 'cli-progress'
import type { SeedOutcome } from './outcome.ts'

export interface Progress {
  /** One more seed is done. */
  done(o: SeedOutcome): void
  stop(): void
}

/** A progress display for `total` seeds on `stream`. */
export function sweepProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  return stream.isTTY ? barProgress(total, stream) : lineProgress(total, stream)
}

function barProgress(total: number, stream: NodeJS.WriteStream): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'sweep [{bar}] {value}/{total} seeds | {failing} failing | {eta_formatted} left',
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  )
  let failing = 0
  bar.start(total, 0, { failing })
  return {
    done(o) {
      if (o.failing.length > 0) failing++
      bar.increment(1, { failing })
    },
    stop: () => bar.stop(),
  }
}

function lineProgress(total: number, stream: NodeJS.WriteStream): Progress {
  const started = Date.now()
  let count = 0
  let failing = 0
  let nextTenth = 1
  return {
    done(o) {
      count++
      if (o.failing.length > 0) failing++
      if (count * 10 < nextTenth * total && count < total) return
      while (nextTenth * total <= count * 10) nextTenth++
      stream.write(
        `sweep: ${count}/${total} seeds, ${failing} failing, ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      )
    },
    stop() {},
  }
}
