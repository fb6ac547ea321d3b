/**
 * How large a scenario may be: one registry, from which the schema's bounds (and so the JSON
 * Schema), the loader's checks, their messages and the README's table all follow. Each limit is
 * far above what a scenario written to test a claim needs, and low enough that every scenario
 * inside all of them runs (or ends in a liveness verdict) within about 30 s on 2 cores: the
 * reason beside each one says which cost it bounds, as measured (README, "Scenario limits").
 */
import { z } from 'zod'

export interface ScenarioLimit {
  /** The largest value allowed. */
  readonly max: number
  /** What is limited, as the README's table names it. */
  readonly what: string
  /** Why this value: the cost it bounds. */
  readonly why: string
}

/** Virtual milliseconds in a day. */
export const DAY_MS = 86_400_000

export const SCENARIO_LIMITS = {
  fileBytes: {
    max: 4 * 1_048_576,
    what: 'size of a scenario file, bytes',
    why: '10,000 verbose steps take about 2 MiB; the file is read whole, before anything else',
  },
  jsonDepth: {
    max: 64,
    what: 'nesting of arrays and objects',
    why: 'a scenario needs about 10 levels; every reader after JSON.parse (zod too) recurses',
  },
  steps: {
    max: 10_000,
    what: 'steps',
    why: 'steps are sorted and scheduled up front; ops cost more, and the op budget bounds them separately',
  },
  peers: {
    max: 64,
    what: 'peers',
    why: 'each peer is a replica with its own documents and store; anti-entropy grows with peers squared (sync budget)',
  },
  entities: { max: 64, what: 'entities', why: 'each entity has 3 to 5 documents per peer, synced every round' },
  members: {
    max: 63,
    what: 'members of an entity, beside its owner',
    why: 'members are peers: at most every other peer',
  },
  timeMs: {
    max: DAY_MS,
    what: 'simulated time of a step (`at`, `random.until`), ms',
    why: 'one simulated day; what a run costs is bounded by the op and sync budgets, this keeps clocks sane',
  },
  durationMs: {
    max: DAY_MS,
    what: 'other durations (`latencyMs`, `antiEntropyMs`, `everyMs`, `restartAfterMs`), ms',
    why: 'one simulated day, as for step times',
  },
  advanceDays: {
    max: 36_500,
    what: 'days jumped by all `advanceDays` steps together',
    why: 'a century; the virtual clock stays an exact integer of ms (1e300 days froze it, 2^53 ms loses precision)',
  },
  days: {
    max: 36_500,
    what: '`archiveAfterDays` and a `clockSkew` (as days, either sign)',
    why: 'a century, so every wall clock stays a valid date',
  },
  opDeliveries: {
    max: 5_000,
    what: 'op deliveries: ops (op steps and the expected draws of random steps) x (peers - 1)',
    why:
      'each op reaches every other replica, at 1-2.5 ms a delivery with the oracle watching (more as documents ' +
      'grow): 5,000 ops between 2 peers took 13.5 s, 1,000 ops among 6 took 6.5 s',
  },
  syncMessages: {
    max: 300_000,
    what:
      'anti-entropy messages: rounds x peers x (peers - 1) x documents x (1 + ops / 150), ' +
      'rounds = steps time / antiEntropyMs + 40',
    why:
      'each round every peer sends every other a digest per document, about 35 us each between small documents ' +
      'and more as they grow (the ops weight): at the limit alone 4 s, with 5,000 ops at the op limit 17 s ' +
      'measured (2 cores, load 1-2); `antiEntropyMs` 1 over a long run asked for millions',
  },
} as const satisfies Record<string, ScenarioLimit>

export type LimitName = keyof typeof SCENARIO_LIMITS

/** Marker the error formatter recognizes: the rest of the message says which limit was passed. */
export const LIMIT_MARKER = '\u0000limit\u0000'

/** The note a bound's message ends with. */
export const limitNote = (name: LimitName): string =>
  `the lab's limit on ${SCENARIO_LIMITS[name].what} (README, "Scenario limits")`

/** `z.number().max(limit)` whose error names the limit. */
export const capped = (schema: z.ZodNumber, name: LimitName): z.ZodNumber =>
  schema.max(SCENARIO_LIMITS[name].max, { error: `${LIMIT_MARKER}${limitNote(name)}` })

/** `z.array(...).max(limit)` whose error names the limit. */
export const cappedArray = <T extends z.ZodType>(schema: z.ZodArray<T>, name: LimitName): z.ZodArray<T> =>
  schema.max(SCENARIO_LIMITS[name].max, { error: `${LIMIT_MARKER}${limitNote(name)}` })

/** Between minus and plus the limit, times `unit` (a limit in days on a value in ms). */
export const within = (schema: z.ZodNumber, name: LimitName, unit = 1): z.ZodNumber => {
  const error = `${LIMIT_MARKER}${limitNote(name)}`
  return schema.min(-SCENARIO_LIMITS[name].max * unit, { error }).max(SCENARIO_LIMITS[name].max * unit, { error })
}

/** `12,345` */
export const thousands = (n: number): string => Math.round(n).toLocaleString('en-US')

/** The README's table of limits (a test holds the README to it). */
export function limitsTable(): string {
  const rows = Object.values(SCENARIO_LIMITS).map(
    (l: ScenarioLimit) => `| ${l.what} | ${thousands(l.max)} | ${l.why} |`,
  )
  return ['| limit | at most | why |', '|---|---|---|', ...rows].join('\n')
}
