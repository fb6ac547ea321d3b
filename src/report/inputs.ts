import type { ProfileName } from '../engine/base/enums.ts'
/**
 * Inputs of the HTML reports. Producers (bench harness, simulator runs, conformance, sweeps) emit
 * these shapes as JSON; the renderers read nothing else. The fields DESIGN.md fixes (§6 result
 * JSON, §7 bench JSON) are kept exactly; everything marked optional is an extra for the pages and
 * may be absent.
 */

// ---------------------------------------------------------------------------------------------
// Bench (DESIGN §7)

/** The tables of the spec's "Performance Characteristics" plus the lab's own. */
export const BENCH_TABLES = ['memory', 'sync', 'scalability', 'tombstone', 'engine', 'sim'] as const
export type BenchTable = (typeof BENCH_TABLES)[number]

export const BENCH_METRICS = [
  'docBytes',
  'loadMs',
  'memBytes',
  'updateBytes',
  'cpuMs',
  'items',
  'bytesPerTombstone',
  'deliveriesPerSec',
  'statesPerSec',
  'states',
] as const
export type BenchMetric = (typeof BENCH_METRICS)[number]

export const BENCH_VERDICTS = ['meets', 'misses', 'n/a'] as const
export type BenchVerdict = (typeof BENCH_VERDICTS)[number]

/** Who produced a figure: the engine's two profiles, or plain Yjs doing the same logical work. */
export type BenchColumn = ProfileName | 'rawYjs'

/**
 * How a claim is worded, which decides its verdict rule (see the bench harness):
 * `about` "~X" (a cost), `under` "<X", `atMost` "X" (e.g. "0"), `capacity` "X items fit",
 * `atLeast` "≥X" (a project target such as the simulator's throughput over raw Yjs).
 */
export type ClaimBound = 'about' | 'under' | 'atMost' | 'capacity' | 'atLeast'

export interface BenchMachine {
  cpu: string
  cores: number
  node: string
  yjs: string
}

/** Timing statistics of one column, in milliseconds (tinybench's `latency`). */
export interface LatencyStats {
  mean: number
  p50: number
  p99: number
  /** Relative margin of error, percent. */
  rme: number
  /** Number of samples taken. */
  samples?: number
}

/** A figure measured at several item counts (document size or load time against item count). */
export interface BenchSeries {
  /** Item counts. */
  x: number[]
  y: Partial<Record<BenchColumn, number[]>>
  /** What an item is ("messages", "members"). */
  xLabel?: string
}

export interface BenchRow {
  table: BenchTable
  /** The spec's own row name, e.g. `core (100 members)`. */
  row: string
  metric: BenchMetric
  /** The spec's figure in `unit`; null where the spec gives none ("Variable", or no claim at all). */
  claimed: number | null
  unit: string
  /** null: that profile has not been measured (not plugged in yet). */
  measured: { reference: number | null; spec: number | null }
  rawYjs: number | null
  /** Against `claimed`, for `reference` (or `spec` when only it was measured). */
  verdict: BenchVerdict
  // ---- optional extras for the page
  /** The spec's wording of the claim, e.g. `~50KB`, `<10ms`. */
  claimText?: string
  bound?: ClaimBound
  /** The verdict of every measured column under the same rule. */
  verdicts?: Partial<Record<BenchColumn, BenchVerdict>>
  /** Raw Yjs figure in the V2 update encoding (V1 is `rawYjs`). */
  rawYjsV2?: number | null
  /** Table `sim`: the same work as `rawYjs` through the simulator's machinery (no profile involved). */
  sim?: number | null
  /** What the workload is, in a sentence. */
  note?: string
  series?: BenchSeries
  latency?: Partial<Record<BenchColumn, LatencyStats>>
}

export interface BenchResult {
  machine: BenchMachine
  rows: BenchRow[]
  /** Optional extras. */
  generatedAt?: string
  quick?: boolean
  wallMs?: number
}

// ---------------------------------------------------------------------------------------------
// Run (DESIGN §6)

export type CheckOutcome = { holds: boolean; detail: string } | { evaluated: false }

export interface FinalQueryResult {
  peer: string
  query: string
  holds: boolean
  actual: unknown
  // ---- optional extras: what was asked, and how the answer differs
  /** `actual` holds one answer per peer (with `*`, the replicas answered differently). */
  actualPerPeer?: true
  entity?: string
  /** The query's arguments as the scenario wrote them. */
  args?: Record<string, unknown>
  operator?: 'equals' | 'includes' | 'excludes' | 'count'
  expected?: unknown
  /** How the answer differs from the expectation, one line per difference. */
  diff?: readonly string[]
  detail?: string
}

