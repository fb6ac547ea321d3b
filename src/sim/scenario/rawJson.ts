/**
 * Checks on a scenario's raw JSON value, before zod sees it. JSON.parse keeps `"__proto__"` as an
 * own key, but zod's records and every object spread drop it (or, assigned, it would set the
 * prototype): a member listed as `"__proto__"` would vanish without a word. `constructor` and
 * `prototype` are refused with it, as names no scenario needs and many readers treat specially.
 * Depth is checked here too, without recursion, for values that did not come through
 * `parseJsonText` (a library caller's object).
 */
import { MAX_JSON_DEPTH } from './jsonText.ts'
import { jsonPath, type Problem } from './problems.ts'

/** Keys no scenario may use anywhere. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype']

/** Problems reported at most (a generated file could have a million). */
const MAX_REPORTED = 20

/** Forbidden keys anywhere in `value`, and nesting deeper than `MAX_JSON_DEPTH`. */
export function rawJsonProblems(value: unknown): Problem[] {
  const problems: Problem[] = []
  const stack: { v: unknown; path: PropertyKey[] }[] = [{ v: value, path: [] }]
  while (stack.length > 0 && problems.length < MAX_REPORTED) {
    const { v, path } = stack.pop()!
    if (v === null || typeof v !== 'object') continue
    if (path.length >= MAX_JSON_DEPTH) {
      problems.push({
        path: jsonPath(path),
        message: `nested deeper than ${MAX_JSON_DEPTH} levels of arrays and objects; flatten the data`,
      })
      continue
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] })
      continue
    }
    const keys = Object.keys(v)
    for (const key of keys.filter((k) => FORBIDDEN_KEYS.includes(k)))
      problems.push({
        path: jsonPath([...path, key]),
        message:
          `the key ${JSON.stringify(key)} is not allowed (JavaScript gives it a special meaning, ` +
          'so it would be lost or misread); rename it',
      })
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!
      if (!FORBIDDEN_KEYS.includes(key)) stack.push({ v: (v as Record<string, unknown>)[key], path: [...path, key] })
    }
  }
  return problems
}
