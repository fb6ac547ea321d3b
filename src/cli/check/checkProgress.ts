/**
 * Progress of `check` and `conformance` while a claim's property runs: on a terminal one status
 * line on stderr, rewritten in place (the claim, its runs, then the shrinking of a failure with its
 * budget); elsewhere (CI logs) nothing here, since each claim's result line already marks progress.
 */
import type { ClaimProgress } from '../../properties/claimCheck.ts'

export interface CheckProgress {
  /** A claim under a profile starts (`index` of `count` properties). */
  start(label: string, index: number, count: number): void
  update(p: ClaimProgress): void
  /** Clears the status line before a result line is printed. */
  clear(): void
}

/** The status line for `stream` (stderr by default); silent when it is not a terminal. */
export function checkProgress(stream: NodeJS.WriteStream = process.stderr): CheckProgress {
  if (!stream.isTTY) return { start() {}, update() {}, clear() {} }
  let head = ''
  let shown = false
  const show = (text: string) => {
    const width = (stream.columns ?? 100) - 1
    stream.write(`\r${text.slice(0, width).padEnd(width)}`)
    shown = true
  }
  return {
    start(label, index, count) {
      head = `[${index + 1}/${count}] ${label}`
      show(`${head}: starting`)
    },
    update(p) {
      show(`${head}: ${progressText(p)}`)
    },
    clear() {
      if (!shown) return
      stream.write(`\r${' '.repeat((stream.columns ?? 100) - 1)}\r`)
      shown = false
    },
  }
}

/** `runs 12/30`, or `FAILS, shrinking: 40/60 evaluations (--shrink-budget)`. */
export function progressText(p: ClaimProgress): string {
  if (p.phase === 'runs') return `runs ${Math.min(p.done, p.total)}/${p.total}`
  return p.budget === undefined
    ? `FAILS, shrinking: ${p.done} evaluations (no budget; --shrink-budget N caps it)`
    : `FAILS, shrinking: ${p.done}/${p.budget} evaluations (--shrink-budget)`
}
