/**
 * Client registry (reference profile): which member each Yjs clientID of a document belongs to.
 * A replica registers its clientID in a document in the same transaction as its first write
 * there, *before* the write, so any replica that integrated a write also holds its registration
 * (same client, lower clock). The entry also carries the core document's state vector at
 * registration time: a client registered after its member was re-added is known to write
 * causally after the re-add (replicas rotate clientIDs when their own membership changes).
 */
import type * as Y from 'yjs'
import type { ManagedDoc } from '../docs/documentManager.ts'
import type { MemberId } from '../base/ids.ts'
import { clientKey, parseClientKey } from '../base/yjsInternals.ts'
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

/** Registrations read so far per document, dropped whenever its registry changes. */
const known = new WeakMap<Y.Doc, Map<number, Registration | null>>()

/** The registration of `client` in this document, if this replica holds it. */
export function registrationOf(md: ManagedDoc, client: number): Registration | undefined {
  const doc = md.doc
  let cache = known.get(doc)
  if (cache === undefined) {
    const fresh = new Map<number, Registration | null>()
    doc.getMap<Entry>(REGISTRY).observe(() => fresh.clear())
    known.set(doc, (cache = fresh))
  }
  const hit = cache.get(client)
  if (hit !== undefined) return hit ?? undefined
  const e = doc.getMap<Entry>(REGISTRY).get(clientKey(client))
  // A registration without its shape registers nobody (the same on every replica).
  const reg =
    Array.isArray(e) && typeof e[0] === 'string' && isPlainObject(e[1])
      ? { member: e[0], coreSv: e[1] as Record<string, number> }
      : undefined
  // Inside a transaction the registry may be changing under the read: only settled reads are kept.
  if ((doc as unknown as { _transaction: unknown })._transaction === null) cache.set(client, reg ?? null)
  return reg
}

/** The clients registered to `member` in this document, as this replica holds its registry. */
export function clientsRegisteredTo(md: ManagedDoc, member: MemberId): Set<number> {
  const out = new Set<number>()
  for (const key of md.doc.getMap<Entry>(REGISTRY).keys()) {
    const client = parseClientKey(key)
    if (registrationOf(md, client)?.member === member) out.add(client)
  }
  return out
}
