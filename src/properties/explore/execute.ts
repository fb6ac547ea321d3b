/**
 * One schedule, executed from the initial state (stateless search, as CHESS and Shuttle do: no
 * world is ever copied, every state is reached again by replaying its schedule). The world is
 * built and bootstrapped by the run's own code (run.ts) on a scripted network; each choice is the
 * step `crdt-lab run` would take for it (an op step, a fault verb, a `deliver` or `sync` step), all
 * at t=0: virtual time stands still while the schedule runs, so an event's effect does not depend
 * on when it happens, only on what happened before it at its peer.
 *
 * The result is a `Visit`: the state's fingerprint, what the last choice touched, the enabled
 * choices, the state checks' failures, and at a quiet end (every op ran, nothing waits) the
 * verdict of `crdt-lab run` on the schedule written as a scenario file: the same file, the same
 * code, so a failure explore reports replays exactly.
 */
import type { MemberId } from '../../engine/base/ids.ts'
import { beginRun, createWorld, healAndDrain, runSteps, type RunInProgress } from '../../sim/run.ts'
import type { JournalRecord } from '../../sim/journal.ts'
import { runStep } from '../../sim/events.ts'
import type { Scenario } from '../../sim/scenario/model.ts'
import { History } from '../oracle/history.ts'
import { advance, enabledChoices, FAULT_KINDS, peerOf, START, type Choice, type Position } from './choices.ts'
import { fingerprint } from './fingerprint.ts'
import type { ExploreProgram, ExploreSettings } from './program.ts'
import { hashOf } from './replicaState.ts'
import { judgeEnd, judgeState, type Failure } from './judge.ts'

/** What a schedule's last choice touched: a peer's replica (null: every one), and whether it reached further. */
export interface Touch {
  readonly peer: MemberId | null
  /**
   * It touched state every peer shares: the scheduler, the fault budget,
   * or the oracle's view of other replicas (a prune is judged by who else held the deletion).
   */
  readonly global: boolean
}

/** A state of the search, as executing its schedule found it. */
export interface Visit {
  readonly fp: string
  readonly touch: Touch
  readonly enabled: readonly Choice[]
  /** Every op ran and nothing waits: the run would heal and drain here. */
  readonly quiet: boolean
  /** Checks that fail in this state (its failure names, as `crdt-lab run` reports them). */
  readonly failures: readonly Failure[]
  /** At a quiet end: the checks that applied to the run. */
  readonly exercised: readonly string[]
}

/** A schedule's world while it runs, and what the fingerprint needs beside it. */
interface Execution {
  readonly run: RunInProgress
  readonly history: History
  position: Position
  readonly inputs: Map<MemberId, string[]>
  readonly copied: Set<number>
  /** The schedule as scenario steps (what `crdt-lab run` replays). */
  readonly steps: Record<string, unknown>[]
}

/** The scenario a schedule's world is built from: no steps of its own, a scripted network. */
export function scriptedScenario(program: ExploreProgram): Scenario {
  const s = program.scenario
  const network = { ...s.network, drop: 0, duplicate: 0, corrupt: 0, delivery: 'scripted' as const }
  return { ...s, network, steps: [] }
}

/** Executes `path` and looks at the state it reaches. */
export function executePath(program: ExploreProgram, path: readonly Choice[], settings: ExploreSettings): Visit {
  const ex = start(program, settings)
  try {
    const w = ex.run.world
    for (const c of path.slice(0, -1)) apply(program, ex, c)
    let touch: Touch = { peer: null, global: true }
    const last = path.at(-1)
    if (last) {
      const before = { events: w.scheduler.size, prunes: ex.history.prunes.length }
      apply(program, ex, last)
      const reached = w.scheduler.size !== before.events || ex.history.prunes.length !== before.prunes
      touch = { peer: peerOf(last), global: reached || GLOBAL_KINDS.has(last.kind) }
    }
    const { fp, diverged } = fingerprint({
      program,
      world: w,
      history: ex.history,
      position: ex.position,
      inputs: ex.inputs,
      copied: ex.copied,
      opaque: settings.mutant !== undefined,
    })
    const enabled = enabledChoices(program, ex.position, { world: w, maxFaults: settings.maxFaults, diverged })
    const quiet = w.network.waiting.length === 0 && allRan(program, ex.position)
    const failures = judgeState(program, ex.run, ex.history)
    const end = quiet && failures.length === 0 ? judgeEnd(program, ex.steps, settings) : null
    return {
      fp,
      touch,
      enabled,
      quiet,
      failures: [...failures, ...(end?.failures ?? [])],
      exercised: end?.exercised ?? [],
    }
  } finally {
    ex.run.world.dispose()
  }
}

