/**
 * Swarm testing, as TigerBeetle's VOPR does it: each seed draws its own fault mix. One run gets
 * only partitions, the next heavy loss and crashes, the next nothing at all, so a sweep reaches
 * corners a single fixed mix would make rare. The scenario file format is untouched: a plan is
 * extra fault steps plus network settings, merged with `withSwarm`.
 *
 * Each fault class is enabled with probability 1/2. Enabled episode faults come in pairs
 * (partition/heal, offline/online, crash/restart, hold/release), 1 to 4 episodes per class,
 * each inside [0, horizon) where the horizon is the scenario's last step time or random-step
 * end (at least 1000 ms). Episodes on one resource (the partition, a peer, a link) never
 * overlap each other; they may overlap the file's own faults, so the world must treat a
 * redundant verb (online while online, restart while running) as a no-op. A `heal` also
 * releases holds, as `Network.heal` does.
 *
 * A lying peer (`SWARM_LIES`) is drawn from a stream of its own (`lies`), so the other classes
 * draw what they drew before lies joined the mix: with 3 peers or more, each lie class is enabled
 * with probability 1/2, one peer is the liar, and 1 to 4 episodes of it lying (`impersonate` as
 * another peer; with several classes, one of them or all) each end with `honest`. The others stay
 * honest, so the checks have at least two honest replicas to judge.
 */
import type { Rng } from '../../engine/base/providers.ts'
import type { FaultStep, NetworkSettings, Scenario, Without } from './model.ts'
import { sortSteps } from './normalize.ts'

export const SWARM_FAULTS = [
  'partition',
  'offline',
  'crash',
  'hold',
  'clockSkew',
  'loss',
  'duplicate',
  'corrupt',
  'latency',
] as const
/** Every lie class (a lying peer). */
export const LIE_CLASSES = ['impersonate', 'equivocate'] as const
/** The lie classes the swarm draws, apart from SWARM_FAULTS (see the file comment): all of them. */
export const SWARM_LIES = LIE_CLASSES
export type SwarmFault = (typeof SWARM_FAULTS)[number] | (typeof LIE_CLASSES)[number]

export interface SwarmPlan {
  /** Fault classes this seed enabled. */
  readonly enabled: readonly SwarmFault[]
  /** The scenario's network with the enabled message faults drawn. */
  readonly network: NetworkSettings
  /** Extra fault steps (`index` -1), sorted by `at`. */
  readonly steps: readonly FaultStep[]
}

type Fault = Without<FaultStep, 'index' | 'at'>
type Interval = readonly [number, number]

/** Draws this seed's fault mix for `scenario` (`lieClasses`: the lies it may draw). */
export function swarmPlan(
  rng: Rng,
  scenario: Scenario,
  lieClasses: readonly (typeof LIE_CLASSES)[number][] = SWARM_LIES,
): SwarmPlan {
  const enabled: SwarmFault[] = SWARM_FAULTS.filter(() => rng.chance(0.5))
  const on = (f: SwarmFault): boolean => enabled.includes(f)
  const steps: FaultStep[] = []
  const emit = (at: number, fault: Fault): void => void steps.push({ index: -1, at, ...fault } as FaultStep)
  const episodes = new Episodes(rng, horizonOf(scenario))
  const peers = scenario.peers
  if (on('partition') && peers.length > 1) {
    episodes.place('partition', (from, to) => {
      emit(from, { kind: 'fault', fault: 'partition', groups: splitInTwo(rng, peers) })
      emit(to, { kind: 'fault', fault: 'heal' })
    })
  }
  if (on('offline')) {
    episodes.place(
      'peer',
      (from, to, peer) => {
        emit(from, { kind: 'fault', fault: 'offline', peer })
        emit(to, { kind: 'fault', fault: 'online', peer })
      },
      peers,
    )
  }
  if (on('crash')) {
    episodes.place(
      'peer',
      (from, to, peer) => {
        emit(from, { kind: 'fault', fault: 'crash', peer, tornWrite: rng.chance(0.5) })
        emit(to, { kind: 'fault', fault: 'restart', peer })
      },
      peers,
    )
  }
  if (on('hold') && peers.length > 1) {
    const links = peers.flatMap((a) => peers.filter((b) => b !== a).map((b) => `${a}>${b}`))
    episodes.place(
      'link',
      (from, to, link) => {
        const [a, b] = link.split('>') as [string, string]
        emit(from, { kind: 'fault', fault: 'hold', from: a, to: b })
        emit(to, { kind: 'fault', fault: 'release', from: a, to: b })
      },
      links,
    )
  }
  if (on('clockSkew')) {
    for (const peer of peers)
      if (rng.chance(0.5)) emit(0, { kind: 'fault', fault: 'clockSkew', peer, ms: rng.int(-60_000, 60_000) })
  }
  enabled.push(...lies(rng.fork('lies'), lieClasses, peers, horizonOf(scenario), emit))
  return { enabled, network: drawNetwork(rng, scenario.network, on), steps: sortSteps(steps) as FaultStep[] }
}

