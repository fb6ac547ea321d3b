/**
 * What each claim's property generates: which ops, which faults, which message faults. Every
 * plan is a full scenario (2 to 6 peers, up to 50 ops, faults on) tilted so that its claim
 * applies often; shrinking heads for fewer peers, ops and faults.
 */
import fc from 'fast-check'
import type { CheckName } from '../../sim/scenario/schema.ts'
import type { FallbackPlan, Plan } from './buildScenario.ts'
import { faultPlanArb, networkArb, type EpisodeKind } from './faults.ts'
import { familyNeedsProject, opArb, templateArb, type Family, type OpName } from './ops.ts'

export interface PlanShape {
  readonly families: Partial<Record<Family, number>>
  /** Single ops weighted on top of the families. */
  readonly ops?: Partial<Record<OpName, number>>
  /** Range of item references (small: ops meet on the same items) and of second choices. */
  readonly refs?: number
  readonly picks?: number
  readonly faults: readonly EpisodeKind[]
  /** Fewest fault episodes (so a claim about faults applies). */
  readonly minFaults?: number
  readonly net?: { drop?: boolean; duplicate?: boolean; corrupt?: boolean }
  /** Members may lack a role (non-members). */
  readonly nonMembers?: boolean
  /** Every member is an admin (membership races need several peers allowed to manage members). */
  readonly admins?: boolean
  /** Share of ops issued twice at once by two peers on the same item (staged conflicts); default 0.3. */
  readonly twins?: number
  readonly maxOps?: number
  readonly gapMs?: number
  /** Scale the SQL fallback down (small thresholds, a one-day archive age, jumps of the clock, failpoint crashes). */
  readonly fallback?: boolean
}

const ALL_FAULTS: readonly EpisodeKind[] = ['partition', 'offline', 'crash', 'hold', 'skew']
/** A lying peer (issue 15): `access` must refuse what it forges, `convergence` hold among honest replicas. */
const LIES: readonly EpisodeKind[] = ['impersonate', 'equivocate']

export const PLANS: Record<CheckName, PlanShape> = {
  convergence: {
    families: { chat: 3, kanban: 2, issues: 2, canvas: 2, members: 1, disk: 1 },
    faults: [...ALL_FAULTS, ...LIES],
    net: { drop: true, duplicate: true, corrupt: true },
  },
  differentFields: {
    families: { issues: 1, canvas: 1 },
    ops: { 'issues.update': 8, 'canvas.update': 6, 'kanban.updateCard': 4, 'kanban.addCard': 1 },
    refs: 1,
    picks: 4,
    faults: ['partition', 'hold', 'offline'],
    minFaults: 1,
    gapMs: 25,
  },
  lww: {
    families: { issues: 1, canvas: 1 },
    ops: { 'issues.update': 8, 'canvas.update': 6, 'chat.edit': 4, 'kanban.updateCard': 4, 'kanban.addCard': 1 },
    refs: 1,
    picks: 1,
    faults: ['partition', 'hold', 'offline', 'skew'],
    minFaults: 1,
    gapMs: 25,
  },
  deletionWins: {
    families: { chat: 2 },
    ops: { 'chat.edit': 3, 'chat.delete': 3, 'member.remove': 6, 'member.add': 2 },
    refs: 1,
    picks: 3,
    faults: ['partition', 'hold', 'offline'],
    minFaults: 1,
    gapMs: 25,
    twins: 0.6,
  },
  cardOneColumn: {
    families: { kanban: 1 },
    ops: { 'kanban.moveCard': 8, 'kanban.addColumn': 1 },
    refs: 1,
    picks: 3,
    faults: ['partition', 'hold', 'offline'],
    minFaults: 1,
    gapMs: 25,
  },
  // Canvas undo and redo with deletes and prunes: an undo that brings an element back must never
  // race the element's prune (the in-place revival the 500-seed swarm sweep caught).
  pruneSafety: {
    families: { chat: 2, canvas: 3, members: 1, kanban: 1 },
    ops: { 'canvas.delete': 2, 'canvas.undo': 4, 'canvas.redo': 3 },
    refs: 2,
    gapMs: 20,
    faults: ALL_FAULTS,
    minFaults: 1,
    net: { drop: true },
  },
  pruneLiveness: {
    families: { chat: 3, kanban: 1, issues: 1, members: 1, canvas: 2 },
    faults: ALL_FAULTS,
    net: { drop: true, duplicate: true },
  },
  offlineFirst: { families: { chat: 3, issues: 1, canvas: 1 }, faults: ['offline'], minFaults: 2 },
  idempotence: { families: { chat: 3, kanban: 1, issues: 1 }, faults: ['partition', 'hold'], net: { duplicate: true } },
  persistence: { families: { chat: 3, kanban: 1, issues: 1 }, faults: ['crash'], minFaults: 1 },
  sizeThreshold: {
    families: { chat: 3, kanban: 1, issues: 1 },
    ops: { 'chat.send': 6, 'kanban.addCard': 1, 'issues.create': 1 },
    faults: ['offline', 'crash', 'partition'],
    fallback: true,
  },
  noLoss: {
    families: { chat: 3, kanban: 2, issues: 2, members: 1 },
    ops: { 'chat.send': 4, 'kanban.addCard': 2, 'issues.create': 2 },
    faults: ['offline', 'crash', 'partition'],
    minFaults: 1,
    fallback: true,
  },
  access: {
    families: { members: 3, chat: 2, issues: 1 },
    refs: 2,
    picks: 5,
    faults: ['partition', 'hold', 'offline', ...LIES],
    minFaults: 1,
    nonMembers: true,
  },
}

