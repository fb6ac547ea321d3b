/** Three-member staging shared by the kanban and issues tests. */
import { countingClientIds } from './harness.ts'
import { SmallWorld } from '../../src/sim/smallWorld.ts'
import { type ProfileName } from '../../src/engine/base/enums.ts'

export const PEERS = ['alice', 'bob', 'carol']

/** Alice, bob and carol, all members of `entity` (created by alice); `bases` pin their clientIDs in that order. */
export function trio(profile: ProfileName, entity: string, bases?: readonly number[]): SmallWorld {
  const net = new SmallWorld({ profile })
  PEERS.forEach((n, i) => net.add(n, { clientIds: bases ? countingClientIds(bases[i]!) : undefined }))
  net.r('alice').createEntity(entity, { members: { bob: 'member', carol: 'member' } })
  net.replicateEntity('alice', entity)
  return net
}

/**
 * The spec's ack race, staged on alice, bob and carol: alice deletes (`remove`); carol never
 * receives it, but an unrelated write of hers (`unrelated`) reaches alice; then bob and alice
 * catch up with everything else. Returns what alice reports ('prune <item>' for prunes).
 */
export function unseenDeletion(net: SmallWorld, remove: () => void, unrelated: () => void): string[] {
  const events: string[] = []
  net.r('alice').events.on((e) => events.push(e.type === 'prune' ? `prune ${e.item}` : e.type))
  remove()
  net.drop('carol', 'alice')
  unrelated()
  net.deliver('alice', 'carol')
  net.deliver('bob')
  net.deliver('alice')
  net.deliver('alice')
  return events
}