/** The scenario with the plan's network and its steps merged in (file steps first at equal times). */
export function withSwarm(scenario: Scenario, plan: SwarmPlan): Scenario {
  return { ...scenario, network: plan.network, steps: sortSteps([...scenario.steps, ...plan.steps]) }
}

/** The lie classes this seed enabled, with their episodes emitted (one liar; see the file comment). */
function lies(
  rng: Rng,
  classes: readonly (typeof LIE_CLASSES)[number][],
  peers: readonly string[],
  horizon: number,
  emit: (at: number, f: Fault) => void,
): SwarmFault[] {
  if (peers.length < 3) return []
  const enabled = classes.filter(() => rng.chance(0.5))
  if (enabled.length === 0) return []
  const liar = rng.pick(peers)
  const others = peers.filter((p) => p !== liar)
  new Episodes(rng, horizon).place('lie', (from, to) => {
    // With several classes on, an episode lies in one of them, or in all.
    const kinds = enabled.length === 1 ? enabled : rng.pick([...enabled.map((c) => [c]), enabled])
    for (const lie of kinds)
      emit(
        from,
        lie === 'impersonate'
          ? { kind: 'fault', fault: 'impersonate', peer: liar, as: rng.pick(others) }
          : { kind: 'fault', fault: 'equivocate', peer: liar },
      )
    emit(to, { kind: 'fault', fault: 'honest', peer: liar })
  })
  return [...enabled]
}

function drawNetwork(rng: Rng, base: NetworkSettings, on: (f: SwarmFault) => boolean): NetworkSettings {
  const draw = (f: SwarmFault, current: number, lo: number, hi: number): number =>
    on(f) ? Math.max(current, lo + rng.next() * (hi - lo)) : current
  const [min, max] = base.latencyMs
  return {
    ...base,
    drop: draw('loss', base.drop, 0.01, 0.3),
    duplicate: draw('duplicate', base.duplicate, 0.01, 0.2),
    corrupt: draw('corrupt', base.corrupt, 0.001, 0.05),
    latencyMs: on('latency') ? [min, Math.max(max, min + 1) * rng.int(2, 10)] : base.latencyMs,
  }
}

function horizonOf(scenario: Scenario): number {
  let h = 1000
  for (const s of scenario.steps) h = Math.max(h, s.kind === 'random' ? s.until : s.at)
  return h
}

/** Two non-empty groups from a shuffled copy of `peers`. */
function splitInTwo(rng: Rng, peers: readonly string[]): string[][] {
  const shuffled = [...peers]
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = rng.int(0, i)
    ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
  }
  const cut = rng.int(1, shuffled.length - 1)
  return [shuffled.slice(0, cut), shuffled.slice(cut)]
}

/** Places fault episodes so that episodes on one resource never overlap. */
class Episodes {
  private readonly busy = new Map<string, Interval[]>()

  constructor(
    private readonly rng: Rng,
    private readonly horizon: number,
  ) {}

  /** 1 to 4 episodes, each on a resource drawn from `targets` (one shared resource when omitted). */
  place(
    kind: string,
    emit: (from: number, to: number, target: string) => void,
    targets: readonly string[] = [''],
  ): void {
    const count = this.rng.int(1, 4)
    for (let i = 0; i < count; i++) {
      const target = this.rng.pick(targets)
      const from = this.rng.int(0, this.horizon - 1)
      const to =
        from + this.rng.int(Math.max(1, Math.floor(this.horizon / 20)), Math.max(1, Math.floor(this.horizon / 4)))
      const key = `${kind}:${target}`
      const taken = this.busy.get(key) ?? []
      if (taken.some(([a, b]) => from <= b && a <= to)) continue
      this.busy.set(key, [...taken, [from, to]])
      emit(from, to, target)
    }
  }
}