/** The plan arbitrary of one claim. */
export function planArb(shape: PlanShape): fc.Arbitrary<Plan> {
  const needsProject = (Object.keys(shape.families) as Family[]).some(familyNeedsProject)
  const maxOps = shape.maxOps ?? 50
  const gap = shape.gapMs ?? 40
  const horizon = Math.min(1500, (maxOps * gap) / 2)
  const role = shape.admins
    ? fc.constant('admin' as const)
    : shape.nonMembers
      ? fc.constantFrom('member' as const, 'admin' as const, 'none' as const)
      : fc.constantFrom('member' as const, 'admin' as const)
  const faults = faultPlanArb(shape.faults, horizon, 4, shape.minFaults ?? 0)
  return fc.record({
    seed: fc.integer({ min: 1, max: 0x7fffffff }),
    peers: fc.integer({ min: 2, max: 6 }),
    entityType: needsProject
      ? fc.constant('project' as const)
      : fc.constantFrom('group' as const, 'channel' as const, 'organization' as const, 'project' as const),
    roles: fc.array(role, { minLength: 5, maxLength: 5 }),
    ops: fc.array(templateArb(opArb(shape.families, shape.ops), gap, shape.refs, shape.picks, shape.twins), {
      minLength: 4,
      maxLength: maxOps,
      size: 'medium',
    }),
    faults,
    network: networkArb(shape.net ?? {}),
    ...(shape.fallback ? { fallback: fallbackArb(horizon) } : {}),
  })
}

/**
 * The fallback scaled down: thresholds a few dozen items pass, a one-day archive age, one or two
 * jumps of two or three days inside the ops' timeline (what was written before a jump is old
 * after it), and sometimes a peer crashing at a failpoint. Shrinks toward one jump and no crash.
 */
function fallbackArb(horizon: number): fc.Arbitrary<FallbackPlan> {
  const bytes = fc.constantFrom(1024, 2048, 3072)
  return fc.record({
    thresholds: fc.record({ chat: bytes, kanban: bytes, issues: bytes }),
    archiveAfterDays: fc.constant(1),
    days: fc.array(fc.record({ at: fc.integer({ min: 0, max: horizon }), days: fc.constantFrom(2, 3) }), {
      minLength: 1,
      maxLength: 2,
    }),
    crashAfter: fc.option(
      fc.record({ peer: fc.nat(5), point: fc.constantFrom('sql' as const, 'crdt' as const), torn: fc.boolean() }),
      { nil: undefined },
    ),
  })
}
