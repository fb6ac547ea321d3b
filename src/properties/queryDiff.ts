/**
 * How a final query's answer differs from what the scenario expects, one line per difference,
 * in words: `doing: unexpected "release notes v2"`, `missing "I'll bring a grill"`, `expected an
 * object, got a string "…"`. Empty when the query holds. Total over any JSON on either side: an
 * answer of another type than expected is a difference, never an error.
 */
import type { Operator } from '../sim/scenario/queries.ts'

/** Longest JSON shown for one value in a difference. */
const MAX_VALUE = 80

/** The differences of `actual` from `operator expected`; empty when it holds. */
export function differences(operator: Operator, expected: unknown, actual: unknown): string[] {
  switch (operator) {
    case 'equals':
      return equalsDiff(expected, actual, '')
    case 'count':
      return countDiff(expected, actual)
    case 'includes':
      return includesDiff(expected, actual, '')
    case 'excludes':
      return excludesDiff(expected, actual)
  }
}

/** `a list`, `an object`, `a string`, `a number`, `a boolean`, `null`. */
export function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (Array.isArray(v)) return 'a list'
  if (typeof v === 'object') return 'an object'
  return `a ${typeof v}`
}

/** JSON of `v`, clipped. */
export function show(v: unknown): string {
  const s = JSON.stringify(v) ?? 'undefined'
  return s.length <= MAX_VALUE ? s : `${s.slice(0, MAX_VALUE - 1)}…`
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

const at = (path: string): string => (path === '' ? '' : `${path}: `)
const keyPath = (path: string, key: string): string => {
  const k = /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key)
  return path === '' ? k : `${path}.${k}`
}

const sameKind = (a: unknown, b: unknown): boolean => kindOf(a) === kindOf(b)

const mismatch = (path: string, expected: unknown, actual: unknown): string => {
  const got = actual === null || actual === undefined ? 'null' : `${kindOf(actual)} ${show(actual)}`
  return `${at(path)}expected ${kindOf(expected)}, got ${got}`
}

function equalsDiff(expected: unknown, actual: unknown, path: string): string[] {
  if (deepEqual(expected, actual)) return []
  if (!sameKind(expected, actual)) return [mismatch(path, expected, actual)]
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const { missing, extra } = multisetDiff(expected, actual)
    if (missing.length === 0 && extra.length === 0)
      return [`${at(path)}same elements in another order: ${show(actual)}`]
    return [
      ...missing.map((x) => `${at(path)}missing ${show(x)}`),
      ...extra.map((x) => `${at(path)}unexpected ${show(x)}`),
    ]
  }
  if (isObject(expected) && isObject(actual)) {
    const out: string[] = []
    for (const [k, v] of Object.entries(expected)) {
      if (!(k in actual)) out.push(`${keyPath(path, k)}: missing (expected ${show(v)})`)
      else out.push(...equalsDiff(v, actual[k], keyPath(path, k)))
    }
    for (const [k, v] of Object.entries(actual))
      if (!(k in expected)) out.push(`${keyPath(path, k)}: unexpected ${show(v)}`)
    return out
  }
  return [`${at(path)}expected ${show(expected)}, got ${show(actual)}`]
}

function countDiff(expected: unknown, actual: unknown): string[] {
  const n = Array.isArray(actual) ? actual.length : isObject(actual) ? Object.keys(actual).length : undefined
  if (n === undefined)
    return [`expected a list or an object of ${show(expected)} entries, got ${kindOf(actual)} ${show(actual)}`]
  if (n === expected) return []
  const by = typeof expected === 'number' ? ` (${n > expected ? '+' : ''}${n - expected})` : ''
  return [`expected ${show(expected)} entries, got ${n}${by}`]
}

function includesDiff(expected: unknown, actual: unknown, path: string): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [mismatch(path, expected, actual)]
    return multisetDiff(expected, actual).missing.map((x) => `${at(path)}missing ${show(x)}`)
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return [mismatch(path, expected, actual)]
    return Object.entries(expected).flatMap(([k, v]) =>
      k in actual ? equalsDiff(v, actual[k], keyPath(path, k)) : [`${keyPath(path, k)}: missing (expected ${show(v)})`],
    )
  }
  if (Array.isArray(actual)) return actual.some((y) => deepEqual(expected, y)) ? [] : [`missing ${show(expected)}`]
  return equalsDiff(expected, actual, path)
}

function excludesDiff(expected: unknown, actual: unknown): string[] {
  if (Array.isArray(expected)) {
    const list = Array.isArray(actual) ? actual : []
    return expected.filter((x) => list.some((y) => deepEqual(x, y))).map((x) => `present ${show(x)}`)
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return []
    return Object.entries(expected)
      .filter(([k, v]) => k in actual && deepEqual(actual[k], v))
      .map(([k, v]) => `${keyPath('', k)}: present ${show(v)}`)
  }
  const present = Array.isArray(actual) ? actual.some((y) => deepEqual(expected, y)) : deepEqual(expected, actual)
  return present ? [`present ${show(expected)}`] : []
}

/** Elements of `expected` that `actual` lacks and elements of `actual` beyond `expected`, counting repeats. */
function multisetDiff(
  expected: readonly unknown[],
  actual: readonly unknown[],
): { missing: unknown[]; extra: unknown[] } {
  const left: (string | null)[] = actual.map((a) => canonText(a))
  const missing: unknown[] = []
  for (const e of expected) {
    const i = left.indexOf(canonText(e))
    if (i < 0) missing.push(e)
    else left[i] = null
  }
  const extra = actual.filter((_, i) => left[i] !== null)
  return { missing, extra }
}

/** Equal as JSON, whatever the order of object keys. */
export function deepEqual(a: unknown, b: unknown): boolean {
  return canonText(a) === canonText(b)
}

const canonText = (v: unknown): string => JSON.stringify(canon(v)) ?? 'undefined'

const canon = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canon)
    : v !== null && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, x]) => [k, canon(x)]),
        )
      : v
