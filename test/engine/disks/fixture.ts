/**
 * A replica's view of one virtual disk for the disk tests: its own DocumentManager on a
 * MemoryStore, a pinned clientID, a seeded key ring and IV stream, and a clock the test drives.
 */
import { expect } from 'vitest'
import * as Y from 'yjs'
import type { DiskReadCtx, DiskWriteCtx } from '../../../src/engine/disks/files.ts'
import { SeededKeyRing, type HeldKeys } from '../../../src/engine/disks/keyRing.ts'
import { DocumentManager, type ManagedDoc } from '../../../src/engine/docs/documentManager.ts'
import type { LabError } from '../../../src/engine/base/errors.ts'
import { diskDocId, type Disk, type EntityId, type MemberId } from '../../../src/engine/base/ids.ts'
import { ManualClock, Rng } from '../../../src/engine/base/providers.ts'
import { MemoryStore } from '../../../src/engine/store/memoryStore.ts'
import { labErrorOf } from '../labErrorOf.ts'

export const ENTITY: EntityId = 'group:ocean-forest-moon-star'
export const SEED = 'disk-tests'
/** The entity's owner: the private disk is sealed with this member's key. */
export const OWNER: MemberId = 'alice'

export interface DiskReplica {
  readonly store: MemoryStore
  readonly dm: DocumentManager
  readonly md: ManagedDoc
  readonly clock: ManualClock
  readonly keys: SeededKeyRing
  readonly ctx: DiskWriteCtx
  readonly rctx: DiskReadCtx
}

/** Keys a member of ENTITY holds: the entity key, and its own member key. */
export const memberKeys = (member: MemberId): HeldKeys => ({ entities: [ENTITY], members: [member] })

export interface ReplicaOptions {
  /** Keys the replica holds (default: a member's, see memberKeys). */
  readonly holds?: HeldKeys
  readonly seed?: string
  /** The replica's disk, to restart on what a previous incarnation saved. */
  readonly store?: MemoryStore
}

/** `member`'s replica of ENTITY's `disk`, with Yjs clientID `clientID`. */
export function diskReplica(member: MemberId, clientID: number, disk: Disk, opts: ReplicaOptions = {}): DiskReplica {
  const { holds = memberKeys(member), seed = SEED, store = new MemoryStore(new ManualClock(0)) } = opts
  const dm = new DocumentManager({ store, clientIds: { next: () => clientID } })
  const md = dm.get(diskDocId(ENTITY, disk))
  const clock = new ManualClock(Date.UTC(2026, 0, 1))
  const keys = new SeededKeyRing(seed, holds)
  const ivs = new Rng(seed).fork(`replica:${member}`).fork('disk-iv')
  const ctx: DiskWriteCtx = {
    md,
    member,
    get now() {
      return clock.now()
    },
    keys,
    ivs,
    owner: OWNER,
  }
  return { store, dm, md, clock, keys, ctx, rctx: { md, keys } }
}

/** Delivers everything `from` holds that `to` lacks (one direction). */
export function deliver(from: DiskReplica, to: DiskReplica): void {
  to.dm.applyRemote(to.md, Y.encodeStateAsUpdate(from.md.doc, Y.encodeStateVector(to.md.doc)))
}

/** Both directions: afterwards the two replicas hold the same document. */
export function syncBoth(a: DiskReplica, b: DiskReplica): void {
  deliver(a, b)
  deliver(b, a)
}

/** The LabError `f` throws, after checking that the document's encoded state did not change. */
export function rejectsUnchanged(md: ManagedDoc, f: () => unknown): LabError {
  const before = Y.encodeStateAsUpdate(md.doc)
  const version = md.version
  const e = labErrorOf(f)
  expect(Y.encodeStateAsUpdate(md.doc)).toEqual(before)
  expect(md.version).toBe(version)
  return e
}

export const bytesOf = (...values: number[]): Uint8Array => new Uint8Array(values)

/** True when `needle` occurs in `hay` as a byte sequence. */
export function containsBytes(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer
    return true
  }
  return false
}
