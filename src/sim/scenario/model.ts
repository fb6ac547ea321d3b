/**
 * The normalized scenario: what `parseScenario` returns once the file passed the schema and
 * the semantic checks. Every default is applied, steps carry a `kind` and their position in the
 * file, and they are sorted by `at` (ties in file order), ready for the world to schedule.
 */
import type { EntityId, EntityType, MemberId } from '../../engine/base/ids.ts'
import type { JsonValue } from '../canonicalJson.ts'
import type { NetworkConfig } from '../network.ts'
import type { OpArgs, OpName, Role } from './ops.ts'
import type { Operator, QueryName } from './queries.ts'
import type { CheckName, EngineConfig, Profile } from './schema.ts'
import type { DeliverFate, FaultSpec } from './steps.ts'

/** Omit over each member of a union. */
export type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

interface StepBase {
  /** Position in the file's `steps` (`$.steps[index]`); -1 for steps a swarm plan added. */
  readonly index: number
  /** Virtual time in ms. */
  readonly at: number
}

/** An op step; `args` is typed by `op`. `$name` references stay strings (see `refName`). */
export type OpStep = {
  [N in OpName]: StepBase & {
    readonly kind: 'op'
    readonly op: N
    readonly peer: MemberId
    readonly entity: EntityId
    readonly args: OpArgs<N>
    /** Name for the created id, or null. */
    readonly as: string | null
  }
}[OpName]

export type FaultStep = StepBase & { readonly kind: 'fault' } & Without<FaultSpec, 'at'>

export interface AdvanceDaysStep extends StepBase {
  readonly kind: 'advanceDays'
  readonly days: number
  /** The jump in ms (days x 86 400 000, rounded). */
  readonly ms: number
}

export interface RandomStep extends StepBase {
  readonly kind: 'random'
  readonly until: number
  readonly everyMs: readonly [number, number]
  readonly peers: readonly MemberId[]
  readonly entity: EntityId
  /** Positive weights only, in file order. */
  readonly mix: Readonly<Partial<Record<OpName, number>>>
}

/** Hands one message over on a scripted network (or drops or duplicates it). */
export interface DeliverStep extends StepBase {
  readonly kind: 'deliver'
  readonly from: MemberId
  readonly to: MemberId
  /** The seq-th message `from` sent `to` (from 1), or null for the oldest in flight. */
  readonly seq: number | null
  readonly fate: DeliverFate
}

/** One anti-entropy exchange: `peer` sends its digests to every other peer. */
export interface SyncStep extends StepBase {
  readonly kind: 'sync'
  readonly peer: MemberId
}

export type Step = OpStep | FaultStep | AdvanceDaysStep | RandomStep | DeliverStep | SyncStep

export interface EntityDecl {
  readonly id: EntityId
  readonly type: EntityType
  readonly owner: MemberId
  /** Members other than the owner, with their roles, in file order. */
  readonly members: Readonly<Record<MemberId, Role>>
}

/** Network settings: the network's own plus the engine's anti-entropy period. */
export interface NetworkSettings extends NetworkConfig {
  readonly antiEntropyMs: number
}

/** One `expect.final` entry with its single operator made explicit. */
export interface FinalQuery {
  /** Position in `expect.final`. */
  readonly index: number
  /** A peer, or `*` for every replica of the entity's active members. */
  readonly peer: MemberId | '*'
  readonly query: QueryName
  readonly entity: EntityId
  readonly args: Readonly<Record<string, unknown>>
  readonly operator: Operator
  readonly expected: JsonValue
}

export interface Expectations {
  /** Checks that must hold, or `applicable`: every check that applies to the run. */
  readonly checks: readonly CheckName[] | 'applicable'
  readonly final: readonly FinalQuery[]
}

/**
 * A validated scenario. Defaults, as applied by the loader:
 * - `name`: the file name without `.json`; `description`: `""`
 * - `seed`: 1; `profile`: `"reference"`
 * - `entities[].members`: `{}`
 * - `config`: `{}`; every key is an override, absent ones keep the engine's defaults
 * - `network`: `latencyMs` [5, 50], `drop` 0, `duplicate` 0, `corrupt` 0, `reorder` true,
 *   `antiEntropyMs` 1000
 * - `steps`: `[]`; `args`: `{}` for ops without arguments (`canvas.undo`, `canvas.redo`);
 *   `crash.tornWrite`: false; `random.everyMs`: [10, 100]; `random.peers`: the entity's owner,
 *   then its members in file order
 * - `expect.checks`: `"applicable"`; `expect.final`: `[]`
 */
export interface Scenario {
  /** The file path, or the name given to `parseScenario`. */
  readonly source: string
  readonly name: string
  readonly description: string
  readonly seed: number
  readonly profile: Profile
  readonly peers: readonly MemberId[]
  readonly entities: readonly EntityDecl[]
  readonly config: EngineConfig
  readonly network: NetworkSettings
  /** Sorted by `at`, ties in file order. */
  readonly steps: readonly Step[]
  readonly expect: Expectations
}

/** `"$m1"` -> `"m1"`; a literal id -> null. */
export const refName = (value: string): string | null => (value.startsWith('$') ? value.slice(1) : null)
