/**
 * The `fields` argument of edit ops (`kanban.updateCard`, `issues.update`): a non-empty object
 * whose every key is an editable field, each value checked by that field's rule. Errors name the
 * field (`args.fields.priority`) and, for a key that is not editable, the ones that are.
 */
import { ID_MAX_LENGTH, ID_PATTERN } from '../base/ids.ts'
import type { Fields, Json } from '../ports/records.ts'
import { bad, describe, obj, oneOf, str, type Args } from './args.ts'
import { PRIORITIES } from '../base/enums.ts'

/** Checks one value; `name` is the argument's name as errors should show it. */
export type FieldRule = (args: Args, name: string, op: string) => Json

export const TITLE_MAX = 256

export const titleRule: FieldRule = (a, n, op) => str(a, n, op, { max: TITLE_MAX })
export const textRule: FieldRule = (a, n, op) => str(a, n, op, { allowEmpty: true })
export const priorityRule: FieldRule = (a, n, op) => oneOf(a, n, op, PRIORITIES)

/** A member id, or '' for "unassigned". Membership is not required: it may change concurrently. */
export const assigneeRule: FieldRule = (a, n, op) => {
  const v = str(a, n, op, { allowEmpty: true, max: ID_MAX_LENGTH })
  if (v !== '' && !ID_PATTERN.test(v))
    throw bad(op, n, `must be a member id (${ID_PATTERN}) or '' for unassigned, got ${describe(v)}`)
  return v
}

/** The validated fields of `args.fields`; throws INVALID_ARG before anything is written. */
export function fieldsArg(args: Args, op: string, rules: Readonly<Record<string, FieldRule>>): Fields {
  const raw = obj(args, 'fields', op)
  const editable = Object.keys(rules)
  const names = Object.keys(raw)
  if (names.length === 0) throw bad(op, 'fields', `must name at least one of ${editable.join(', ')}`)
  const prefixed: Args = Object.fromEntries(names.map((k) => [`fields.${k}`, raw[k]]))
  const out: Fields = {}
  for (const k of names) {
    if (!Object.hasOwn(rules, k))
      throw bad(op, `fields.${k}`, `is not an editable field; expected one of ${editable.join(', ')}`)
    out[k] = rules[k]!(prefixed, `fields.${k}`, op)
  }
  return out
}
