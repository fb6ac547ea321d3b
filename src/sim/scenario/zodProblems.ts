/**
 * Turns zod issues into `Problem`s a person can act on: the JSON path of the offending value,
 * what was expected and what was found. Zod reports a step that fits no step kind as one union
 * issue with every branch's complaints; we pick the branch the step's own key asks for, so the
 * user hears about their `op`, not about the missing `fault`.
 */
import type { z } from 'zod'
import { describeValue, isPlainObject, jsonPath, oneOf, UNKNOWN_KEY_MARKER, valueAt, type Problem } from './problems.ts'
import { LIMIT_MARKER } from './limits.ts'
import { STEP_KINDS } from './steps.ts'

type Issue = z.core.$ZodIssue
type Path = readonly PropertyKey[]

/** Problems for `issues` raised while parsing `root`. */
export function problemsFromIssues(issues: readonly Issue[], root: unknown): Problem[] {
  // A step with two kind keys is one problem, whichever branch zod chose to complain about.
  const ambiguous = new Map<number, Problem>()
  const steps = valueAt(root, ['steps'])
  if (Array.isArray(steps))
    steps.forEach((step, i) => {
      const message = isPlainObject(step) ? kindsMessage(step) : null
      if (message !== null && STEP_KINDS.some((k) => k in step))
        ambiguous.set(i, { path: jsonPath(['steps', i]), message })
    })
  const out: Problem[] = []
  for (const iss of issues) {
    const step = iss.path[0] === 'steps' && typeof iss.path[1] === 'number' ? ambiguous.get(iss.path[1]) : undefined
    if (step === undefined) out.push(...fromIssue(iss, [], root))
    else if (!out.includes(step)) out.push(step)
  }
  // zod's integers stop at 2^53 by themselves; where a lab limit also applies, it says more.
  return out.filter(
    (p) =>
      !(
        p.message.startsWith(SAFE_BOUND) && out.some((q) => q !== p && q.path === p.path && q.message.includes('limit'))
      ),
  )
}

const SAFE_BOUND = `must be <= ${Number.MAX_SAFE_INTEGER},`

const KIND_KEYS = oneOf(STEP_KINDS.map((k) => `"${k}"`))

/** Why a step object is no single kind of step, or null when it has exactly one kind key. */
function kindsMessage(step: Record<string, unknown>): string | null {
  const present = STEP_KINDS.filter((k) => k in step)
  if (present.length === 1) return null
  if (present.length === 0)
    return `a step needs one of ${KIND_KEYS} (found keys: ${Object.keys(step).join(', ') || 'none'})`
  return `a step has exactly one of ${KIND_KEYS}; this one has ${present.map((k) => `"${k}"`).join(' and ')}`
}

function fromIssue(iss: Issue, base: Path, root: unknown): Problem[] {
  const path = [...base, ...iss.path]
  const at = (message: string, p: Path = path): Problem => ({ path: jsonPath(p), message })
  const value = valueAt(root, path)
  switch (iss.code) {
    case 'invalid_type':
      return [
        at(
          value === undefined
            ? `is missing; expected ${expectedType(iss.expected)}`
            : `expected ${expectedType(iss.expected)}, got ${describeValue(value)}`,
        ),
      ]
    case 'too_small':
    case 'too_big': {
      // A bound from the limits registry says which limit it is.
      const note = iss.message.startsWith(LIMIT_MARKER) ? `; ${iss.message.slice(LIMIT_MARKER.length)}` : ''
      return [at(bound(iss, value) + note)]
    }
    case 'invalid_value':
      return [at(`expected ${oneOf(iss.values.map((v) => JSON.stringify(v)))}, got ${describeValue(value)}`)]
    case 'unrecognized_keys':
      return iss.keys.map((key) => at(unknownKey(iss.message, key), [...path, key]))
    case 'invalid_union':
      return fromUnion(iss, path, root)
    case 'invalid_key':
    case 'invalid_element':
      return iss.issues.flatMap((inner) => fromIssue(inner, path, root))
    default:
      return [at(iss.message)]
  }
}

function fromUnion(iss: z.core.$ZodIssueInvalidUnion, path: Path, root: unknown): Problem[] {
  // A discriminated union whose key matched no branch: zod names the key and the options.
  if (iss.discriminator !== undefined && 'options' in iss && iss.errors.length === 0) {
    const value = valueAt(root, path)
    const key = iss.discriminator
    const expected = `expected one of ${(iss.options ?? []).map(String).join(', ')}`
    const found = typeof value === 'string' ? JSON.stringify(value) : describeValue(value)
    const message = value === undefined ? `"${key}" is missing; ${expected}` : `unknown ${key} ${found}; ${expected}`
    return [{ path: jsonPath(path), message }]
  }
  return fromStepUnion(iss, path, root)
}

/** The only plain union in the schema is the step union: pick its branch by the step's key. */
function fromStepUnion(iss: z.core.$ZodIssueInvalidUnion, path: Path, root: unknown): Problem[] {
  const step = valueAt(root, path)
  const at = (message: string): Problem[] => [{ path: jsonPath(path), message }]
  if (!isPlainObject(step)) return at(`expected a step object, got ${describeValue(step)}`)
  const message = kindsMessage(step)
  if (message !== null) return at(message)
  const kind = STEP_KINDS.findIndex((k) => k in step)
  return (iss.errors[kind] ?? []).flatMap((inner) => fromIssue(inner, path, root))
}

function unknownKey(message: string, key: string): string {
  const shown = JSON.stringify(key)
  return message.includes(UNKNOWN_KEY_MARKER) ? message.replace(UNKNOWN_KEY_MARKER, shown) : `unknown key ${shown}`
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  tuple: 'an array',
  record: 'an object',
}

const expectedType = (t: string): string => TYPE_WORDS[t] ?? t

function bound(iss: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, value: unknown): string {
  const small = iss.code === 'too_small'
  const limit = Number(small ? (iss as z.core.$ZodIssueTooSmall).minimum : (iss as z.core.$ZodIssueTooBig).maximum)
  switch (iss.origin) {
    case 'array':
      if (small && limit === 1) return 'must not be empty'
      return `needs ${small ? 'at least' : 'at most'} ${limit} item${limit === 1 ? '' : 's'}`
    case 'string':
      if (small && limit === 1) return 'must not be empty'
      return `needs ${small ? 'at least' : 'at most'} ${limit} characters`
    default: {
      const op = small ? (iss.inclusive ? '>=' : '>') : iss.inclusive ? '<=' : '<'
      return `must be ${op} ${limit}, got ${describeValue(value)}`
    }
  }
}
