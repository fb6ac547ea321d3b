/**
 * A sweep result given to `merge`, validated whole before anything is merged: the shape (zod,
 * `SweepJsonSchema`), then what the fields say of each other. `seeds` must describe a set of at
 * most `MAX_SWEEP_SEEDS` seeds and `runs` count exactly its seeds; each failure's seed must be one
 * of them, once; `byCheck` must count the failures' checks. A failure's `replay` is never passed
 * on as it stands: it must read as the rerun command crdt-lab writes (`crdt-lab run FILE --seed
 * S [--profile P] [--swarm] [--store fs]`, S the failure's seed), and the command printed and
 * written is built again from the validated file, seed, profile and swarm setting
 * (`rerunCommandLine`), so no text from the input reaches a user's shell.
 */
import { LabError } from '../../engine/base/errors.ts'
import { jsonPath } from '../../sim/scenario/problems.ts'
import { problemsFromIssues } from '../../sim/scenario/zodProblems.ts'
import { rerunCommandLine } from '../commandLine.ts'
import type { NamedSweep } from './mergeSweeps.ts'
import { describeSeeds, MAX_SWEEP_SEEDS, parseSeedsDescription, setSize, type SeedSet } from './seeds.ts'
import { byCheckOf, SweepJsonSchema, type SweepJson } from './sweepJson.ts'

/** The validated sweep of `file` (its JSON parsed), failures' replay commands rebuilt. */
export function validSweep(file: string, json: unknown): NamedSweep {
  const parsed = SweepJsonSchema.safeParse(json)
  if (!parsed.success) refuse(file, problemsFromIssues(parsed.error.issues, json))
  const sweep = parsed.data as SweepJson
  const problems: { path: string; message: string }[] = []
  const add = (path: PropertyKey[], message: string) => problems.push({ path: jsonPath(path), message })
  const set = sweep.seeds === undefined ? null : seedSet(sweep, add)
  if (sweep.failures.length > sweep.runs)
    add(['failures'], `lists ${sweep.failures.length} failing runs, but $.runs is ${sweep.runs}`)
  const seen = new Map<number, number>()
  const failures = sweep.failures.map((f, i) => {
    if (set && !holds(set, f.seed)) add(['failures', i, 'seed'], `${f.seed} is not one of $.seeds ${sweep.seeds}`)
    if (seen.has(f.seed))
      add(['failures', i, 'seed'], `${f.seed} is listed twice (also at $.failures[${seen.get(f.seed)}])`)
    seen.set(f.seed, i)
    const rerun = rerunOf(f.replay, f.seed, sweep)
    if (typeof rerun !== 'string') add(['failures', i, 'replay'], rerun.problem)
    return { ...f, replay: typeof rerun === 'string' ? rerun : '' }
  })
  if (JSON.stringify(byCheckOf(failures)) !== JSON.stringify(byCheckOf(sweep.failures)) || !sameCounts(sweep))
    add(['byCheck'], `does not count the checks of $.failures (${JSON.stringify(byCheckOf(sweep.failures))})`)
  if (problems.length > 0) refuse(file, problems)
  return { file, sweep: { ...sweep, failures } }
}

function refuse(file: string, problems: readonly { path: string; message: string }[]): never {
  const lines = problems.map((p) => `${file}: ${p.path}: ${p.message}`)
  throw new LabError('INVALID_ARG', `${lines.join('\n')}\n(expected the JSON of \`crdt-lab sweep --json\`)`)
}

function seedSet(sweep: SweepJson, add: (path: PropertyKey[], message: string) => void): SeedSet | null {
  const set = parseSeedsDescription(sweep.seeds!)
  if (set === null) {
    add(
      ['seeds'],
      `expected "A..B" or "A..B shard i/n" with A <= B and 1 <= i <= n, got ${JSON.stringify(sweep.seeds)}`,
    )
    return null
  }
  const size = setSize(set)
  if (size > MAX_SWEEP_SEEDS) {
    add(
      ['seeds'],
      `${describeSeeds(set)} holds ${size} seeds; a sweep runs at most ${MAX_SWEEP_SEEDS.toLocaleString('en-US')}`,
    )
    return null
  }
  if (size !== sweep.runs) add(['runs'], `is ${sweep.runs}, but $.seeds ${describeSeeds(set)} holds ${size} seeds`)
  return set
}

const holds = (set: SeedSet, seed: number): boolean =>
  seed >= set.range.from &&
  seed <= set.range.to &&
  (!set.shard || (seed - set.range.from) % set.shard.count === set.shard.index - 1)

/** byCheck as given equals the counts of the failures' checks (order aside). */
function sameCounts(sweep: SweepJson): boolean {
  const counted = byCheckOf(sweep.failures)
  const given = Object.entries(sweep.byCheck)
  return given.length === Object.keys(counted).length && given.every(([k, n]) => counted[k] === n)
}

/** The rerun command of a failure, rebuilt from the replay's file and the validated fields. */
function rerunOf(replay: string, seed: number, sweep: SweepJson): string | { problem: string } {
  const words = shellWords(replay)
  const bad = {
    problem: `${JSON.stringify(clip(replay))} is not a rerun command of crdt-lab (crdt-lab run FILE --seed ${seed} …)`,
  }
  if (words === null) return bad
  const start = words[0] === 'npx' ? 1 : 0
  if (words[start] !== 'crdt-lab' || words[start + 1] !== 'run' || words[start + 3] !== '--seed') return bad
  const file = words[start + 2]!
  if (words[start + 4] !== String(seed))
    return { problem: `reruns seed ${words[start + 4]}, not the failure's seed ${seed}` }
  const flags = words.slice(start + 5).join(' ')
  const profile = sweep.profile ? `--profile ${sweep.profile}` : ''
  const allowed = [profile, sweep.swarm ? '--swarm' : ''].filter(Boolean).join(' ')
  if (flags !== allowed && flags !== `${allowed} --store fs`.trim()) return bad
  return rerunCommandLine(file, {
    seed,
    ...(sweep.profile ? { profile: sweep.profile } : {}),
    swarm: sweep.swarm ?? false,
    ...(flags.endsWith('--store fs') ? { store: 'fs' as const } : {}),
  })
}

const clip = (text: string): string => (text.length > 80 ? `${text.slice(0, 79)}…` : text)

/**
 * The words of `text` if it is only what `shellQuote` writes: words of safe characters and
 * single-quoted strings (with `'\''` for a quote), separated by single spaces; null otherwise.
 */
export function shellWords(text: string): string[] | null {
  const SAFE = /[A-Za-z0-9_@%+=:,./-]/
  const words: string[] = []
  let word: string | null = null
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === ' ') {
      if (word === null || word === '') return null // leading, trailing or double space
      words.push(word)
      word = ''
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1)
      if (end < 0) return null
      word = (word ?? '') + text.slice(i + 1, end)
      i = end
    } else if (c === '\\' && text[i + 1] === "'") {
      word = `${word ?? ''}'`
      i++
    } else if (SAFE.test(c)) word = (word ?? '') + c
    else return null
  }
  if (word === null || word === '') return null
  words.push(word)
  return words
}
