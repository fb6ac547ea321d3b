/**
 * Step schemas. A step is recognized by the one key only its kind has: `op`, `fault`,
 * `advanceDays`, `random`, `deliver` or `sync` (`STEP_KINDS`, in the order of `StepSchema`'s
 * branches, which the error formatter relies on to explain a step that matches none).
 */
import { z } from 'zod'
import { argsField, OPS, OP_NAMES, type OpName } from './ops.ts'
import { capped, DAY_MS, within } from './limits.ts'
import { strict } from './problems.ts'

export const STEP_KINDS = ['op', 'fault', 'advanceDays', 'random', 'deliver', 'sync'] as const
export type StepKind = (typeof STEP_KINDS)[number]

/** Virtual milliseconds of a duration (a latency, a period, a delay). */
export const Ms = capped(z.number().int().min(0), 'durationMs')
/** Virtual time of a step. */
const Time = capped(z.number().int().min(0), 'timeMs')
const At = Time.describe('virtual time in ms; steps run in order of "at", ties in file order')
const Peer = z.string().describe('a peer name')

/** Names given with `as` and used as `"$name"`. */
export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/
const As = z
  .string()
  .regex(NAME_PATTERN, {
    error: 'must be a name of up to 64 letters, digits, "_" or "-", not starting with a digit or "-"',
  })
  .describe('names the id this op creates, for "$name" references in later steps')

function opStep<N extends OpName>(name: N) {
  return strict({
    at: At,
    peer: Peer,
    op: z.literal(name),
    entity: z.string(),
    args: argsField(OPS[name].args),
    as: As.optional(),
  })
}

export const OpStepSchema = z.discriminatedUnion(
  'op',
  OP_NAMES.map(opStep) as unknown as [ReturnType<typeof opStep>, ...ReturnType<typeof opStep>[]],
)

const faultStep = <F extends string, S extends z.ZodRawShape>(fault: F, shape: S) =>
  strict({ at: At, fault: z.literal(fault), ...shape })
const link = { from: Peer, to: Peer }

export const FaultStepSchema = z.discriminatedUnion('fault', [
  faultStep('partition', {
    groups: z
      .array(z.array(Peer).min(1))
      .min(1)
      .describe('links between groups are cut; peers in no group form one more group'),
  }),
  faultStep('heal', {}),
  faultStep('offline', { peer: Peer }),
  faultStep('online', { peer: Peer }),
  faultStep('crash', {
    peer: Peer,
    tornWrite: z.boolean().default(false).describe('the last write is torn (default false)'),
  }),
  faultStep('restart', { peer: Peer }),
  faultStep('hold', link),
  faultStep('release', link),
  faultStep('clockSkew', {
    peer: Peer,
    ms: within(z.number().int(), 'days', DAY_MS).describe("offset of the peer's wall clock, ms"),
  }),
  faultStep('impersonate', {
    peer: Peer.describe('the lying peer: from now on it writes as "as" and skips its own access checks'),
    as: Peer.describe('the peer (member) it claims to be'),
  }),
  faultStep('equivocate', {
    peer: Peer.describe(
      'the lying peer: from now on it sends different updates under the same Yjs ids to different peers',
    ),
  }),
  faultStep('honest', { peer: Peer.describe('the lying peer: it stops impersonating and equivocating') }),
])
export type FaultSpec = z.output<typeof FaultStepSchema>
export type FaultName = FaultSpec['fault']
export const FAULT_NAMES: readonly FaultName[] = FaultStepSchema.options.map((o) => o.shape.fault.value)

export const AdvanceDaysStepSchema = strict({
  at: At,
  advanceDays: capped(z.number().positive(), 'advanceDays').describe('jump the virtual clock by this many days'),
})

/** Weights by op name; unknown names are reported as unknown ops. */
const Mix = strict(
  Object.fromEntries(OP_NAMES.map((n) => [n, z.number().min(0).optional()])) as Record<
    OpName,
    z.ZodOptional<z.ZodNumber>
  >,
  'op',
)

export const RANDOM_EVERY_MS_DEFAULT: readonly [number, number] = [10, 100]

export const RandomStepSchema = strict({
  at: At,
  random: strict({
    until: Time.describe('generate ops until this virtual time (ms)'),
    everyMs: z
      .tuple([Ms.min(1), Ms.min(1)])
      .optional()
      .describe('gap between ops, uniform in [min, max] ms (default [10, 100])'),
    peers: z.array(Peer).min(1).optional().describe("peers that issue ops (default: the entity's owner and members)"),
    entity: z.string(),
    mix: Mix.describe('relative weights of the ops to generate'),
  }),
})

/** What a `deliver` step does with the message it names. */
export const DELIVER_FATES = ['deliver', 'drop', 'duplicate'] as const
export type DeliverFate = (typeof DELIVER_FATES)[number]

/** Hands one message over (a scripted network delivers nothing else during the steps). */
export const DeliverStepSchema = strict({
  at: At,
  deliver: strict({
    from: Peer.describe('the sender'),
    to: Peer.describe('the recipient'),
    seq: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('the seq-th message the sender sent the recipient, counting from 1 (default: the oldest in flight)'),
    fate: z
      .enum(DELIVER_FATES)
      .optional()
      .describe(
        '"deliver" (default) hands it over; "drop" loses it; "duplicate" hands a copy over and keeps ' +
          'the message in flight for a later step',
      ),
  }),
})

/** One anti-entropy exchange started by a peer: its digests to every other peer. */
export const SyncStepSchema = strict({
  at: At,
  sync: Peer.describe('the peer that sends anti-entropy digests of every entity to every other peer'),
})

/** Any step; branch order is `STEP_KINDS`. */
export const StepSchema = z.union([
  OpStepSchema,
  FaultStepSchema,
  AdvanceDaysStepSchema,
  RandomStepSchema,
  DeliverStepSchema,
  SyncStepSchema,
])