export interface RunStats {
  sent: number
  delivered: number
  dropped: number
  duplicated: number
  corrupted: number
  rejected: number
  tombstones: number
  pruned: number
  /** Updates honest replicas refused as forged: unsigned, badly signed, or impersonating another member. */
  forged: number
  /** Updates honest replicas refused as equivocating: a second version of ids they held. */
  equivocations: number
  /** Requests for a document's state that honest replicas refused to non-members. */
  refusedReads: number
  simulatedMs: number
  wallMs: number
}

export type FaultKind =
  | 'partition'
  | 'offline'
  | 'crash'
  | 'hold'
  | 'clockSkew'
  | 'oneWay'
  | 'impersonate'
  | 'equivocate'
export type MessageOutcome = 'delivered' | 'dropped' | 'corrupted' | 'rejected' | 'duplicated'

/** A fault period: `peers` are the peers it cuts off or affects, from virtual `from` to `to` ms. */
export interface TimelineFault {
  kind: FaultKind
  peers: string[]
  from: number
  to: number
  label?: string
}

export interface TimelineMessage {
  from: string
  to: string
  sentAt: number
  at: number
  outcome: MessageOutcome
  bytes: number
  kind: string
}

export interface TimelineOp {
  t: number
  peer: string
  op: string
  ok: boolean
}

/** What happened over virtual time, computed from the world's journal. */
export interface Timeline {
  peers: string[]
  durationMs: number
  faults: TimelineFault[]
  messages: TimelineMessage[]
  ops: TimelineOp[]
  /** Number of documents whose replicas differ, sampled over time. */
  divergence: { t: number; divergentDocs: number }[]
  /** When each failing check failed (marked on the timeline). */
  failures?: { check: string; t: number; label: string }[]
}

export interface RunResult {
  scenario: string
  seed: number
  profile: ProfileName
  traceHash: string
  verdict: 'pass' | 'fail'
  checks: Record<string, CheckOutcome>
  final: FinalQueryResult[]
  stats: RunStats
  /** Ops of the scenario's steps that the engine refused (they changed nothing). */
  refused?: { step: number; t: number; peer: string; op: string; code: string; message: string }[]
  timeline?: Timeline
}

// ---------------------------------------------------------------------------------------------
// Conformance

export type Profile = ProfileName
export type ClaimVerdict = 'holds' | 'fails' | 'not-evaluated' | 'not-enough-evidence'

export interface Counterexample {
  seed: number
  path: string
  /** What happened, step by step, in words. */
  story: string[]
  scenarioFile?: string
  /** The command that replays it. */
  replay: string
  /** The command that replays it as a property case (`check --seed S --path P`). */
  replayCheck?: string
  /** A run report of its scenario file (a link relative to the conformance page). */
  report?: string
}

/** How many of a claim's runs exercised each op kind and fault; the kinds none reached are gaps. */
export interface Coverage {
  runs: number
  ops: Record<string, number>
  faults: Record<string, number>
  gaps: { ops: string[]; faults: string[] }
}

export interface ClaimProfileOutcome {
  verdict: ClaimVerdict
  runs: number
  ms: number
  coverage?: Coverage
  counterexample?: Counterexample
}

export interface ClaimOutcome {
  check: string
  /** The spec's own sentence. */
  claim: string
  profiles: Record<Profile, ClaimProfileOutcome>
  expected: Record<Profile, 'holds' | 'fails'>
  matchesExpected: boolean
}

export interface ConformanceResult {
  budget: { runs: number; seed: number }
  generatedAt?: string
  claims: ClaimOutcome[]
}

// ---------------------------------------------------------------------------------------------
// Sweep / merge (DESIGN §6)

export interface SweepFailure {
  seed: number
  checks: string[]
  replay: string
  /** A run report of this seed (a link relative to the sweep page). */
  report?: string
}

export interface SweepResult {
  runs: number
  failures: SweepFailure[]
  byCheck: Record<string, number>
  scenario?: string
  profile?: Profile
  /** e.g. `1..1000`. */
  seeds?: string
  wallMs?: number
}

// ---------------------------------------------------------------------------------------------
// Index

export interface IndexEntry {
  title: string
  href: string
  summary: string
  verdict?: string
  /**
   * The verdict was foreseen: a spec-profile failure the lab exists to show (shown as "fails, as
   * expected", not in alarm red). False: it departs from what was expected.
   */
  expected?: boolean
}
