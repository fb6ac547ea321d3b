/**
 * From a checked scenario file to the normalized `Scenario`: defaults applied (listed on
 * `Scenario`), steps tagged with their kind and file position and sorted by `at`, final queries
 * with their operator made explicit. Runs only on files that passed every check.
 */
import { parseEntityId, type EntityId } from '../../engine/base/ids.ts'
import type { JsonValue } from '../canonicalJson.ts'
import { DEFAULT_NETWORK } from '../network.ts'
import type { EntityDecl, FinalQuery, NetworkSettings, Scenario, Step } from './model.ts'
import type { OpName } from './ops.ts'
import { OPERATORS } from './queries.ts'
import type { ScenarioFile } from './schema.ts'
import { DAY_MS } from './limits.ts'
import { RANDOM_EVERY_MS_DEFAULT } from './steps.ts'

export const SCENARIO_DEFAULTS = {
  seed: 1,
  profile: 'reference',
  network: { ...DEFAULT_NETWORK, antiEntropyMs: 1000 } satisfies NetworkSettings,
} as const

export { DAY_MS }

type RawStep = NonNullable<ScenarioFile['steps']>[number]

export function normalizeScenario(file: ScenarioFile, source: string): Scenario {
  const entities = file.entities.map(normalizeEntity)
  const steps = (file.steps ?? []).map((s, i) => normalizeStep(s, i, entities))
  return {
    source,
    name: file.name ?? baseName(source),
    description: file.description ?? '',
    seed: file.seed ?? SCENARIO_DEFAULTS.seed,
    profile: file.profile ?? SCENARIO_DEFAULTS.profile,
    peers: [...file.peers],
    entities,
    config: file.config ?? {},
    network: { ...SCENARIO_DEFAULTS.network, ...file.network },
    steps: sortSteps(steps),
    expect: {
      checks: file.expect?.checks ?? 'applicable',
      final: (file.expect?.final ?? []).map(normalizeFinal),
    },
  }
}

/** Stable sort by `at`: steps at the same time keep their relative order. */
export const sortSteps = (steps: readonly Step[]): Step[] =>
  steps
    .map((s, k) => [s, k] as const)
    .sort(([a, i], [b, j]) => a.at - b.at || i - j)
    .map(([s]) => s)

const baseName = (source: string): string => source.replace(/^.*[\\/]/, '').replace(/\.json$/i, '') || 'scenario'

function normalizeEntity(e: ScenarioFile['entities'][number]): EntityDecl {
  const { type, entityId } = parseEntityId(e.id)
  return { id: entityId, type, owner: e.owner, members: { ...e.members } }
}

function normalizeStep(step: RawStep, index: number, entities: readonly EntityDecl[]): Step {
  if ('op' in step) {
    const { at, peer, op, entity, args, as } = step
    return { kind: 'op', index, at, peer, op, entity: entity as EntityId, args, as: as ?? null } as Step
  }
  if ('fault' in step) return { kind: 'fault', index, ...step }
  if ('advanceDays' in step) {
    return {
      kind: 'advanceDays',
      index,
      at: step.at,
      days: step.advanceDays,
      ms: Math.round(step.advanceDays * DAY_MS),
    }
  }
  if ('deliver' in step) {
    const { from, to, seq, fate } = step.deliver
    return { kind: 'deliver', index, at: step.at, from, to, seq: seq ?? null, fate: fate ?? 'deliver' }
  }
  if ('sync' in step) return { kind: 'sync', index, at: step.at, peer: step.sync }
  const r = step.random
  const decl = entities.find((e) => e.id === r.entity)!
  const mix = Object.fromEntries(Object.entries(r.mix).filter(([, w]) => (w ?? 0) > 0)) as Partial<
    Record<OpName, number>
  >
  return {
    kind: 'random',
    index,
    at: step.at,
    until: r.until,
    everyMs: r.everyMs ?? RANDOM_EVERY_MS_DEFAULT,
    peers: r.peers ?? [decl.owner, ...Object.keys(decl.members)],
    entity: decl.id,
    mix,
  }
}

function normalizeFinal(
  q: NonNullable<NonNullable<ScenarioFile['expect']>['final']>[number],
  index: number,
): FinalQuery {
  const operator = OPERATORS.find((op) => q[op] !== undefined)!
  return {
    index,
    peer: q.peer,
    query: q.query,
    entity: q.entity as EntityId,
    args: (q.args ?? {}) as Record<string, unknown>,
    operator,
    expected: q[operator] as JsonValue,
  }
}
