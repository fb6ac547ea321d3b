/**
 * One run of a scenario in a world, in phases as Maelstrom runs a test:
 *   bootstrap (every entity created by its owner and copied to every peer before step 0)
 *   -> steps (ops, faults, random workloads, anti-entropy every `antiEntropyMs`)
 *   -> heal (every fault undone: partitions healed, holds released, crashed peers restarted,
 *      offline peers back online)
 *   -> drain (anti-entropy rounds until every replica holds the same documents and nothing is in
 *      flight; a bound on rounds and events turns a livelock into a liveness failure, never a hang)
 * Checks are not here: the oracle observes the world (src/properties).
 */
import { Rng } from '../engine/base/providers.ts'
import type { MemberId } from '../engine/base/ids.ts'
import { encodeSyncMessage } from '../engine/sync/messages.ts'
import { divergence } from './divergence.ts'
import type { Scenario } from './scenario/model.ts'
import type { Profile } from './scenario/schema.ts'
import { swarmPlan, withSwarm } from './scenario/swarm.ts'
import { BudgetExhausted, dispatch, runUntil, type StepContext } from './events.ts'
import { registerDomainGenerators } from './domainWorkload.ts'
import { World, type WorldObserver } from './world.ts'
import type { StoreKind } from './peer.ts'

registerDomainGenerators()

export interface RunOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number
  readonly profile?: Profile
  readonly store?: StoreKind
  /** Draw an extra fault mix from the seed (VOPR's swarm testing). */
  readonly swarm?: boolean
  readonly observers?: readonly WorldObserver[]
  /** Event budget for the whole run (default 2,000,000). */
  readonly maxEvents?: number
  /** Anti-entropy rounds the drain may take before it is a liveness failure (default 40). */
  readonly maxDrainRounds?: number
  /** A deliberately broken engine, for mutation testing of the lab itself (hidden option). */
  readonly mutant?: string
}

export interface Liveness {
  readonly converged: boolean
  /** The event budget ran out (a livelock, or a run too big): a liveness failure, not a lab bug. */
  readonly exhausted?: boolean
  /** Anti-entropy rounds the drain took. */
  readonly rounds: number
  readonly detail: string
}

export interface SimRun {
  readonly world: World
  readonly scenario: Scenario
  readonly seed: number
  readonly profile: Profile
  readonly bindings: ReadonlyMap<string, string>
  readonly liveness: Liveness
  /** Virtual time when the steps phase ended and the heal began. */
  readonly healedAt: number
}

/**
 * The seed and profile of a run: the options' when given, else the scenario's (whose own default
 * the scenario format sets). The one place a run's seed is resolved; its root generator is made
 * from it once, in `runScenario`.
 */
export function runSettings(
  scenario: Scenario,
  options: Pick<RunOptions, 'seed' | 'profile'>,
): { readonly seed: number; readonly profile: Profile } {
  return { seed: options.seed ?? scenario.seed, profile: options.profile ?? scenario.profile }
}

/** Runs a scenario; the caller disposes of `world` when done (the filesystem store keeps temp files). */
export function runScenario(input: Scenario, options: RunOptions = {}): SimRun {
  const { world, scenario, seed, profile } = createWorld(input, options)
  try {
    return runInWorld(world, scenario, options, seed, profile)
  } catch (e) {
    // A run that throws hands no world back, so nothing else would remove its temp folders.
    world.dispose()
    throw e
  }
}

/** The world a run of `input` plays in, and the scenario it plays (with its swarm plan, if asked). */
export function createWorld(input: Scenario, options: RunOptions = {}) {
  const { seed, profile } = runSettings(input, options)
  // The run's one root generator: the world's, and the swarm plan's through its own fork (so the
  // plan never shifts the world's draws).
  const rng = new Rng(seed)
  const scenario = options.swarm ? withSwarm(input, swarmPlan(rng.fork('swarm'), input)) : input
  const world = new World({
    rng,
    profile,
    peers: scenario.peers,
    network: scenario.network,
    store: options.store ?? 'memory',
    engineConfig: { ...scenario.config, ...(options.mutant ? { mutant: options.mutant } : {}) },
  })
  return { world, scenario, seed, profile }
}

function runInWorld(world: World, scenario: Scenario, options: RunOptions, seed: number, profile: Profile): SimRun {
  const run = beginRun(world, scenario, options, seed, profile)
  return runSteps(run) ?? healAndDrain(run)
}

/**
 * A run between its phases. `runScenario` goes through them in one go; `crdt-lab explore` stops
 * after the steps to look at the world, and only then heals and drains: the same code, so a
 * schedule it writes as a scenario file runs the same way under `crdt-lab run`.
 */
export interface RunInProgress {
  readonly world: World
  readonly scenario: Scenario
  readonly seed: number
  readonly profile: Profile
  readonly bindings: Map<string, string>
  /** The bindings and the scenario's source, as the steps see them. */
  readonly steps: StepContext
  readonly options: RunOptions
  /** Events the run may still take. */
  readonly budget: { left: number }
}

/** Bootstraps the world and books the steps (and, on a timed network, the anti-entropy rounds). */
export function beginRun(
  world: World,
  scenario: Scenario,
  options: RunOptions,
  seed: number,
  profile: Profile,
): RunInProgress {
  for (const o of options.observers ?? []) world.observe(o)
  const budget = { left: options.maxEvents ?? 2_000_000 }
  bootstrap(world, scenario)
  scheduleSteps(world, scenario)
  // A scripted network runs no anti-entropy round during the steps: only its sync steps.
  if (!scripted(world)) scheduleAntiEntropy(world)
  const bindings = new Map<string, string>()
  return { world, scenario, seed, profile, bindings, steps: { bindings, source: scenario.source }, options, budget }
}

