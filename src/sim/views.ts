/**
 * What a peer can see of an entity, for generating ops that refer to things that exist in the
 * issuing peer's own view (DESIGN §4's random steps). Reads only.
 */
import type { Replica } from '../engine/replica/replica.ts'
import type { EntityId, MemberId } from '../engine/base/ids.ts'
import { liveMessages } from '../engine/ops/chatOps.ts'
import { listFiles } from '../engine/disks/index.ts'
import type { Disk } from '../engine/base/ids.ts'

export const activeMembers = (r: Replica, entity: EntityId): readonly MemberId[] => r.membership(entity).active

export const roleIn = (r: Replica, entity: EntityId, member: MemberId): string | undefined =>
  r.membership(entity).roleOf(member)

/** Live messages, with whether each is a reply. */
export function messages(r: Replica, entity: EntityId): { id: string; reply: boolean }[] {
  return liveMessages(r.entity(entity)).map((m) => ({ id: m.id, reply: m.parent_id !== null }))
}

export function files(r: Replica, entity: EntityId, disk: Disk): string[] {
  return listFiles(r.entity(entity).diskDoc(disk)).map((f) => f.path)
}
