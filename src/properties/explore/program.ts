/**
 * What `crdt-lab explore` explores: a scenario with fixed ops, read as one program per peer (its
 * op steps in their `at` order), the clock jumps between them (`advanceDays` steps: every op
 * before one runs before it), the clock skews it starts with, and the faults the scenario allows
 * (a peer it crashes or takes offline may crash or go offline anywhere; `network.drop` and
 * `network.duplicate` above 0 allow losing or copying any message). What explore cannot explore
 * is bad input, every problem at once, naming the file and the JSON path.
 */
import type { MemberId } from '../../engine/base/ids.ts'
import type { Profile } from '../../sim/scenario/schema.ts'
import type { AdvanceDaysStep, FaultStep, OpStep, Scenario } from '../../sim/scenario/model.ts'
import { scenarioError, type Problem, jsonPath } from '../../sim/scenario/problems.ts'

/** How explore runs every schedule. */
export interface ExploreSettings {
  readonly profile: Profile
  /** Faults (losses, copies, crashes, offline spells) a schedule may take. */
  readonly maxFaults: number
  /** A deliberately broken engine (mutation testing of the lab itself). */
  readonly mutant?: string
}

/** At most this many peers: every schedule of more is out of reach. */
export const MAX_EXPLORE_PEERS = 4

/** One op of a peer's program. */
export interface ProgramOp {
  readonly step: OpStep
  /** The step as the file has it (copied into the schedules explore writes). */
  readonly raw: Record<string, unknown>
  /** How many clock jumps come before it. */
  readonly phase: number
  /** The ops that bind the `$name`s its arguments use (peer and place in its program): it runs after them. */
  readonly after: readonly { readonly peer: MemberId; readonly n: number }[]
}

/** A scenario as explore reads it. */
export interface ExploreProgram {
  readonly scenario: Scenario
  /** The scenario file's JSON (the schedules explore writes copy its entities, config and expectations). */
  readonly json: Record<string, unknown>
  /** Each peer's ops, in `at` order (ties in file order). */
  readonly programs: ReadonlyMap<MemberId, readonly ProgramOp[]>
  /** The clock jumps, in order. */
  readonly jumps: readonly { readonly step: AdvanceDaysStep; readonly raw: Record<string, unknown> }[]
  /** The clock skews, applied before anything else. */
  readonly skews: readonly { readonly step: FaultStep; readonly raw: Record<string, unknown> }[]
  /** Peers that may crash (and restart), and peers that may go offline (and come back). */
  readonly crashes: ReadonlySet<MemberId>
  readonly offline: ReadonlySet<MemberId>
  /** Any message may be lost, or delivered twice. */
  readonly loss: boolean
  readonly duplication: boolean
  /**
   * Whether the SQL fallback can act (thresholds, archive age, a failpoint crash, clock jumps):
   * its memory is then not read by the fingerprint, which keeps each peer's history instead.
   */
  readonly fallback: boolean
}

const REFUSED_FAULTS: Readonly<Record<string, string>> = {
  partition:
    'explore already tries every order and every delay of every message, which is what a partition does ' +
    'to them; to lose messages, set network.drop above 0 (at most --max-faults losses per schedule)',
  heal: 'explore has no partitions to heal (it tries every delay of every message)',
  hold: 'explore already tries every delay of every message, which is what a hold does',
  release: 'explore already tries every delay of every message, which is what a hold does',
}

