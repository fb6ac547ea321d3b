/** The `expect.final` queries of a scenario, run on the replicas after the drain. */
import { isLabError } from '../engine/base/errors.ts'
import { resolveRefs } from '../sim/run.ts'
import type { FinalQuery } from '../sim/scenario/model.ts'
import type { CheckContext } from './checks/check.ts'

export interface FinalQueryResult {
  readonly peer: string
  readonly query: string
  readonly entity: string
  readonly holds: boolean
  /** What the replica returned; with `*`, the common answer, or one per peer when they differ. */
  readonly actual: unknown
  readonly detail?: string
}

/** Runs one final query on the replicas it names; `$name` arguments name ids the run's steps created. */
export function runFinalQuery(ctx: CheckContext, q: FinalQuery): FinalQueryResult {
  const args = resolveRefs(q.args, ctx.run.bindings)
  if (args === null) {
    const detail =
      `an argument names an id no step created (the step with its "as" was ` + `refused): ${JSON.stringify(q.args)}`
    return { peer: q.peer, query: q.query, entity: q.entity, holds: false, actual: null, detail }
  }
  const peers = q.peer === '*' ? ctx.activeReplicas(q.entity).map((p) => p.name) : [q.peer]
  const answers: Record<string, unknown> = {}
  const failures: string[] = []
  for (const name of peers) {
    const p = ctx.world.peer(name)
    let actual: unknown
    try {
      actual = p.r.query(q.query, q.entity, args)
    } catch (e) {
      if (!isLabError(e)) throw e
      actual = { error: e.code, message: e.message }
    }
    answers[name] = actual
    const why = judge(q.operator, q.expected, actual)
    if (why) failures.push(`${name}: ${why}`)
  }
  const distinct = new Set(Object.values(answers).map((a) => JSON.stringify(a)))
  const actual = q.peer !== '*' || distinct.size === 1 ? Object.values(answers)[0] : answers
  return {
    peer: q.peer,
    query: q.query,
    entity: q.entity,
    holds: failures.length === 0 && peers.length > 0,
    actual,
    ...(failures.length ? { detail: failures.join('; ') } : {}),
  }
}

/** Why `actual` fails `operator expected`, or null when it holds. */
export function judge(operator: FinalQuery['operator'], expected: unknown, actual: unknown): string | null {
  const show = (v: unknown) => JSON.stringify(v)
  switch (operator) {
    case 'equals':
      return deepEqual(actual, expected) ? null : `expected ${show(expected)}, got ${show(actual)}`
    case 'count': {
      const n = Array.isArray(actual)
        ? actual.length
        : actual !== null && typeof actual === 'object'
          ? Object.keys(actual).length
          : undefined
      return n === expected ? null : `expected ${show(expected)} entries, got ${n ?? show(actual)}`
    }
    case 'includes':
    case 'excludes': {
      const want = operator === 'includes'
      const missing = contained(expected, actual).filter((ok) => ok !== want)
      return missing.length === 0 ? null : `${show(actual)} ${want ? 'does not include' : 'includes'} ${show(expected)}`
    }
  }
}

/** For each element (list) or field (object) of `expected`, whether `actual` holds it. */
function contained(expected: unknown, actual: unknown): boolean[] {
  if (Array.isArray(expected)) {
    const list = Array.isArray(actual) ? actual : []
    return expected.map((x) => list.some((y) => deepEqual(x, y)))
  }
  if (expected !== null && typeof expected === 'object') {
    const obj = (actual ?? {}) as Record<string, unknown>
    return Object.entries(expected).map(([k, v]) => k in obj && deepEqual(obj[k], v))
  }
  return [Array.isArray(actual) ? actual.some((y) => deepEqual(expected, y)) : deepEqual(expected, actual)]
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b))
}

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
