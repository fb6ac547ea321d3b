/** Shell command lines the CLI prints so a user can paste them: the replay of a failing seed. */
import type { Profile } from '../sim/scenario/schema.ts'
import type { StoreKind } from '../sim/peer.ts'

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/

/** Quotes `word` for a POSIX shell when it needs it. */
export const shellQuote = (word: string): string => (SAFE.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)

export interface RerunOptions {
  readonly seed: number
  readonly profile?: Profile
  readonly swarm?: boolean
  readonly store?: StoreKind
}

/** `crdt-lab run <file> --seed S [--profile P] [--swarm] [--store fs]`: reruns one seed of a scenario file. */
export function rerunCommandLine(file: string, o: RerunOptions): string {
  const words = ['crdt-lab', 'run', shellQuote(file), '--seed', String(o.seed)]
  if (o.profile) words.push('--profile', o.profile)
  if (o.swarm) words.push('--swarm')
  if (o.store && o.store !== 'memory') words.push('--store', o.store)
  return words.join(' ')
}