/** Runs the steps phase; a `SimRun` when the event budget ran out there (no heal, no drain), else null. */
export function runSteps(run: RunInProgress): SimRun | null {
  const { world, scenario, seed, profile, bindings } = run
  const end = stepsEnd(scenario)
  try {
    // Step times are before any advanceDays; a jump postpones what is pending, so the end moves with it.
    runUntil(world, () => end + world.advancedMs, run.budget, run.steps)
  } catch (e) {
    if (!(e instanceof BudgetExhausted)) throw e
    // No heal and no drain: the budget is spent. The checks judge the world as it stands.
    const liveness = { converged: false, exhausted: true, rounds: 0, detail: `${e.message}, during the steps` }
    return { world, scenario, seed, profile, bindings, liveness, healedAt: world.now }
  }
  return null
}

/** Heals every fault and drains the network: the run's end. */
export function healAndDrain(run: RunInProgress): SimRun {
  const { world, scenario, seed, profile, bindings } = run
  const healedAt = world.now
  heal(world)
  const liveness = drain(world, run.budget, run.steps, run.options.maxDrainRounds ?? 40)
  return { world, scenario, seed, profile, bindings, liveness, healedAt }
}

const scripted = (world: World): boolean => world.network.config.delivery === 'scripted'

function bootstrap(world: World, sc: Scenario): void {
  for (const e of sc.entities) {
    const owner = world.peer(e.owner).r
    owner.createEntity(e.id, { members: e.members })
    world.addEntity(e.id)
    for (const docId of owner.docIds(e.id)) {
      // The owner's full state as its profile hands it over (the reference: its signed updates).
      const message = encodeSyncMessage(owner.sync.fullState(owner.docs.get(docId)))
      for (const p of world.peers.values()) if (p.name !== e.owner) p.r.receive(e.owner, docId, message)
    }
    world.journal.append(0, 'bootstrap', { entity: e.id, owner: e.owner, docs: owner.docIds(e.id) })
  }
  for (const p of world.peers.values()) p.r.drainOutbox()
}

// A loop, not Math.max(...steps): a spread of 10^6 arguments overflows the stack.
const stepsEnd = (sc: Scenario): number =>
  sc.steps.reduce((m, s) => Math.max(m, s.kind === 'random' ? s.until : s.at), 0)

function scheduleSteps(world: World, sc: Scenario): void {
  for (const s of sc.steps) world.scheduler.schedule(s.at, 'step', s)
}

/** Books every peer's first anti-entropy round, within one period from now. */
function scheduleAntiEntropy(world: World): void {
  const rng = world.rng.fork('anti-entropy')
  for (const name of world.peers.keys())
    world.scheduler.schedule(world.now + rng.int(1, world.antiEntropyMs), 'antiEntropy', name)
}

/**
 * Undoes every fault: partitions and holds, crashes, offline peers, and message loss/damage. A
 * scripted network ends its script first (what still waits travels with its latency), and its
 * anti-entropy rounds begin.
 */
function heal(world: World): void {
  const wasScripted = scripted(world)
  world.network.unscript()
  world.network.heal()
  world.network.calm()
  world.journal.append(world.now, 'phase', { phase: 'heal' })
  for (const p of world.peers.values()) {
    world.restart(p.name)
    world.online(p.name)
  }
  if (wasScripted) scheduleAntiEntropy(world)
}

/** Runs anti-entropy rounds until every peer holds the same documents and nothing is in flight. */
function drain(world: World, budget: { left: number }, steps: StepContext, maxRounds: number): Liveness {
  for (let round = 1; round <= maxRounds; round++) {
    try {
      runUntil(world, world.now + world.antiEntropyMs, budget, steps)
    } catch (e) {
      if (e instanceof BudgetExhausted) return { converged: false, exhausted: true, rounds: round, detail: e.message }
      throw e
    }
    // Equal replicas: let what is on the wire land (digests between equal replicas get no reply).
    // A peer down (it crashed at a failpoint during the drain; its restart is booked) is not quiet.
    if (divergence(world) === null) settle(world, budget, steps)
    if (divergence(world) === null && world.network.inFlight === 0 && downPeers(world).length === 0) {
      world.journal.append(world.now, 'phase', { phase: 'drained', rounds: round })
      return { converged: true, rounds: round, detail: '' }
    }
  }
  const down = downPeers(world)
  const detail =
    `replicas still differ after ${maxRounds} anti-entropy rounds: ` +
    `${divergence(world) ?? (down.length > 0 ? `${down.join(', ')} down` : 'messages still in flight')}`
  world.journal.append(world.now, 'phase', { phase: 'liveness-failure' })
  return { converged: false, rounds: maxRounds, detail }
}

/**
 * Lets what is on the wire land: runs until nothing is in flight, for at most one anti-entropy
 * period plus the longest latency. The replicas are equal, so digests get no reply; but with
 * latencies near the period, new digest rounds would always be on the wire and the network would
 * never look quiet. Rounds that fall due meanwhile are postponed by a period, not sent.
 */
function settle(world: World, budget: { left: number }, steps: StepContext): void {
  const deadline = world.now + world.antiEntropyMs + world.options.network.latencyMs[1]
  const out = world.scheduler.runUntil(
    (s) => world.network.inFlight === 0 || (s.peekTime() ?? Infinity) > deadline,
    (e) =>
      e.kind === 'antiEntropy'
        ? world.scheduler.after(world.antiEntropyMs, 'antiEntropy', e.payload)
        : dispatch(world, e, steps),
    { maxEvents: budget.left },
  )
  budget.left -= out.events
}

const downPeers = (world: World): MemberId[] => [...world.peers.values()].filter((p) => !p.up).map((p) => p.name)
