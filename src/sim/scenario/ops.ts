/**
 * The ops a scenario can run (DESIGN §4) are the engine's registry (src/engine/ops): each entry
 * carries its argument schema, what it creates (so `as` can name it) and which arguments refer
 * to created things (so `$name` references can be checked) or name members. The scenario schema,
 * the JSON Schema, `crdt-lab list` and the generators all read them; this module only indexes
 * them by name for the scenario layer.
 */
import type { z } from 'zod'
import { concernsFor, CONCERNS, type Concern } from '../../engine/base/ids.ts'
import { OPS as ENGINE_OPS, OP_NAMES, type OpArgs, type OpName } from '../../engine/ops/registry.ts'
import type { ArgsDef, OpDef } from '../../engine/ops/types.ts'

export type { RefKind } from '../../engine/ops/types.ts'
export type { Role } from '../../engine/base/enums.ts'
export { OP_NAMES, type OpArgs, type OpName }

/** What ops and queries share: the concern they act on and which arguments name things. */
export type ArgSpec = ArgsDef

/** The engine's op entries by name. */
export const OPS: Readonly<Record<OpName, OpDef>> = Object.fromEntries(ENGINE_OPS) as Record<OpName, OpDef>

/** The `args` field of a step or query: optional (default `{}`) when every argument is optional. */
export function argsField(args: z.ZodObject): z.ZodType {
  return args.safeParse({}).success ? args.default({} as never) : args
}

/** Ops that create something `as` can name. */
export const CREATING_OPS = OP_NAMES.filter((n) => OPS[n].creates !== null)

/** Concerns that exist for projects only (DESIGN §4: kanban and issues). */
export const PROJECT_ONLY: readonly Concern[] = CONCERNS.filter((c) => !concernsFor('group').includes(c))
