/**
 * Engine figures of the scalability table: how many items a document holds, grown through the
 * engine's ops with the raw baseline's records (bench/rawYjs/scalability.ts, same seeds), before
 * its encoded (V1) state passes the limit. `itemsWithin` batches the growth and encodes only a
 * few dozen times (jumps of 90% of the estimated room, then steps of 0.2% of the count).
 *
 * Growth through the engine costs far more than through raw Yjs (the reference profile refolds
 * its membership log on every membership change, so the core grows in O(n²)): with `scale` > 1
 * the document grows to limit / scale and the count is multiplied by `scale`, which holds as
 * long as bytes per item stay flat (they do, to 1-2%; measures.ts `SCALE` has the check).
 * Kanban and issues grow with the memory table's writers (kanbanIssues.ts): a card is its
 * `kanban.addCard` and `kanban.updateCard`, an issue its `issues.create`, `issues.update` and
 * comments.
 */
import { itemsWithin, type Grower } from '../rawYjs/scalability.ts'
import { KANBAN_COLUMNS, Workload } from '../workloads.ts'
import { addMember, ChatWriter, coreWorld, createdWorld, docIdOf } from './documents.ts'
import { IssuesWriter, KanbanWriter } from './kanbanIssues.ts'
import type { BenchWorld } from './world.ts'
import type { ProfileName } from '../../src/engine/base/enums.ts'

const sizeOf = (world: BenchWorld, w: Workload, concern: 'core' | 'chat' | 'kanban' | 'issues') => (): number =>
  world.get(w.entity.owner).encodeState(docIdOf(w, concern)).byteLength

/** Growers through the engine, per concern. */
export const ENGINE_GROWERS: Readonly<Record<'core' | 'chat' | 'kanban' | 'issues', (profile: ProfileName) => Grower>> =
  {
    core(profile) {
      const w = new Workload('bench:scale:core')
      const world = coreWorld(profile, w, 1)
      let next = 1
      return {
        add: () => {
          const m = next < w.members.length ? w.members[next]! : w.member()
          next++
          addMember(world, w, m)
          world.discard(w.entity.owner)
        },
        size: sizeOf(world, w, 'core'),
      }
    },
    chat(profile) {
      const w = new Workload('bench:scale:chat')
      const writer = new ChatWriter(createdWorld(profile, w, w.members), w)
      return { add: () => void writer.send(w.message()), size: sizeOf(writer.world, w, 'chat') }
    },
    kanban(profile) {
      const w = new Workload('bench:scale:kanban')
      const writer = new KanbanWriter(createdWorld(profile, w, w.members), w)
      return { add: () => void writer.add(w.card(KANBAN_COLUMNS)), size: sizeOf(writer.world, w, 'kanban') }
    },
    issues(profile) {
      const w = new Workload('bench:scale:issues')
      const writer = new IssuesWriter(createdWorld(profile, w, w.members), w)
      return { add: () => void writer.add(w.issue()), size: sizeOf(writer.world, w, 'issues') }
    },
  }

/** A concern the engine can grow. */
export type EngineScalableKind = keyof typeof ENGINE_GROWERS

/** Items of `kind` that fit in `limit` bytes through the engine (grown to limit / scale, times scale). */
export function engineItemsFitting(profile: ProfileName, kind: EngineScalableKind, limit: number, scale = 1): number {
  return itemsWithin(Math.floor(limit / scale), ENGINE_GROWERS[kind]!(profile)) * scale
}
