/**
 * Access policies of the disks (spec: "Private/Public/Shared encryption policies"):
 *
 *   public   content in the clear
 *   shared   sealed with the entity's key (every member holds it)
 *   private  sealed with the owner's member key (only the owner's replicas hold it)
 *
 * Sealing needs the key as much as reading does: a replica without it can neither read nor
 * write the disk's files (it still replicates their ciphertext, and may delete them; who may
 * write or delete at all is the role check of the caller, not this module's).
 */
import type { ManagedDoc } from '../docs/documentManager.ts'
import { LabError, isLabError } from '../base/errors.ts'
import type { Disk, MemberId } from '../base/ids.ts'
import { seal, unseal, type IvSource } from './cipher.ts'
import { keyByRef, entityKeyRef, memberKeyRef, type KeyRef, type KeyRing } from './keyRing.ts'
import { blobAad, blobsOf, contentHash, sealedAddress, whereOf, type Entry } from './layout.ts'

/** A key and the reference stored beside what it sealed. */
export interface SealingKey {
  readonly ref: KeyRef
  readonly key: Uint8Array
}

/** The key reference that seals files of `disk` (undefined for the public disk). */
export function sealingRef(md: ManagedDoc, disk: Disk, owner: MemberId): KeyRef | undefined {
  if (disk === 'public') return undefined
  return disk === 'shared' ? entityKeyRef(md.parsed.entityId) : memberKeyRef(owner)
}

/** The key `ref` names; `NO_KEY` naming the disk and path when this replica lacks it. */
export function requireKey(keys: KeyRing, ref: KeyRef, disk: Disk, path: string): SealingKey {
  const key = keyByRef(keys, ref)
  if (key === undefined) {
    throw new LabError(
      'NO_KEY',
      `${whereOf(disk, path)}: this replica does not hold the key ${ref} that seals the ${disk} disk`,
      { details: { disk, path, key: ref } },
    )
  }
  return { ref, key }
}

/** A blob ready to store: its address and the bytes (sealed when a key is given). */
export interface PreparedBlob {
  readonly address: string
  readonly stored: Uint8Array
  /** True when the disk already holds a verified copy under this address. */
  readonly reused: boolean
}

/**
 * Addresses `bytes` and returns what to store. A blob already stored under the address is reused
 * (no new IV, no new ciphertext) when it verifies; a damaged one is replaced.
 */
export function prepareBlob(
  md: ManagedDoc,
  bytes: Uint8Array,
  key: SealingKey | undefined,
  ivs: IvSource,
): PreparedBlob {
  const address = key === undefined ? contentHash(bytes) : sealedAddress(key.key, bytes)
  const existing = blobsOf(md).get(address)
  if (existing instanceof Uint8Array && verifies(md, address, existing, key))
    return { address, stored: existing, reused: true }
  const stored = key === undefined ? bytes : seal(key.key, bytes, blobAad(md, address), ivs)
  return { address, stored, reused: false }
}

function verifies(md: ManagedDoc, address: string, stored: Uint8Array, key: SealingKey | undefined): boolean {
  if (key === undefined) return contentHash(stored) === address
  try {
    unseal(key.key, stored, blobAad(md, address), address)
    return true
  } catch (e) {
    if (isLabError(e, 'CORRUPT_FILE')) return false
    throw e
  }
}

/**
 * The clear bytes of a blob-backed entry: fetched, authenticated (GCM) or hash-checked, and
 * decrypted. `NO_KEY` without the key; `CORRUPT_FILE` when the blob is missing or damaged.
 */
export function openBlob(md: ManagedDoc, keys: KeyRing, entry: Entry, disk: Disk, path: string): Uint8Array {
  const where = whereOf(disk, path)
  const address = entry.blob!
  const stored = blobsOf(md).get(address)
  if (!(stored instanceof Uint8Array))
    throw new LabError('CORRUPT_FILE', `${where}: its content blob ${address} is missing`)
  if (entry.key === undefined) {
    if (contentHash(stored) !== address)
      throw new LabError('CORRUPT_FILE', `${where}: content does not match its BLAKE3 address ${address}`)
    return stored.slice()
  }
  return unseal(requireKey(keys, entry.key, disk, path).key, stored, blobAad(md, address), where)
}