/** The program of a validated scenario; bad input for explore is a BAD_SCENARIO naming every problem. */
export function exploreProgram(scenario: Scenario, json: unknown): ExploreProgram {
  const problems: Problem[] = []
  const at = (path: readonly PropertyKey[], message: string) => problems.push({ path: jsonPath(path), message })
  if (scenario.peers.length > MAX_EXPLORE_PEERS)
    at(
      ['peers'],
      `has ${scenario.peers.length} peers; explore takes at most ${MAX_EXPLORE_PEERS} ` +
        '(every schedule of more is out of reach)',
    )
  if (scenario.network.corrupt > 0)
    at(['network', 'corrupt'], 'explore does not damage messages (a damaged frame is refused, as a loss: use drop)')
  if (scenario.network.delivery === 'scripted')
    at(['network', 'delivery'], 'explore chooses every delivery itself: give it the scenario without a script')
  const raws = Array.isArray((json as { steps?: unknown }).steps) ? (json as { steps: unknown[] }).steps : []
  const raw = (i: number) => ({ ...(raws[i] as Record<string, unknown>), at: 0 })
  const programs = new Map<MemberId, ProgramOp[]>(scenario.peers.map((p) => [p, []]))
  const jumps: ExploreProgram['jumps'][number][] = []
  const skews: ExploreProgram['skews'][number][] = []
  const crashes = new Set<MemberId>()
  const offline = new Set<MemberId>()
  const binders = new Map<string, { peer: MemberId; n: number }>()
  for (const step of scenario.steps) {
    const path = ['steps', step.index]
    if (step.kind === 'op') {
      const ops = programs.get(step.peer)!
      // An id is named once the op that creates it ran: a schedule file must bind a name before using it.
      const after = namesIn(step.args).flatMap((name) => (binders.has(name) ? [binders.get(name)!] : []))
      ops.push({ step, raw: raw(step.index), phase: jumps.length, after })
      if (step.as !== null) binders.set(step.as, { peer: step.peer, n: ops.length - 1 })
    } else if (step.kind === 'advanceDays') jumps.push({ step, raw: raw(step.index) })
    else if (step.kind === 'random')
      at([...path, 'random'], 'explore needs fixed ops: a random step draws different ones on every seed')
    else if (step.kind === 'deliver' || step.kind === 'sync')
      at([...path, step.kind], 'explore chooses every delivery and sync itself: give it the scenario without them')
    else if (step.kind === 'fault') faultOf(step, path, { skews, crashes, offline, raw: raw(step.index), at })
  }
  if (problems.length > 0) throw scenarioError(scenario.source, problems)
  const config = scenario.config
  return {
    scenario,
    json: json as Record<string, unknown>,
    programs,
    jumps,
    skews,
    crashes,
    offline,
    loss: scenario.network.drop > 0,
    duplication: scenario.network.duplicate > 0,
    fallback:
      config.thresholds !== undefined ||
      config.archiveAfterDays !== undefined ||
      config.crashAfter !== undefined ||
      jumps.length > 0,
  }
}

interface FaultSink {
  readonly skews: ExploreProgram['skews'][number][]
  readonly crashes: Set<MemberId>
  readonly offline: Set<MemberId>
  readonly raw: Record<string, unknown>
  at(path: readonly PropertyKey[], message: string): void
}

/** What a fault step of the scenario means to explore. */
function faultOf(step: FaultStep, path: readonly PropertyKey[], sink: FaultSink): void {
  switch (step.fault) {
    case 'clockSkew':
      sink.skews.push({ step, raw: sink.raw })
      return
    case 'crash':
      // The oracle tells a write lost to a torn crash by time, and no time passes while explore runs.
      if (step.tornWrite)
        sink.at([...path, 'tornWrite'], 'explore crashes peers without tearing a write (set tornWrite to false)')
      sink.crashes.add(step.peer)
      return
    case 'restart':
      return // a crashed peer may restart at any point: always a choice
    case 'offline':
      sink.offline.add(step.peer)
      return
    case 'online':
      return // an offline peer may come back at any point: always a choice
    default:
      sink.at([...path, 'fault'], `a ${step.fault} step: ${REFUSED_FAULTS[step.fault] ?? 'not explored'}`)
  }
}

/** The `$name` references in an op's arguments (also inside lists and objects). */
function namesIn(v: unknown): string[] {
  if (typeof v === 'string') return v.startsWith('$') ? [v.slice(1)] : []
  if (Array.isArray(v)) return v.flatMap(namesIn)
  if (v !== null && typeof v === 'object') return Object.values(v).flatMap(namesIn)
  return []
}

/** Ops of every program. */
export const opCount = (p: ExploreProgram): number => [...p.programs.values()].reduce((n, ops) => n + ops.length, 0)
