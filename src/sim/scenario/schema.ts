/**
 * The scenario file, version 1 (DESIGN §4), as one zod schema: the parser, the TypeScript
 * types of the raw file and the JSON Schema for editors all come from it. Objects are strict:
 * an unknown key is an error naming the keys allowed.
 */
import { z } from 'zod'
import type { Concern } from '../../engine/base/ids.ts'
import { FALLBACK_CONCERNS } from '../../engine/fallback/concerns.ts'
import { capped, cappedArray } from './limits.ts'
import { strict } from './problems.ts'
import { FinalQuerySchema } from './queries.ts'
import { DELIVERY_MODES } from '../networkConfig.ts'
import { Ms, StepSchema } from './steps.ts'
import { PROFILE_NAMES, ROLES, type ProfileName } from '../../engine/base/enums.ts'

/** Names of the claims catalogue (DESIGN §3). */
export const CHECK_NAMES = [
  'convergence',
  'differentFields',
  'lww',
  'deletionWins',
  'cardOneColumn',
  'pruneSafety',
  'pruneLiveness',
  'offlineFirst',
  'idempotence',
  'persistence',
  'sizeThreshold',
  'noLoss',
  'access',
] as const
export type CheckName = (typeof CHECK_NAMES)[number]

/** The engine profiles a scenario may name (the engine's list: base/enums.ts). */
export const PROFILES = PROFILE_NAMES
export type Profile = ProfileName

const Probability = z.number().min(0).max(1)

const NetworkSchema = strict({
  latencyMs: z.tuple([Ms, Ms]).optional().describe('uniform per message, [min, max] ms (default [5, 50])'),
  drop: Probability.optional().describe('probability a message is lost (default 0)'),
  duplicate: Probability.optional().describe('probability a message is delivered twice (default 0)'),
  corrupt: Probability.optional().describe('probability a transmission is damaged (default 0)'),
  reorder: z.boolean().optional().describe('true: messages may overtake; false: FIFO per link (default true)'),
  antiEntropyMs: Ms.min(1).optional().describe('state-vector resync period between connected peers, ms (default 1000)'),
  delivery: z
    .enum(DELIVERY_MODES)
    .optional()
    .describe(
      '"timed" (default): messages arrive after their latency; "scripted": during the steps a message ' +
        'arrives only when a deliver step hands it over, and no anti-entropy round runs but sync steps ' +
        '(after the last step the run heals and drains as always)',
    ),
})

const Bytes = z.number().int().min(1)
/** Concerns with a SQL fallback, the only ones a threshold applies to (the engine's registry). */
const FALLBACK = Object.keys(FALLBACK_CONCERNS) as Concern[]
const Thresholds = strict(
  Object.fromEntries(FALLBACK.map((c) => [c, Bytes.optional()])) as Record<Concern, z.ZodOptional<typeof Bytes>>,
  'SQL-fallback concern',
)

/**
 * Engine settings a scenario may override; absent ones keep the engine's defaults. Adding a
 * setting is one line here (and one in the engine that reads it).
 */
export const CONFIG_SETTINGS = {
  thresholds: Thresholds.optional().describe('SQL-fallback size threshold per concern, bytes'),
  archiveAfterDays: capped(z.number().positive(), 'days')
    .optional()
    .describe('messages older than this may move to SQL'),
  crashAfter: strict({
    peer: z.string().describe('the peer whose replica crashes'),
    point: z
      .enum(['sql', 'crdt'])
      .describe('"sql": after the archive write, before the CRDT removal; "crdt": after the removal'),
    tornWrite: z.boolean().optional().describe('the crash also tears the last write to the store (default false)'),
    restartAfterMs: Ms.optional().describe('virtual ms until the peer restarts (default: one anti-entropy period)'),
  })
    .optional()
    .describe(
      'crash a peer the first time its SQL fallback passes a failpoint ' +
        '(materializing, archiving a removal, or archiving before a prune)',
    ),
}

const ConfigSchema = strict(CONFIG_SETTINGS)
/** Engine settings a scenario overrides (absent keys: engine defaults). */
export type EngineConfig = z.output<typeof ConfigSchema>

const EntitySchema = strict({
  id: z.string().describe('{type}:{id}, type one of group, channel, project, organization'),
  owner: z.string().describe('the peer that creates the entity'),
  members: z.record(z.string(), z.enum(ROLES)).optional().describe('other members and their roles'),
})

const ExpectSchema = strict({
  checks: z.array(z.enum(CHECK_NAMES)).optional().describe('checks that must hold; absent = all that apply'),
  final: z.array(FinalQuerySchema).optional().describe('queries run after the network drains'),
})

export const ScenarioFileSchema = strict({
  $schema: z.string().optional(),
  name: z.string().min(1).optional().describe('default: the file name without .json'),
  description: z.string().optional(),
  seed: z.number().int().min(0).optional().describe('default 1; --seed overrides'),
  profile: z.enum(PROFILES).optional().describe('default "reference"; --profile overrides'),
  peers: cappedArray(z.array(z.string()), 'peers').min(1).describe('one replica each; the peer name is its member id'),
  entities: cappedArray(z.array(EntitySchema), 'entities').min(1),
  config: ConfigSchema.optional().describe('engine settings'),
  network: NetworkSchema.optional(),
  steps: cappedArray(z.array(StepSchema), 'steps').optional(),
  expect: ExpectSchema.optional(),
}).meta({ title: 'crdt-lab scenario, version 1' })

/** A scenario file as parsed by the schema (before semantic checks and defaults). */
export type ScenarioFile = z.output<typeof ScenarioFileSchema>
