/**
 * Fault plans as values: episodes that each become a pair of fault steps (partition/heal,
 * offline/online, crash/restart, hold/release, a lie and `honest`) or a clock skew. Plans shrink
 * toward fewer and shorter episodes, and toward the first peers.
 */
import fc from 'fast-check'

export type Episode =
  | { readonly kind: 'partition'; readonly at: number; readonly ms: number; readonly split: number }
  | { readonly kind: 'offline'; readonly at: number; readonly ms: number; readonly peer: number }
  | { readonly kind: 'crash'; readonly at: number; readonly ms: number; readonly peer: number; readonly torn: boolean }
  | { readonly kind: 'hold'; readonly at: number; readonly ms: number; readonly from: number; readonly to: number }
  | { readonly kind: 'skew'; readonly at: number; readonly peer: number; readonly skewMs: number }
  | {
      readonly kind: 'impersonate'
      readonly at: number
      readonly ms: number
      readonly peer: number
      readonly as: number
    }
  | { readonly kind: 'equivocate'; readonly at: number; readonly ms: number; readonly peer: number }

export type EpisodeKind = Episode['kind']

const timing = (horizon: number) => ({
  at: fc.integer({ min: 0, max: horizon }),
  ms: fc.integer({ min: 20, max: Math.max(40, horizon) }),
})

const EPISODES: Record<EpisodeKind, (horizon: number) => fc.Arbitrary<Episode>> = {
  partition: (h) => fc.record({ kind: fc.constant('partition' as const), ...timing(h), split: fc.nat(62) }),
  offline: (h) => fc.record({ kind: fc.constant('offline' as const), ...timing(h), peer: fc.nat(5) }),
  crash: (h) => fc.record({ kind: fc.constant('crash' as const), ...timing(h), peer: fc.nat(5), torn: fc.boolean() }),
  hold: (h) => fc.record({ kind: fc.constant('hold' as const), ...timing(h), from: fc.nat(5), to: fc.nat(5) }),
  skew: (h) =>
    fc.record({
      kind: fc.constant('skew' as const),
      at: fc.integer({ min: 0, max: h }),
      peer: fc.nat(5),
      skewMs: fc.integer({ min: -60_000, max: 60_000 }),
    }),
  impersonate: (h) =>
    fc.record({ kind: fc.constant('impersonate' as const), ...timing(h), peer: fc.nat(5), as: fc.nat(5) }),
  equivocate: (h) => fc.record({ kind: fc.constant('equivocate' as const), ...timing(h), peer: fc.nat(5) }),
}

/** `min` to `max` episodes of the given kinds within `[0, horizon]` ms. */
export function faultPlanArb(
  kinds: readonly EpisodeKind[],
  horizon: number,
  max: number,
  min = 0,
): fc.Arbitrary<Episode[]> {
  if (kinds.length === 0 || max === 0) return fc.constant([])
  return fc.array(fc.oneof(...kinds.map((k) => EPISODES[k](horizon))), { minLength: min, maxLength: max })
}

export interface NetworkPlan {
  readonly latencyMs: [number, number]
  readonly drop: number
  readonly duplicate: number
  readonly corrupt: number
  readonly reorder: boolean
  readonly antiEntropyMs: number
}

/** Message faults; each shrinks toward none. */
export function networkArb(opts: {
  drop?: boolean
  duplicate?: boolean
  corrupt?: boolean
}): fc.Arbitrary<NetworkPlan> {
  const rate = (on: boolean | undefined) => (on ? fc.constantFrom(0, 0.05, 0.15, 0.3) : fc.constant(0))
  return fc.record({
    latencyMs: fc
      .tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 80 }))
      .map(([a, b]) => [a, a + b] as [number, number]),
    drop: rate(opts.drop),
    duplicate: rate(opts.duplicate),
    corrupt: rate(opts.corrupt),
    reorder: fc.boolean().map((b) => !b),
    antiEntropyMs: fc.constantFrom(500, 250, 1000),
  })
}
