/**
 * The key ring a replica holds by default: the entity key of every entity its member is active
 * in (the `shared` disk), and its own member key (the `private` disk of entities it owns). Keys
 * are derived from a lab seed (see `deriveKey`), standing in for keys distributed to members.
 * A removed member loses the entity key for what it reads from then on (no key rotation).
 */
import type { EntityId, MemberId } from '../base/ids.ts'
import { deriveKey, entityKeyRef, memberKeyRef, type KeyRing } from './keyRing.ts'

export class MembershipKeyRing implements KeyRing {
  constructor(
    private readonly seed: string | number,
    private readonly member: MemberId,
    private readonly isActive: (entityId: EntityId) => boolean,
  ) {}

  entityKey(entityId: EntityId): Uint8Array | undefined {
    return this.isActive(entityId) ? deriveKey(this.seed, entityKeyRef(entityId)) : undefined
  }

  memberKey(member: MemberId): Uint8Array | undefined {
    return member === this.member ? deriveKey(this.seed, memberKeyRef(member)) : undefined
  }
}
