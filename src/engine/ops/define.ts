/**
 * Builders of registry entries: the argument shape becomes a strict object named in the one
 * wording of an unknown argument, and absent `refs`, `members`, `creates` and `label` are empty.
 * `checkArgNames` is the one check of argument names every op and query goes through.
 */
import { z } from 'zod'
import { LabError } from '../base/errors.ts'
import { strict } from '../base/strictObject.ts'
import { onlyKeys, type Args } from '../concerns/args.ts'
import type { ArgsDef, OpDef, QueryDef, RefKind } from './types.ts'

interface Common<N extends string, S extends z.ZodRawShape> {
  readonly name: N
  readonly concern: ArgsDef['concern']
  readonly args: S
  readonly refs?: Readonly<Record<string, RefKind>>
  readonly members?: readonly string[]
  readonly summary: string
}

/** What a scenario calls an op's arguments when one is unknown. */
export const ARGUMENT = 'argument'

function common<N extends string, S extends z.ZodRawShape>(d: Common<N, S>): ArgsDef<N, S> {
  const names = Object.keys(d.args)
  for (const key of [...Object.keys(d.refs ?? {}), ...(d.members ?? [])])
    if (!names.includes(key)) throw new LabError('INTERNAL', `${d.name}: ${key} is not one of its arguments`)
  return {
    name: d.name,
    concern: d.concern,
    args: strict(d.args, ARGUMENT),
    refs: d.refs ?? {},
    members: d.members ?? [],
    summary: d.summary,
  }
}

/** An op entry. */
export function defineOp<const N extends string, S extends z.ZodRawShape>(
  d: Common<N, S> & Partial<Pick<OpDef, 'creates' | 'label'>> & Pick<OpDef, 'run'>,
): OpDef<N, S> {
  return { ...common(d), creates: d.creates ?? null, label: d.label ?? null, run: d.run }
}

/** A query entry; `final` defaults to true (a scenario may expect it). */
export function defineQuery<const N extends string, S extends z.ZodRawShape>(
  d: Common<N, S> & Pick<QueryDef, 'answer' | 'run'> & Partial<Pick<QueryDef, 'final'>>,
): QueryDef<N, S> {
  return { ...common(d), answer: d.answer, final: d.final ?? true, run: d.run }
}

/** Whether an entry's argument may be left out. */
export const isOptionalArg = (def: ArgsDef, arg: string): boolean => {
  const schema = def.args.shape[arg]
  return schema !== undefined && z.safeParse(schema, undefined).success
}

/** Argument names of an entry, optional ones ending in '?' (as `crdt-lab list` shows them). */
export const argList = (def: ArgsDef): string[] =>
  Object.keys(def.args.shape).map((k) => (isOptionalArg(def, k) ? `${k}?` : k))

const allowed = new WeakMap<ArgsDef, readonly string[]>()

/**
 * Refuses an argument the entry does not know (a typo must not be silently ignored): INVALID_ARG
 * at `args.<key>`, `chat.send: unknown argument "text"; expected one of content, attachments, replyTo`.
 */
export function checkArgNames(def: ArgsDef, args: Args): void {
  let names = allowed.get(def)
  if (names === undefined) allowed.set(def, (names = Object.keys(def.args.shape)))
  onlyKeys(args, def.name, names, { noun: ARGUMENT })
}
