/**
 * Op templates: what a generated scenario does, before it is turned into scenario steps. A
 * template names its op and picks what it refers to by index into the things created so far, so
 * shrinking (dropping ops) never leaves a reference dangling: an index wraps around whatever
 * exists, and an op with nothing to refer to becomes the op that creates such a thing.
 */
import fc from 'fast-check'
import { OP_NAMES, OPS, type OpName as AnyOpName } from '../../engine/ops/registry.ts'
import { PROJECT_ONLY } from '../../sim/scenario/ops.ts'

/**
 * Ops of the registry the generators leave out, and why. Every other op is generated; a new op in
 * the registry is generated once buildScenario.ts gives its argument values (a test holds the two
 * together). Adding an op to a family changes every scenario that family generates for a seed.
 */
export const NOT_GENERATED = {
  'kanban.renameColumn': "column edits: no claim's plan asks for them yet (cardOneColumn moves cards)",
  'kanban.moveColumn': "column edits: no claim's plan asks for them yet (cardOneColumn moves cards)",
  'issues.editComment': "comment edits: no claim's plan asks for them yet",
  'issues.deleteComment': "comment edits: no claim's plan asks for them yet",
  'canvas.cursor': 'awareness only: it writes no document, so no claim about documents reads it',
} as const satisfies Partial<Record<AnyOpName, string>>

/** An op the generators produce. */
export type OpName = Exclude<AnyOpName, keyof typeof NOT_GENERATED>

/** The family of an op: the first part of its name (`chat.send`: chat); membership ops are `members`. */
const familyOf = (op: AnyOpName): string => {
  const prefix = op.slice(0, op.indexOf('.'))
  return prefix === 'member' ? 'members' : prefix
}

export type Family = 'chat' | 'kanban' | 'issues' | 'canvas' | 'members' | 'disk'

/** Generated ops grouped by family, in registry order. */
export const OP_FAMILIES: Readonly<Record<Family, readonly OpName[]>> = (() => {
  const out: Record<string, OpName[]> = {}
  for (const op of OP_NAMES) if (!(op in NOT_GENERATED)) (out[familyOf(op)] ??= []).push(op as OpName)
  return out as Record<Family, OpName[]>
})()

/** Whether a family writes a concern only projects have (kanban, issues). */
export const familyNeedsProject = (family: Family): boolean =>
  OP_FAMILIES[family].some((op) => PROJECT_ONLY.includes(OPS.get(op)!.concern))

export interface OpTemplate {
  /** Gap before the op, virtual ms. */
  readonly dt: number
  /** Issuing peer, by index (wraps around the peers). */
  readonly peer: number
  readonly op: OpName
  /** What the op refers to, by index into what exists (wraps around). */
  readonly ref: number
  /** A second choice (target column, field, role, member...). */
  readonly pick: number
  /** Also issued at the same moment by the next peer, on the same item (a staged conflict). */
  readonly twin: boolean
}

/** Weighted op names: whole families, and single ops weighted on top. */
export function opArb(
  families: Partial<Record<Family, number>>,
  ops: Partial<Record<OpName, number>> = {},
): fc.Arbitrary<OpName> {
  const fams = (Object.entries(families).filter(([, w]) => (w ?? 0) > 0) as [Family, number][]).map(
    ([family, weight]) => ({ arbitrary: fc.constantFrom(...OP_FAMILIES[family]), weight }),
  )
  const singles = (Object.entries(ops).filter(([, w]) => (w ?? 0) > 0) as [OpName, number][]).map(([op, weight]) => ({
    arbitrary: fc.constant(op),
    weight,
  }))
  return fc.oneof(...fams, ...singles)
}

/**
 * Op templates. `refs` bounds which existing item an op refers to (a small range makes ops meet
 * on the same items, so conflicts happen), `picks` bounds the second choice (field, column, role).
 */
export const templateArb = (
  ops: fc.Arbitrary<OpName>,
  maxGapMs: number,
  refs = 15,
  picks = 15,
  twins = 0.3,
): fc.Arbitrary<OpTemplate> =>
  fc.record({
    dt: fc.integer({ min: 0, max: maxGapMs }),
    peer: fc.nat(7),
    op: ops,
    ref: fc.nat(refs),
    pick: fc.nat(picks),
    // Weighted, and shrinking toward false: a counterexample keeps only the twins it needs.
    twin: fc.oneof(
      { arbitrary: fc.constant(false), weight: Math.round(10 * (1 - twins)) },
      { arbitrary: fc.constant(true), weight: Math.round(10 * twins) },
    ),
  })
