/**
 * The reference profile's membership: a deterministic fold over every membership op the core
 * document holds, in (Lamport stamp, issuer, key) order. Every replica that holds the same ops
 * computes the same result, whatever order they arrived in.
 *
 *   - an op counts only if its issuer is active with the needed role at that point of the fold,
 *     and is not fenced by one of the issuer's removals (an op outside a removal's causal past,
 *     unless the issuer was re-added by an op that saw the removal and the op saw the re-add);
 *   - remove wins: an add concurrent with a removal does not revive; an add that causally
 *     follows every removal of the member revives it;
 *   - a role is a LWW register ordered by the fold order, so a write that saw another wins.
 *
 * Concurrent removals of each other (alice removes bob while bob removes alice) are resolved by
 * the fold order: the first one in (stamp, issuer) order takes effect and fences the other.
 */
import type { MemberId } from '../base/ids.ts'
import type { EntitySvs } from '../ports/membership.ts'
import { allowsMembershipOp, type RoleTable } from '../ports/roles.ts'
import type { StructId } from '../base/yjsInternals.ts'
import { inPast, type StoredOp } from './membershipLog.ts'
import { LayeredMap } from '../base/layeredMap.ts'
import type { Role } from '../base/enums.ts'
import { firstIndex } from '../base/firstIndex.ts'

export interface Removal {
  readonly id: StructId
  readonly sv: EntitySvs
  /** Op key when the removal is still stored (not yet pruned into a fence record). */
  readonly key?: string
}

export interface Revival {
  readonly id: StructId
  readonly coreSv: Readonly<Record<string, number>>
}

export interface MemberState {
  active: boolean
  everActive: boolean
  role: Role
  joinedAt: number
  deletedAt: number
  deletedBy: MemberId
  readonly removals: Removal[]
  readonly revives: Revival[]
}

export interface FoldResult extends RoleTable {
  readonly states: ReadonlyMap<MemberId, MemberState>
  /** The ops that took effect, in fold order (for tests and the oracle's cross-check). */
  readonly applied: readonly StoredOp[]
  /** The last op folded (taken or not): an op after it in linear order may extend this fold. */
  readonly last: StoredOp | undefined
  /** Active members, sorted (computed once; an extended fold derives it from this one's). */
  active(): readonly MemberId[]
  /** Members no longer active that were removed at least once, sorted (the same way). */
  removed(): readonly MemberId[]
  /**
   * The fold of these ops and `more`, all of which come after `last` in linear order (see
   * `linearize`; not pre-applied ones): what `foldMembership` of the whole list gives, since an
   * op's fate depends only on the ops before it. This result is left as it was.
   */
  extend(more: readonly StoredOp[]): FoldResult
}

const fresh = (): MemberState => ({
  active: false,
  everActive: false,
  role: 'member',
  joinedAt: 0,
  deletedAt: 0,
  deletedBy: '',
  removals: [],
  revives: [],
})

const copyOf = (s: MemberState): MemberState => ({ ...s, removals: [...s.removals], revives: [...s.revives] })

/** Members of `states` for which `pick` holds, sorted; from `before` (sorted) when only `changed` differ. */
function membersWhere(
  states: ReadonlyMap<MemberId, MemberState>,
  pick: (s: MemberState) => boolean,
  before?: { readonly list: readonly MemberId[]; readonly changed: ReadonlySet<MemberId> },
): readonly MemberId[] {
  if (before === undefined) return [...states].flatMap(([m, s]) => (pick(s) ? [m] : [])).sort()
  if (before.changed.size === 0) return before.list
  const out = before.list.filter((m) => !before.changed.has(m))
  for (const m of before.changed) if (pick(states.get(m)!)) out.splice(sortedIndex(out, m), 0, m)
  return out
}

/** Where `m` goes in the sorted `list` (code-unit order, as `Array.prototype.sort`). */
const sortedIndex = (list: readonly string[], m: string): number => firstIndex(list.length, (i) => list[i]! >= m)

const isActive = (s: MemberState): boolean => s.active
const isRemoved = (s: MemberState): boolean => !s.active && s.removals.length > 0

/** A fold in progress: states it may change in place (`owned`) and the counts of active members and owners. */
class Folding {
  readonly owned = new Set<MemberState>()
  /** Members whose state this fold changed. */
  readonly changed = new Set<MemberId>()
  constructor(
    readonly states: LayeredMap<MemberId, MemberState>,
    readonly counts: { owners: number; active: number },
    /** Ops taken, in order: shared with the fold this one continues (see `result`). */
    readonly applied: StoredOp[],
    private readonly rules: MembershipRules,
    /** The sorted lists of the fold this one continues, where that fold had computed them. */
    private readonly before: { active?: readonly MemberId[]; removed?: readonly MemberId[] } = {},
  ) {}

  readonly table: RoleTable = {
    roleOf: (m) => (this.states.get(m)?.active ? this.states.get(m)!.role : undefined),
    owners: () => this.counts.owners,
  }

  /** The state of `m`, owned by this fold (copied on first change when it came from an earlier one). */
  private own(m: MemberId): MemberState {
    const s = this.states.get(m)
    if (s !== undefined && this.owned.has(s)) return s
    const mine = s === undefined ? fresh() : copyOf(s)
    this.states.set(m, mine)
    this.owned.add(mine)
    this.changed.add(m)
    return mine
  }

