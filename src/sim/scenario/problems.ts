/**
 * Problems in a scenario file: a JSON path and what is wrong there. Schema issues from zod and
 * semantic findings both end up as `Problem`s, and all of them are reported together.
 */
import { LabError } from '../../engine/base/errors.ts'

export interface Problem {
  /** JSON path into the file, e.g. `$.steps[3].args.message`. */
  readonly path: string
  readonly message: string
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** `['steps', 3, 'args']` -> `$.steps[3].args`; keys that are not identifiers are quoted. */
export function jsonPath(segments: readonly PropertyKey[]): string {
  let out = '$'
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`
    else if (typeof s === 'string' && IDENTIFIER.test(s)) out += `.${s}`
    else out += `[${JSON.stringify(String(s))}]`
  }
  return out
}

/** A value and its type in words, for messages: `the string "x"`, `the number 3`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
    case 'number':
    case 'boolean':
      return `the ${typeof value} ${String(value)}`
    case 'object':
      return 'an object'
    default:
      return typeof value
  }
}

/** `a, b or c` */
export const oneOf = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`

/** Strict objects and their unknown-key marker are the engine's (op arguments use them too). */
export { strict, UNKNOWN_KEY_MARKER } from '../../engine/base/strictObject.ts'

/** One LabError BAD_SCENARIO listing every problem, each line `file: path: what`. */
export function scenarioError(source: string, problems: readonly Problem[]): LabError {
  const lines = problems.map((p) => `${p.path}: ${p.message}`)
  // LabError prefixes the first line with the file; the others get it here, so every line greps alike.
  const message = lines.map((line, i) => (i === 0 ? line : `${source}: ${line}`)).join('\n')
  return new LabError('BAD_SCENARIO', message, { path: source, details: { file: source, problems } })
}

/** The value at `path` inside `root`, or undefined when the path does not exist. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root
  for (const s of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<PropertyKey, unknown>)[s]
  }
  return v
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
