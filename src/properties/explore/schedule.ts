/**
 * A schedule as a scenario file `crdt-lab run` replays exactly: the explored scenario's peers,
 * entities, settings and expectations, a scripted network, and the schedule's steps, all at t=0
 * (time stands still while explore runs them, and steps of one time run in file order).
 */
import type { Profile } from '../../sim/scenario/schema.ts'
import type { ExploreProgram } from './program.ts'

export interface ScheduleFileOptions {
  readonly profile: Profile
  readonly name: string
  readonly description?: string
}

/** The scenario file's JSON. */
export function scheduleScenario(
  program: ExploreProgram,
  steps: readonly Record<string, unknown>[],
  options: ScheduleFileOptions,
): Record<string, unknown> {
  const json = program.json
  const {
    drop: _drop,
    duplicate: _duplicate,
    corrupt: _corrupt,
    ...network
  } = (json.network ?? {}) as Record<string, unknown>
  return {
    name: options.name,
    ...(options.description ? { description: options.description } : {}),
    seed: program.scenario.seed,
    profile: options.profile,
    peers: json.peers,
    entities: json.entities,
    ...(json.config !== undefined ? { config: json.config } : {}),
    network: { ...network, delivery: 'scripted' },
    steps,
    ...(json.expect !== undefined ? { expect: json.expect } : {}),
  }
}
