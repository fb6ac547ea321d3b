/**
 * Keys of the encrypted disks. A replica holds some keys and not others: the entity key of every
 * entity it is a member of (the `shared` disk), and its own member key (the `private` disk of an
 * entity it owns). A replica without a key still replicates the ciphertext; it cannot read it.
 *
 * An encrypted file records which key sealed it as a `KeyRef`, so a reader asks for exactly that
 * key even if the entity's owner changed since the file was written.
 */
import { blake3 } from '@noble/hashes/blake3.js'
import { LabError } from '../base/errors.ts'
import type { EntityId, MemberId } from '../base/ids.ts'

/** AES-256 key length in bytes. */
export const KEY_BYTES = 32

/** The keys a replica holds. Implementations return undefined for a key the replica lacks. */
export interface KeyRing {
  /** The entity's key, shared by its members: seals the `shared` disk. */
  entityKey(entityId: EntityId): Uint8Array | undefined
  /** A member's own key: seals the `private` disk of entities the member owns. */
  memberKey(member: MemberId): Uint8Array | undefined
}

/** Names one key: `entity:{entityId}` or `member:{memberId}`. Stored beside each sealed file. */
export type KeyRef = `entity:${EntityId}` | `member:${MemberId}`

export const entityKeyRef = (entityId: EntityId): KeyRef => `entity:${entityId}`
export const memberKeyRef = (member: MemberId): KeyRef => `member:${member}`

/** The key `ref` names, from `ring`; undefined when the ring lacks it. Throws on a malformed key. */
export function keyByRef(ring: KeyRing, ref: KeyRef): Uint8Array | undefined {
  const colon = ref.indexOf(':')
  const kind = ref.slice(0, colon)
  const id = ref.slice(colon + 1)
  const key = kind === 'entity' ? ring.entityKey(id as EntityId) : kind === 'member' ? ring.memberKey(id) : undefined
  if (key !== undefined && key.length !== KEY_BYTES) {
    throw new LabError(
      'INVALID_ARG',
      `key ring returned a ${key.length}-byte key for ${ref}; AES-256 needs ${KEY_BYTES}`,
    )
  }
  return key
}

const utf8 = new TextEncoder()
const KEY_CONTEXT = utf8.encode('crdt-lab 2026-01-01 virtual disk key')

/**
 * The key `ref` names in a world seeded with `seed`: BLAKE3 in key-derivation mode over the
 * (seed, ref) pair. Deterministic by design, so runs replay; a lab key, not a secret.
 */
export function deriveKey(seed: string | number, ref: KeyRef): Uint8Array {
  // JSON keeps the pair unambiguous whatever characters the seed holds.
  return blake3(utf8.encode(JSON.stringify([String(seed), ref])), { context: KEY_CONTEXT })
}

/** What a SeededKeyRing holds at construction. */
export interface HeldKeys {
  readonly entities?: Iterable<EntityId>
  readonly members?: Iterable<MemberId>
}

/**
 * A key ring for tests and the simulator: every key derived from the world's seed, held or not
 * by this replica as granted. Grant the replica its own member key and the entity key of every
 * entity it belongs to; revoke an entity key when the member is removed.
 */
export class SeededKeyRing implements KeyRing {
  private readonly entities: Set<EntityId>
  private readonly members: Set<MemberId>

  constructor(
    readonly seed: string | number,
    holds: HeldKeys = {},
  ) {
    this.entities = new Set(holds.entities ?? [])
    this.members = new Set(holds.members ?? [])
  }

  entityKey(entityId: EntityId): Uint8Array | undefined {
    return this.entities.has(entityId) ? deriveKey(this.seed, entityKeyRef(entityId)) : undefined
  }

  memberKey(member: MemberId): Uint8Array | undefined {
    return this.members.has(member) ? deriveKey(this.seed, memberKeyRef(member)) : undefined
  }

  grantEntity(entityId: EntityId): void {
    this.entities.add(entityId)
  }

  /** Forgets the key. It cannot unlearn what was read with it: the lab models no key rotation. */
  revokeEntity(entityId: EntityId): void {
    this.entities.delete(entityId)
  }

  grantMember(member: MemberId): void {
    this.members.add(member)
  }
}
