/**
 * The op and query registry's types. An op is one entry: its name, the concern it writes, its
 * argument schema, what it creates and which arguments refer to created things or name members,
 * and a function. The replica, the scenario format (its schema, the JSON Schema, `as` names and
 * `$name` references), `crdt-lab list` and the generators of the properties all read the same
 * entries (as Maelstrom's workloads do), so none keeps a copy.
 */
import type { z } from 'zod'
import type { Concern } from '../base/ids.ts'
import type { Args } from '../concerns/args.ts'
import type { EntityAccess } from '../context/entityAccess.ts'
import type { FallbackKeeper } from '../fallback/keeper.ts'
import type { Profile } from '../profile/profile.ts'
import type { OpResult } from '../ports/effects.ts'

/** Entity access as ops use it: the whole profile, and the replica's SQL fallback behind it. */
export type OpEntity = EntityAccess<Profile, FallbackKeeper>

/** Things ops create and other ops refer to. */
export type RefKind = 'message' | 'column' | 'card' | 'issue' | 'comment' | 'element'

/** What ops and queries share: where they act and what their arguments are. */
export interface ArgsDef<N extends string = string, S extends z.ZodRawShape = z.ZodRawShape> {
  readonly name: N
  /** The document the command reads or writes (`core` for the virtual disks, which hang off it). */
  readonly concern: Concern
  /**
   * The arguments: a strict object, so its keys are the only arguments there are. The engine
   * refuses any other key (`checkArgNames`); the scenario loader validates `args` with it whole.
   */
  readonly args: z.ZodObject<S>
  /** Arguments that name created things, and of which kind (a scenario may write `$name` there). */
  readonly refs: Readonly<Record<string, RefKind>>
  /** Arguments that name members (a scenario's are checked against its peers). */
  readonly members: readonly string[]
  readonly summary: string
}

export interface OpDef<N extends string = string, S extends z.ZodRawShape = z.ZodRawShape> extends ArgsDef<N, S> {
  /** What the op creates (its `createdId`), which a scenario step may name with `as`; or null. */
  readonly creates: RefKind | null
  /** The argument that says what a created item is (its title or content), for names in reports. */
  readonly label: string | null
  run(e: OpEntity, args: Args): OpResult
}

export interface QueryDef<N extends string = string, S extends z.ZodRawShape = z.ZodRawShape> extends ArgsDef<N, S> {
  /** `list` and `object` answers can be counted; a `value` cannot. */
  readonly answer: 'list' | 'object' | 'value'
  /** Whether a scenario's `expect.final` may ask it (answers holding generated ids or times cannot be expected). */
  readonly final: boolean
  run(e: OpEntity, args: Args): unknown
}