/** The schedule's steps as `crdt-lab run` takes them (for the scenario file of a failure). */
export function scheduleSteps(
  program: ExploreProgram,
  path: readonly Choice[],
  settings: ExploreSettings,
): Record<string, unknown>[] {
  const ex = start(program, settings)
  try {
    for (const c of path) apply(program, ex, c)
    return ex.steps
  } finally {
    ex.run.world.dispose()
  }
}

/**
 * Runs a schedule as `crdt-lab run` runs its scenario file, steps then heal and drain, and keeps
 * the journal: its records, and how many there were before the first step and after each one.
 */
export function replaySchedule(
  program: ExploreProgram,
  path: readonly Choice[],
  settings: ExploreSettings,
): { readonly records: readonly JournalRecord[]; readonly boundaries: readonly number[]; readonly peers: string[] } {
  const ex = start(program, settings)
  const journal = ex.run.world.journal
  try {
    const boundaries = [journal.length]
    for (const c of path) {
      apply(program, ex, c)
      boundaries.push(journal.length)
    }
    if (runSteps(ex.run) === null) healAndDrain(ex.run)
    return { records: [...journal.records], boundaries, peers: [...ex.run.world.peers.keys()] }
  } finally {
    ex.run.world.dispose()
  }
}

/** Choices that change what every peer may do next: a fault (the budget), a sync, a clock jump. */
const GLOBAL_KINDS: ReadonlySet<Choice['kind']> = new Set([...FAULT_KINDS, 'sync', 'jump'])

const allRan = (program: ExploreProgram, p: Position): boolean =>
  p.jumps === program.jumps.length &&
  [...program.programs].every(([peer, ops]) => (p.ops.get(peer) ?? 0) === ops.length)

function start(program: ExploreProgram, settings: ExploreSettings): Execution {
  const history = new History()
  const options = {
    profile: settings.profile,
    observers: [history],
    ...(settings.mutant ? { mutant: settings.mutant } : {}),
  }
  const { world, scenario, seed, profile } = createWorld(scriptedScenario(program), options)
  try {
    const run = beginRun(world, scenario, options, seed, profile)
    const ex: Execution = { run, history, position: START, inputs: new Map(), copied: new Set(), steps: [] }
    for (const skew of program.skews) {
      runStep(world, skew.step, run.steps)
      ex.steps.push(skew.raw)
    }
    return ex
  } catch (e) {
    world.dispose()
    throw e
  }
}

const input = (ex: Execution, peer: MemberId, what: string) =>
  ex.inputs.set(peer, [...(ex.inputs.get(peer) ?? []), what])

/** Takes one choice, as the step `crdt-lab run` takes for it. */
function apply(program: ExploreProgram, ex: Execution, c: Choice): void {
  const { world } = ex.run
  switch (c.kind) {
    case 'op': {
      const op = program.programs.get(c.peer)![c.n]!
      runStep(world, op.step, ex.run.steps)
      ex.steps.push(op.raw)
      input(ex, c.peer, `op${c.n}`)
      break
    }
    case 'jump': {
      const jump = program.jumps[c.n]!
      runStep(world, jump.step, ex.run.steps)
      ex.steps.push(jump.raw)
      for (const peer of program.programs.keys()) input(ex, peer, `jump${c.n}`)
      break
    }
    case 'deliver':
    case 'drop':
    case 'duplicate': {
      const d = world.network.waiting.filter((x) => x.from === c.from && x.to === c.to)[c.k]
      if (!d) throw new Error(`explore: no message ${c.from} -> ${c.to} @${c.k} waits`)
      const fate = c.kind
      const step = { kind: 'deliver', index: -1, at: 0, from: c.from, to: c.to, seq: d.seq, fate } as const
      runStep(world, step, ex.run.steps)
      if (fate === 'duplicate') ex.copied.add(d.id)
      ex.steps.push({ at: 0, deliver: { from: c.from, to: c.to, seq: d.seq, ...(fate === 'deliver' ? {} : { fate }) } })
      input(ex, c.to, `${fate} ${c.from} ${hashOf(d.bytes)}`)
      break
    }
    case 'sync':
      runStep(world, { kind: 'sync', index: -1, at: 0, peer: c.peer }, ex.run.steps)
      ex.steps.push({ at: 0, sync: c.peer })
      input(ex, c.peer, 'sync')
      break
    default:
      runStep(world, { kind: 'fault', index: -1, at: 0, fault: c.kind, peer: c.peer, tornWrite: false }, ex.run.steps)
      ex.steps.push({ at: 0, fault: c.kind, peer: c.peer })
      input(ex, c.peer, c.kind)
  }
  ex.position = advance(ex.position, c)
}
