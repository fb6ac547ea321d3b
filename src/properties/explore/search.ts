/**
 * The search: breadth first, so the first schedule that reaches a failure is a shortest one, with
 * a visited set of fingerprints and sleep sets (Godefroid 1996, with state matching), over
 * schedules executed from the initial state (execute.ts) by an `Executor` that may spread them
 * over worker threads.
 *
 * Sleep sets: when a state's choices t1, t2, ... are explored in that order, the state reached by
 * ti carries the earlier tj that are independent of ti (they touch other replicas and nothing the
 * world shares, see `Touch`), and does not take them: ti then tj reaches what tj then ti reached
 * already. Alone, sleep sets prune transitions, never states: every reachable state is still
 * visited, which is why a state check judged at every visited state judges every reachable one.
 * With state matching a state met again with a sleep set that is not a superset of the one it
 * was expanded with is expanded again for the choices that were asleep then and are awake now
 * (and keeps the intersection), so no state is cut off by an earlier visit's sleep set.
 *
 * `states` counts the schedules executed (Stateright's `states`), `uniqueStates` the visited set;
 * `statesWithout` is what the search without sleep sets executes on the same state graph (one
 * schedule per enabled choice of every expanded state), the reduction's baseline.
 */
import { labelOf, type Choice } from './choices.ts'
import type { Touch, Visit } from './execute.ts'
import type { Failure } from './judge.ts'

/** Runs schedules; results in the order of `paths`. */
export type Executor = (paths: readonly (readonly Choice[])[]) => Promise<readonly Visit[]>

export interface SearchOptions {
  /** Stop after executing this many schedules (the search is then not complete). */
  readonly maxStates: number
  /** Expand no state at this depth (the search is then not complete if one had choices left). */
  readonly maxDepth: number
  /** Sleep sets (default on). */
  readonly reduction: boolean
  /** The visited set (default on); off, the search is a tree of every schedule (for counting). */
  readonly dedup: boolean
  /** This machine's part of a split search: `index` from 1 to `count`. */
  readonly shard?: { readonly index: number; readonly count: number }
  /** Called after every level. */
  readonly progress?: (p: SearchProgress) => void
}

export interface SearchProgress {
  readonly depth: number
  readonly states: number
  readonly uniqueStates: number
  readonly frontier: number
}

/** A check's shortest failing schedule. */
export interface FoundFailure extends Failure {
  readonly depth: number
  readonly path: readonly Choice[]
}

export interface SearchResult {
  readonly complete: boolean
  /** Why it is not complete. */
  readonly cut: 'maxStates' | 'maxDepth' | null
  readonly states: number
  readonly uniqueStates: number
  readonly maxDepth: number
  /** Schedules that reached a quiet end (every op ran, nothing waits), counted each time. */
  readonly executions: number
  /** Distinct quiet ends. */
  readonly quietStates: ReadonlySet<string>
  readonly statesWithout: number
  readonly failures: readonly FoundFailure[]
  /** Distinct quiet ends at which each check applied. */
  readonly exercised: ReadonlyMap<string, number>
}

interface Node {
  readonly fp: string
  readonly parent: Node | null
  readonly choice: Choice | null
  readonly depth: number
  sleep: Map<string, Touch>
  readonly enabled: readonly Choice[]
  expanded: boolean
}

interface Expansion {
  readonly node: Node
  /** Only these choices (a state met again with fewer asleep); null: every awake one. */
  readonly only: ReadonlySet<string> | null
}

const independent = (a: Touch, b: Touch): boolean => !a.global && !b.global && a.peer !== null && a.peer !== b.peer

function pathOf(n: Node): Choice[] {
  const out: Choice[] = []
  for (let x: Node | null = n; x?.choice; x = x.parent) out.push(x.choice)
  return out.reverse()
}

/** Runs the search. */
export async function search(execute: Executor, options: SearchOptions): Promise<SearchResult> {
  const s = new Search(options)
  const [root] = await execute([[]])
  let frontier = s.visit(root!, null, null, new Map())
  const shard = options.shard
  let split = shard === undefined || shard.count === 1
  while (frontier.length > 0) {
    if (!split && frontier.length >= shard!.count * SHARD_SPREAD) {
      frontier = frontier.filter((_, i) => i % shard!.count === shard!.index - 1)
      // Every shard explored the levels above; only the first counts them.
      if (shard!.index !== 1) s.forgetCounts()
      split = true
    }
    const jobs = s.jobs(frontier)
    const visits = jobs.length > 0 ? await execute(jobs.map((j) => [...pathOf(j.from.node), j.choice])) : []
    frontier = s.take(jobs.slice(0, visits.length), visits)
    options.progress?.({ depth: s.depth, states: s.states, uniqueStates: s.seen.size, frontier: frontier.length })
  }
  return s.result()
}

