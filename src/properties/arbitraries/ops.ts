/**
 * Op templates: what a generated scenario does, before it is turned into scenario steps. A
 * template names its op and picks what it refers to by index into the things created so far, so
 * shrinking (dropping ops) never leaves a reference dangling: an index wraps around whatever
 * exists, and an op with nothing to refer to becomes the op that creates such a thing.
 */
import fc from 'fast-check'

/** Ops the generators know, grouped by concern. */
export const OP_FAMILIES = {
  chat: ['chat.send', 'chat.edit', 'chat.delete', 'chat.react'],
  kanban: ['kanban.addColumn', 'kanban.addCard', 'kanban.moveCard', 'kanban.updateCard', 'kanban.archiveCard'],
  issues: ['issues.create', 'issues.update', 'issues.comment', 'issues.close'],
  canvas: ['canvas.add', 'canvas.update', 'canvas.delete', 'canvas.undo', 'canvas.redo'],
  members: ['member.add', 'member.remove', 'member.updateRole'],
  disk: ['disk.write', 'disk.delete'],
} as const

export type Family = keyof typeof OP_FAMILIES
export type OpName = (typeof OP_FAMILIES)[Family][number]

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
