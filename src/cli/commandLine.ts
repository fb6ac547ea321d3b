/**
 * Shell command lines the CLI prints so a user can paste them: reruns, replays, property checks.
 * They start with `npx crdt-lab`, which works wherever the package is installed (a project that
 * depends on it, or this repository), not only inside npm scripts.
 */
import type { Profile } from '../sim/scenario/schema.ts'
import type { StoreKind } from '../sim/peer.ts'

/** How every printed command line starts. */
export const LAB_COMMAND = 'npx crdt-lab'

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/

/** Quotes `word` for a POSIX shell when it needs it. */
export const shellQuote = (word: string): string => (SAFE.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)

const line = (...words: string[]): string => [LAB_COMMAND, ...words].join(' ')

export interface RerunOptions {
  readonly seed: number
  readonly profile?: Profile
  readonly swarm?: boolean
  readonly store?: StoreKind
}

/** `npx crdt-lab run <file> --seed S [--profile P] [--swarm] [--store fs]`: reruns one seed of a scenario file. */
export function rerunCommandLine(file: string, o: RerunOptions): string {
  const words = ['run', shellQuote(file), '--seed', String(o.seed)]
  if (o.profile) words.push('--profile', o.profile)
  if (o.swarm) words.push('--swarm')
  if (o.store && o.store !== 'memory') words.push('--store', o.store)
  return line(...words)
}

/** `npx crdt-lab run <file>`: runs a scenario file with its own seed and profile. */
export const runCommandLine = (file: string): string => line('run', shellQuote(file))

/** `npx crdt-lab replay <trace>`. */
export const replayCommandLine = (trace: string): string => line('replay', shellQuote(trace))

export interface CheckReplay {
  readonly claim: string
  readonly profile: Profile
  readonly runs: number
  readonly seed: number
  readonly path: string
}

/** `npx crdt-lab check --claims C --profile P --runs N --seed S --path X`: replays one counterexample. */
export const checkCommandLine = (c: CheckReplay): string =>
  line(
    'check',
    '--claims',
    c.claim,
    '--profile',
    c.profile,
    '--runs',
    String(c.runs),
    '--seed',
    String(c.seed),
    '--path',
    c.path,
  )
