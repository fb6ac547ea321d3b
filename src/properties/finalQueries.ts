/**
 * The `expect.final` queries of a scenario, run on the replicas after the drain. A result says
 * what was asked (query, arguments as written, operator, expected), what the replicas answered,
 * and, when it fails, how the answer differs (queryDiff.ts). An answer of another type than the
 * expectation fails the query; it never stops the run.
 */
import { isLabError } from '../engine/base/errors.ts'
import { resolveRefs } from '../sim/events.ts'
import type { FinalQuery } from '../sim/scenario/model.ts'
import type { Operator } from '../sim/scenario/queries.ts'
import type { CheckContext } from './checks/check.ts'
import { Namer } from './naming/namer.ts'
import { differences } from './queryDiff.ts'

export interface FinalQueryResult {
  readonly peer: string
  readonly query: string
  readonly holds: boolean
  /** What the replica returned; with `*`, the common answer, or one per peer when they differ. */
  readonly actual: unknown
  /** Set when `actual` holds one answer per peer (with `*`, the replicas answered differently). */
  readonly actualPerPeer?: true
  readonly entity: string
  /** The query's arguments as the scenario wrote them (`$name` references kept); absent when none. */
  readonly args?: Readonly<Record<string, unknown>>
  readonly operator: Operator
  readonly expected: unknown
  /**
   * When it fails: how the answer differs from the expectation, one line per difference; with
   * `*` and answers that differ between peers, each line starts with the peer (`alice: …`).
   */
  readonly diff?: readonly string[]
  /** Why it fails, in a sentence. */
  readonly detail?: string
}

/** Runs one final query on the replicas it names; `$name` arguments name ids the run's steps created. */
export function runFinalQuery(ctx: CheckContext, q: FinalQuery, namer: Namer = new Namer()): FinalQueryResult {
  const asked = {
    entity: q.entity,
    ...(Object.keys(q.args).length > 0 ? { args: q.args } : {}),
    operator: q.operator,
    expected: q.expected,
  }
  const args = resolveRefs(q.args, ctx.run.bindings)
  if (args === null) {
    const detail =
      `an argument names an id no step created (the step with its "as" was refused): ` + JSON.stringify(q.args)
    return { peer: q.peer, query: q.query, holds: false, actual: null, ...asked, detail }
  }
  const peers = q.peer === '*' ? ctx.activeReplicas(q.entity).map((p) => p.name) : [q.peer]
  const answers: Record<string, unknown> = {}
  for (const name of peers) answers[name] = answer(ctx, name, q, args)
  const distinct = new Set(Object.values(answers).map((a) => JSON.stringify(a)))
  const common = q.peer !== '*' || distinct.size === 1
  const actual = common ? Object.values(answers)[0] : answers
  const diff = common
    ? differences(q.operator, q.expected, actual)
    : peers.flatMap((p) => differences(q.operator, q.expected, answers[p]).map((d) => `${p}: ${d}`))
  const failing = peers.filter((p) => differences(q.operator, q.expected, answers[p]).length > 0)
  const holds = failing.length === 0 && peers.length > 0
  const detail =
    peers.length === 0
      ? `no active member's replica of ${q.entity} to ask`
      : holds
        ? undefined
        : `${failing.join(', ')} ${failing.length === 1 ? 'answers' : 'answer'} otherwise: ` +
          namer.text(diff.join('; '))
  return {
    peer: q.peer,
    query: q.query,
    holds,
    actual,
    ...(common ? {} : { actualPerPeer: true as const }),
    ...asked,
    ...(holds ? {} : { diff: diff.map((d) => namer.text(d)) }),
    ...(detail === undefined ? {} : { detail }),
  }
}

function answer(ctx: CheckContext, peer: string, q: FinalQuery, args: Record<string, unknown>): unknown {
  try {
    return ctx.world.peer(peer).r.query(q.query, q.entity, args)
  } catch (e) {
    if (!isLabError(e)) throw e
    return { error: e.code, message: e.message }
  }
}

/** Why `actual` fails `operator expected`, or null when it holds. */
export function judge(operator: Operator, expected: unknown, actual: unknown): string | null {
  const d = differences(operator, expected, actual)
  return d.length === 0 ? null : d.join('; ')
}