/** A split search divides a frontier of at least this many states per shard. */
const SHARD_SPREAD = 4

interface Job {
  readonly from: Expansion
  readonly choice: Choice
}

class Search {
  readonly nodes = new Map<string, Node>()
  /** Distinct fingerprints seen (the visited set's size; a tree search keeps no visited set). */
  readonly seen = new Set<string>()
  states = 1
  depth = 0
  private executions = 0
  private statesWithout = 1
  private cut: SearchResult['cut'] = null
  private readonly quiet = new Set<string>()
  private readonly failures = new Map<string, FoundFailure>()
  private readonly exercised = new Map<string, number>()

  constructor(private readonly options: SearchOptions) {}

  /** The choices to execute from the frontier, within the bounds. */
  jobs(frontier: readonly Expansion[]): Job[] {
    const out: Job[] = []
    for (const e of frontier) {
      const awake = e.node.enabled.filter((c) => {
        const label = labelOf(c)
        return !e.node.sleep.has(label) && (e.only === null || e.only.has(label))
      })
      if (e.node.depth >= this.options.maxDepth) {
        if (awake.length > 0) this.cut ??= 'maxDepth'
        continue
      }
      // Expanded even when every choice is asleep: meeting it again with fewer asleep wakes them.
      e.node.expanded = true
      if (e.only === null) this.statesWithout += e.node.enabled.length
      for (const choice of awake) out.push({ from: e, choice })
    }
    const room = this.options.maxStates - this.states
    if (out.length > room) {
      this.cut = 'maxStates'
      return out.slice(0, Math.max(0, room))
    }
    return out
  }

  /** Takes the visits of `jobs`; returns the next frontier. */
  take(jobs: readonly Job[], visits: readonly Visit[]): Expansion[] {
    const next: Expansion[] = []
    let explored: [string, Touch][] = []
    let from: Expansion | null = null
    jobs.forEach((job, i) => {
      if (job.from !== from) {
        from = job.from
        explored = []
      }
      const v = visits[i]!
      this.states++
      const label = labelOf(job.choice)
      const base = this.options.reduction ? [...job.from.node.sleep, ...explored] : []
      const sleep = new Map(base.filter(([, t]) => independent(v.touch, t)))
      explored.push([label, v.touch])
      next.push(...this.visit(v, job.from.node, job.choice, sleep))
    })
    return next
  }

  /** Records a visit; returns what to expand from it. */
  visit(v: Visit, parent: Node | null, choice: Choice | null, sleep: Map<string, Touch>): Expansion[] {
    const depth = parent ? parent.depth + 1 : 0
    const known = this.options.dedup ? this.nodes.get(v.fp) : undefined
    if (known) return this.revisit(known, sleep)
    const node: Node = { fp: v.fp, parent, choice, depth, sleep, enabled: v.enabled, expanded: false }
    if (this.options.dedup) this.nodes.set(v.fp, node)
    this.seen.add(v.fp)
    this.depth = Math.max(this.depth, depth)
    if (v.quiet) {
      this.executions++
      this.quiet.add(v.fp)
      for (const name of v.exercised) this.exercised.set(name, (this.exercised.get(name) ?? 0) + 1)
    }
    for (const f of v.failures) {
      const had = this.failures.get(f.check)
      if (!had || had.depth > depth) this.failures.set(f.check, { ...f, depth, path: pathOf(node) })
    }
    // A state check that fails fails on every longer schedule: nothing to learn below.
    if (v.failures.some((f) => f.at === 'state')) return []
    return [{ node, only: null }]
  }

  /** A state met again: expand it again only for choices that were asleep and are awake now. */
  private revisit(n: Node, sleep: Map<string, Touch>): Expansion[] {
    const awake = [...n.sleep.keys()].filter((l) => !sleep.has(l))
    if (awake.length === 0) return []
    n.sleep = new Map([...n.sleep].filter(([l]) => sleep.has(l)))
    return n.expanded ? [{ node: n, only: new Set(awake) }] : []
  }

  /** A shard other than the first does not count the levels every shard explored. */
  forgetCounts(): void {
    this.states = 0
    this.statesWithout = 0
    this.executions = 0
  }

  result(): SearchResult {
    return {
      complete: this.cut === null,
      cut: this.cut,
      states: this.states,
      uniqueStates: this.seen.size,
      maxDepth: this.depth,
      executions: this.executions,
      quietStates: this.quiet,
      statesWithout: this.statesWithout,
      failures: [...this.failures.values()].sort((a, b) => a.depth - b.depth || (a.check < b.check ? -1 : 1)),
      exercised: this.exercised,
    }
  }
}
