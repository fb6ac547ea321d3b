/**
 * Client registry (reference profile): which member each Yjs clientID of a document belongs to.
 * A replica registers its clientID in a document in the same transaction as its first write
 * there, *before* the write, so any replica that integrated a write also holds its registration
 * (same client, lower clock). The entry also carries the core document's state vector at
 * registration time: a client registered after its member was re-added is known to write
 * causally after the re-add (replicas rotate clientIDs when their own membership changes).
 */
import type { ManagedDoc } from '../docs/documentManager.ts'
import type { MemberId } from '../base/ids.ts'
import { clientKey } from '../base/yjsInternals.ts'
import { REGISTRY_ROOT } from '../docs/changedItems.ts'
import { isPlainObject } from '../base/jsonValue.ts'
import type { CoreSv } from '../ports/entityProfile.ts'

export const REGISTRY = REGISTRY_ROOT

/** `[member, coreStateVector]` as stored. */
type Entry = [MemberId, Record<string, number>]

export interface Registration {
  readonly member: MemberId
  /** Core document state vector (clientKey -> clock) when this client registered. */
  readonly coreSv: Readonly<Record<string, number>>
}

/**
 * Registers the document's current clientID for `member` unless
 * already registered. Call inside the write's transaction.
 */
export function ensureRegistered(md: ManagedDoc, member: MemberId, coreSv: CoreSv): void {
  const reg = md.doc.getMap<Entry>(REGISTRY)
  const key = clientKey(md.doc.clientID)
  if (!reg.has(key)) reg.set(key, [member, typeof coreSv === 'function' ? coreSv() : coreSv])
}

/** The registration of `client` in this document, if this replica holds it. */
export function registrationOf(md: ManagedDoc, client: number): Registration | undefined {
  const e = md.doc.getMap<Entry>(REGISTRY).get(clientKey(client))
  // A registration without its shape registers nobody (the same on every replica).
  if (!Array.isArray(e) || typeof e[0] !== 'string' || !isPlainObject(e[1])) return undefined
  return { member: e[0], coreSv: e[1] as Record<string, number> }
}
