/**
 * Option values shared by the commands. Parsers throw commander's InvalidArgumentError, so a bad
 * value reads `error: option '--seed <n>' argument 'x' is invalid. …` and exits 2.
 */
import { availableParallelism } from 'node:os'
import { InvalidArgumentError, Option } from 'commander'
import { PROFILES } from '../sim/scenario/schema.ts'

/** A whole number >= `min`. */
export function wholeNumber(min: number): (value: string) => number {
  return (value) => {
    const n = /^\d+$/.test(value) ? Number(value) : NaN
    if (!Number.isSafeInteger(n) || n < min)
      throw new InvalidArgumentError(`expected a whole number${min > 0 ? ` of at least ${min}` : ''}.`)
    return n
  }
}

/** `--seed N`. */
export const seedOption = (): Option =>
  new Option('--seed <n>', "seed of the run (default: the scenario's)").argParser(wholeNumber(0))

/** `--profile spec|reference`. */
export const profileOption = (): Option =>
  new Option('--profile <profile>', "engine profile (default: the scenario's)").choices(PROFILES)

/** `--swarm`. */
export const swarmOption = (): Option =>
  new Option('--swarm', "draw an extra fault mix from each seed (VOPR's swarm testing)")

/** Worker threads per core at most: past a few per core they only add memory (each holds an engine, ~100 MB). */
export const WORKERS_PER_CORE = 4

/** The most worker threads a command may start on this machine. */
export const maxWorkers = (): number => WORKERS_PER_CORE * availableParallelism()

/** `--workers N`: 1 to 4 per core. */
export function workerCount(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN
  const max = maxWorkers()
  if (!Number.isSafeInteger(n) || n < 1 || n > max)
    throw new InvalidArgumentError(
      `expected a whole number from 1 to ${max} (${WORKERS_PER_CORE} per core, ${availableParallelism()} cores here).`,
    )
  return n
}
