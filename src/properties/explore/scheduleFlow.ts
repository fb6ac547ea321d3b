/**
 * A schedule's message flow for its report: the run's timeline (timeline.ts) with time replaced
 * by the step at which each record happened. Every step of a schedule runs at t=0, so the clock
 * cannot lay them out; step numbers can (1 is the first step; one past the last is the heal and
 * the drain).
 */
import type { Timeline } from '../../report/inputs.ts'
import type { World } from '../../sim/world.ts'
import { timelineOf } from '../timeline.ts'
import type { Choice } from './choices.ts'
import { replaySchedule } from './execute.ts'
import type { ExploreProgram, ExploreSettings } from './program.ts'

/** The timeline of `path`, in steps. */
export function scheduleFlow(program: ExploreProgram, path: readonly Choice[], settings: ExploreSettings): Timeline {
  const { records, boundaries, peers } = replaySchedule(program, path, settings)
  const drain = boundaries.length
  const stepOf = (i: number): number => {
    for (let k = 1; k < boundaries.length; k++) if (i < boundaries[k]!) return i < boundaries[0]! ? 0 : k
    return drain
  }
  const stepped = records.map((r, i) => ({ ...r, t: stepOf(i) }))
  const world = { peers: new Map(peers.map((p) => [p, null])), journal: { records: stepped }, now: drain }
  return timelineOf(world as unknown as World, [])
}
