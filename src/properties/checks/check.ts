/**
 * What a check is: a claim of the spec (its own sentence), and an evaluation over a finished run.
 * A check that does not apply to a run says so (`evaluated: false`); it never passes by default.
 */
import type { EntityId, MemberId } from '../../engine/base/ids.ts'
import type { SimPeer } from '../../sim/peer.ts'
import type { SimRun } from '../../sim/run.ts'
import type { CheckName } from '../../sim/scenario/schema.ts'
import type { World } from '../../sim/world.ts'
import { ran, type RanOp } from '../oracle/causal.ts'
import type { History } from '../oracle/history.ts'
import { membershipModel, type MembershipModel } from '../oracle/membershipModel.ts'

export type CheckOutcome =
  | { readonly evaluated: false; readonly detail?: string }
  | { readonly evaluated: true; readonly holds: boolean; readonly detail: string }

export interface Check {
  readonly name: CheckName
  /** The spec's claim, in its own words. */
  readonly claim: string
  evaluate(ctx: CheckContext): CheckOutcome
}

export const notEvaluated = (detail?: string): CheckOutcome =>
  detail ? { evaluated: false, detail } : { evaluated: false }
export const holds = (detail = ''): CheckOutcome => ({ evaluated: true, holds: true, detail })
export const fails = (detail: string): CheckOutcome => ({ evaluated: true, holds: false, detail })

/** A verdict from a list of violations: holds when empty, else the first few, counted. */
export function verdict(violations: readonly string[], evaluated: boolean, what = ''): CheckOutcome {
  if (!evaluated) return notEvaluated(what)
  if (violations.length === 0) return holds(what)
  const more = violations.length > 3 ? ` (and ${violations.length - 3} more)` : ''
  return fails(`${violations.slice(0, 3).join('; ')}${more}`)
}

/** What checks read: the run, the oracle's history and derived models. */
export class CheckContext {
  private readonly models = new Map<EntityId, MembershipModel>()
  readonly ops: readonly RanOp[]

  constructor(
    readonly run: SimRun,
    readonly history: History,
  ) {
    this.ops = history.ops.filter(ran)
  }

  get world(): World {
    return this.run.world
  }

  /** The oracle's membership model of an entity, from every op of the run. */
  model(entity: EntityId): MembershipModel {
    let m = this.models.get(entity)
    if (!m) {
      const decl = this.run.scenario.entities.find((e) => e.id === entity)
      if (!decl) throw new Error(`no entity ${entity}`)
      m = membershipModel(decl, this.ops)
      this.models.set(entity, m)
    }
    return m
  }

  /**
   * Running honest peers that are active members of `entity`, by the model or by their own view. A
   * peer that lied during the run (`impersonate`, `equivocate`) is judged by what honest replicas
   * show of it, never by its own replica.
   */
  activeReplicas(entity: EntityId): SimPeer[] {
    const model = new Set<MemberId>(this.model(entity).active)
    return [...this.world.peers.values()].filter(
      (p) =>
        p.up &&
        !this.world.lies.liars.has(p.name) &&
        (model.has(p.name) || p.r.membership(entity).roleOf(p.name) !== undefined),
    )
  }

  entities(): readonly EntityId[] {
    return this.run.scenario.entities.map((e) => e.id)
  }
}