  take(op: StoredOp): void {
    // A pre-applied op (from a pruned member's fence record) took effect when it was live.
    if (
      !op.preapplied &&
      (op.author !== op.entry.by || !admits(op, this.states, this.table, this.counts.active > 0, this.rules))
    )
      return
    const t = this.own(op.target)
    if (t.active) this.counts.active--
    if (t.active && t.role === 'owner') this.counts.owners--
    apply(op, t)
    if (t.active) this.counts.active++
    if (t.active && t.role === 'owner') this.counts.owners++
    this.applied.push(op)
  }

  result(last: StoredOp | undefined): FoldResult {
    const { states, counts, rules, changed, before } = this
    // Continued folds share one growing array of taken ops, each knowing its length.
    const all = this.applied
    const length = all.length
    const roleOf = (m: MemberId) => (states.get(m)?.active ? states.get(m)!.role : undefined)
    const owners = counts.owners
    let active: readonly MemberId[] | undefined
    let removed: readonly MemberId[] | undefined
    const from = (list: readonly MemberId[] | undefined) => list && { list, changed }
    return {
      states,
      get applied() {
        return all.length === length ? all : all.slice(0, length)
      },
      last,
      roleOf,
      owners: () => owners,
      active: () => (active ??= membersWhere(states, isActive, from(before.active))),
      removed: () => (removed ??= membersWhere(states, isRemoved, from(before.removed))),
      extend: (more) => {
        // Another continuation took the shared array further: this one starts from a copy.
        const ops = all.length === length ? all : all.slice(0, length)
        const next = new Folding(new LayeredMap(states), { ...counts }, ops, rules, { active, removed })
        for (const op of more) next.take(op)
        return next.result(more.at(-1) ?? last)
      },
    }
  }
}

/**
 * Folds linearized ops (see `linearize`; fence records' ops included, marked pre-applied).
 * O(n log n).
 */
export function foldMembership(
  ops: readonly StoredOp[],
  rules: MembershipRules = REFERENCE_MEMBERSHIP_RULES,
): FoldResult {
  const f = new Folding(new LayeredMap(), { owners: 0, active: 0 }, [], rules)
  const seen = new Set<string>()
  for (const op of ops) {
    const id = `${op.id.client}.${op.id.clock}`
    if (seen.has(id)) continue
    seen.add(id)
    f.take(op)
  }
  return f.result(ops.at(-1))
}

function admits(
  op: StoredOp,
  states: ReadonlyMap<MemberId, MemberState>,
  table: RoleTable,
  anyoneActive: boolean,
  rules: MembershipRules,
): boolean {
  const e = op.entry
  // Genesis: with nobody active (the last owner can never leave), only an owner adding themselves counts.
  if (!anyoneActive) return e.k === 'add' && op.target === e.by && e.r === 'owner'
  const issuer = states.get(e.by)
  if (!issuer?.active || rules.fenced(issuer, op.id, e.sv.core)) return false
  if (!allowsMembershipOp(table, e.by, e.k, op.target, e.r)) return false
  if (e.k === 'add') {
    const t = states.get(op.target)
    if (t && !t.active && !rules.revives(t, e.sv.core)) return false
  }
  return true
}

/**
 * The fold's conflict rules, as one strategy (mutation tests swap in broken ones): whether an
 * add revives a removed member, and whether a member's write is fenced by its removals.
 */
export interface MembershipRules {
  /** May an add whose issuer had core state vector `addSv` revive `target`, a removed member? */
  revives(target: MemberState, addSv: Readonly<Record<string, number>> | undefined): boolean
  /** See `fencedBy`. */
  fenced: typeof fencedBy
}

/** Remove wins: an add revives only if it saw every removal of the target. Fencing: `fencedBy`. */
export const REFERENCE_MEMBERSHIP_RULES: MembershipRules = {
  revives: (target, addSv) => target.removals.every((r) => inPast(r.id, addSv)),
  fenced: (s, id, coreSv, concernSv) => fencedBy(s, id, coreSv, concernSv),
}

/**
 * True when a write by this member (struct `id`, whose writer had core state vector `coreSv`)
 * is fenced: outside the causal past of one of the member's removals and not after a re-add
 * that saw that removal.
 */
export function fencedBy(
  s: MemberState,
  id: StructId,
  coreSv: Readonly<Record<string, number>> | undefined,
  concernSv?: (r: Removal) => Readonly<Record<string, number>> | undefined,
): boolean {
  for (const r of s.removals) {
    const svOfConcern = concernSv ? concernSv(r) : r.sv.core
    if (inPast(id, svOfConcern)) continue
    if (s.revives.some((a) => inPast(r.id, a.coreSv) && inPast(a.id, coreSv))) continue
    return true
  }
  return false
}

function apply(op: StoredOp, t: MemberState): void {
  const e = op.entry
  if (e.k === 'remove') {
    t.active = false
    t.removals.push({ id: op.id, sv: e.sv, key: op.key })
    t.deletedAt = e.t
    t.deletedBy = e.by
    return
  }
  if (e.k === 'add' && !t.active) {
    if (t.removals.length > 0) t.revives.push({ id: op.id, coreSv: e.sv.core ?? {} })
    t.active = true
    t.everActive = true
    t.joinedAt = e.t
    t.deletedAt = 0
    t.deletedBy = ''
  }
  if (e.r) t.role = e.r
}
