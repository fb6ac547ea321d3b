/**
 * The op and query registry's types. An op is one file entry: its name, the concern it writes,
 * its argument names and a function; the simulator, the CLI's `list` and the scenario validator
 * all read the same registry (as Maelstrom's workloads do).
 */
import type { Concern } from '../base/ids.ts'
import type { Args } from '../concerns/args.ts'
import type { EntityAccess } from '../context/entityAccess.ts'
import type { FallbackKeeper } from '../fallback/keeper.ts'
import type { Profile } from '../profile/profile.ts'
import type { OpResult } from '../ports/effects.ts'

/** Entity access as ops use it: the whole profile, and the replica's SQL fallback behind it. */
export type OpEntity = EntityAccess<Profile, FallbackKeeper>

export interface OpDef {
  readonly name: string
  readonly concern: Concern
  /** Argument names; optional ones end with '?'. */
  readonly args: readonly string[]
  readonly summary: string
  run(e: OpEntity, args: Args): OpResult
}

export interface QueryDef {
  readonly name: string
  readonly concern: Concern
  readonly args: readonly string[]
  readonly summary: string
  run(e: OpEntity, args: Args): unknown
}

/** Argument names without the optional marker. */
export const argNames = (def: { args: readonly string[] }): string[] => def.args.map((a) => a.replace(/\?$/, ''))
