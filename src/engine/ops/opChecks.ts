/**
 * Checks ops make before they write: the replica's member is active, and an id argument names an
 * item that still takes writes. (Unknown argument names are refused before any op runs: define.ts.)
 */
import { LabError } from '../base/errors.ts'
import { str, type Args } from '../concerns/args.ts'
import type { OpDef, OpEntity } from './types.ts'

/** The ops, each of whose `run` first requires an active member (before it reads its arguments). */
export const checkedOps = <D extends OpDef>(defs: readonly D[]): D[] =>
  defs.map((def) => ({
    ...def,
    run: (e: OpEntity, args: Args) => {
      e.requireMember()
      return def.run(e, args)
    },
  }))

/**
 * The item that argument `arg` names among `items`: NOT_FOUND naming the id when there is none,
 * or when `gone` says why the item takes no more writes (archived, deleted, ...).
 */
export function namedItem<T extends { readonly id: string }>(
  items: readonly T[],
  args: Args,
  op: string,
  arg: string,
  gone?: (item: T) => string | undefined,
): T {
  const id = str(args, arg, op)
  const item = items.find((x) => x.id === id)
  if (!item) throw new LabError('NOT_FOUND', `${op}: no ${arg} ${JSON.stringify(id)}`, { path: `args.${arg}` })
  const why = gone?.(item)
  if (why) throw new LabError('NOT_FOUND', `${op}: ${arg} ${JSON.stringify(id)} is ${why}`, { path: `args.${arg}` })
  return item
}
