/** A membership strategy whose views differ from another's in some fields (for mutants). */
import type { MembershipStrategy, MembershipView } from '../ports/membership.ts'

/**
 * Wraps `inner` so that every view it derives has the fields `change` gives it. The wrapped view
 * keeps the inner view's other fields (a profile's own extras included), so it can be handed back
 * to the inner strategy's attest and prune.
 */
export function overrideView(
  inner: MembershipStrategy,
  change: (v: MembershipView) => Partial<MembershipView>,
): MembershipStrategy {
  const wrapped = new WeakMap<MembershipView, MembershipView>()
  return {
    genesis: (ctx, members, svs) => inner.genesis(ctx, members, svs),
    apply: (ctx, view, kind, target, role, svs) => inner.apply(ctx, view, kind, target, role, svs),
    view(core) {
      const v = inner.view(core)
      let w = wrapped.get(v)
      if (!w) wrapped.set(v, (w = { ...v, ...change(v) }))
      return w
    },
    prune: (ctx, view, member) => inner.prune(ctx, view, member),
  }
}
