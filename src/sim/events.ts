/**
 * The events of a run and what each does: a message delivered, an anti-entropy round, a step of
 * the scenario (an op with its `$name` references resolved, a fault, a jump of the clock, the start
 * of a random workload, a scripted delivery, a sync), a tick of a random workload, a peer waking
 * or restarting. `runUntil` runs them against the run's event budget; run.ts orders the phases.
 */
import { LabError } from '../engine/base/errors.ts'
import { applyFault } from './faults.ts'
import { refName, type Step } from './scenario/model.ts'
import { jsonPath } from './scenario/problems.ts'
import { deliverScripted } from './scripted.ts'
import { draw } from './workload.ts'
import type { World } from './world.ts'

/** What the steps of one run share: the ids named by `as`, and the file they come from (for errors). */
export interface StepContext {
  readonly bindings: Map<string, string>
  /** The scenario's file (or name), for the errors a step can only raise as it runs. */
  readonly source: string
}

/** The run's event budget ran out: a liveness failure of the run (exit 1), never a lab bug. */
export class BudgetExhausted extends Error {}

/** Runs the world's events up to `until` (fixed, or moving with jumps of the clock), within `budget`. */
export function runUntil(
  world: World,
  until: number | (() => number),
  budget: { left: number },
  steps: StepContext,
): void {
  const after = world.hasAfterEventObservers()
  const bound = typeof until === 'number' ? () => until : until
  const out = world.scheduler.runUntil(
    (s) => (s.peekTime() ?? Infinity) > bound(),
    (e) => {
      dispatch(world, e, steps)
      if (after) world.notifyAfterEvent()
    },
    { maxEvents: budget.left },
  )
  budget.left -= out.events
  if (out.stop === 'maxEvents')
    throw new BudgetExhausted(
      `the event budget ran out at t=${world.now} (a livelock, or a run beyond the lab's limits)`,
    )
}

/** One event of the world's scheduler. */
export type Event = Parameters<Parameters<World['scheduler']['runUntil']>[1]>[0]

/** Does what an event says. */
export function dispatch(world: World, e: Event, steps: StepContext): void {
  switch (e.kind) {
    case 'deliver':
      world.deliver(e.payload)
      return
    case 'antiEntropy':
      world.antiEntropy(e.payload)
      world.scheduler.after(world.antiEntropyMs, 'antiEntropy', e.payload)
      return
    case 'step':
      runStep(world, e.payload, steps)
      return
    case 'tick':
      tick(world, e.payload.step, e.payload.n)
      return
    case 'wake':
      world.wake(e.payload)
      return
    case 'restart':
      world.restart(e.payload)
      return
  }
}

/** Runs one step of the scenario. */
export function runStep(world: World, step: Step, ctx: StepContext): void {
  const bindings = ctx.bindings
  switch (step.kind) {
    case 'op': {
      const args = resolveRefs(step.args as Record<string, unknown>, bindings)
      const rec =
        args === null
          ? world.runOp(step.peer, step.op, step.entity, {}, step.index) // refused: names an id that was never created
          : world.runOp(step.peer, step.op, step.entity, args, step.index)
      if (step.as && rec.outcome?.createdId) bindings.set(step.as, rec.outcome.createdId)
      return
    }
    case 'fault':
      applyFault(world, step)
      return
    case 'advanceDays':
      world.advanceDays(step.days, step.ms)
      return
    case 'random':
      world.scheduler.schedule(world.now, 'tick', { step, n: 0 })
      return
    case 'deliver': {
      const why = deliverScripted(world.network, world.wire, step)
      if (why !== null)
        throw new LabError('BAD_SCENARIO', `at t=${world.now}, ${why}`, {
          path: `${ctx.source}: ${jsonPath(['steps', step.index, 'deliver'])}`,
        })
      return
    }
    case 'sync':
      // The one anti-entropy exchange a scripted run has besides the drain's: journaled, so a trace shows it.
      world.journal.append(world.now, 'sync', { peer: step.peer })
      world.antiEntropy(step.peer)
      return
  }
}

/** Replaces `$name` references (also inside lists and objects); null when a name is unbound. */
export function resolveRefs(
  args: Readonly<Record<string, unknown>>,
  bindings: ReadonlyMap<string, string>,
): Record<string, unknown> | null {
  let unbound = false
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const name = refName(v)
      if (name === null) return v
      const id = bindings.get(name)
      if (id === undefined) unbound = true
      return id ?? v
    }
    if (Array.isArray(v)) return v.map(walk)
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
    return v
  }
  const out = walk(args) as Record<string, unknown>
  return unbound ? null : out
}

function tick(world: World, step: Step & { kind: 'random' }, n: number): void {
  const rng = world.rng.fork(`random:${step.index}:${n}`)
  const peer = world.peer(rng.pick(step.peers))
  if (peer.up) {
    const g = {
      rng,
      replica: peer.r,
      peer: peer.name,
      entity: step.entity,
      peers: [...world.peers.keys()],
      seq: world.stats.ops,
    }
    const drawn = draw(g, step.mix as Record<string, number>)
    if (drawn) world.runOp(peer.name, drawn.op, step.entity, drawn.args, -1)
  }
  const next = world.now + rng.int(step.everyMs[0], step.everyMs[1])
  // `until` is in step time, before any advanceDays: the clock minus what was skipped.
  if (next - world.advancedMs <= step.until) world.scheduler.schedule(next, 'tick', { step, n: n + 1 })
}
