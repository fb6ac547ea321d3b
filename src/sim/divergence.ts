/**
 * Whether the replicas agree: the documents whose running replicas differ (state vector, delete
 * set, pending structs) and the entities whose SQL archives differ. The drain ends when none is
 * left; the convergence check names what is. A peer that lied is Byzantine for the whole run: its
 * writes are not required to arrive (those that build on its refused forgeries never integrate),
 * so pending structs and deletions that are all of a liar's clients are not waited for; any
 * pending write of an honest peer's client is.
 */
import * as Y from 'yjs'
import type { EntityId, MemberId } from '../engine/base/ids.ts'
import { pendingClients } from '../engine/base/yjsInternals.ts'
import { archiveFingerprint } from '../engine/fallback/handoff.ts'
import { deleteSetHash } from '../engine/sync/stateVectors.ts'
import type { SimPeer } from './peer.ts'
import type { World } from './world.ts'

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')

/** The first document whose replicas differ (state vector or delete set), or null. */
export function divergence(world: World): string | null {
  return divergentDocs(world, 1)[0] ?? null
}

/** Documents whose running honest replicas differ (state vector, delete set or pending structs), up to `limit`. */
export function divergentDocs(world: World, limit = Infinity): string[] {
  // A peer that lied holds what it forged: honest replicas converge without it.
  const up = [...world.peers.values()].filter((p) => p.up && !world.lies.liars.has(p.name))
  const out: string[] = []
  for (const entity of world.entityIds()) {
    const docs = new Set(up.flatMap((p) => p.r.docIds(entity)))
    for (const docId of docs) {
      if (out.length >= limit) return out
      const seen = new Map<string, MemberId[]>()
      let pending = ''
      for (const p of up) {
        // Only replicas that may read the document must hold it (the reference answers members only).
        if (!p.r.sync.mayRead(docId, p.name)) continue
        const doc = p.r.ydoc(docId)
        if (p.r.hasPending(docId) && [...pendingClients(doc)].some((c) => !liars(world, c))) pending = p.name
        const key = `${hex(Y.encodeStateVector(doc))}/${hex(deleteSetHash(doc))}`
        seen.set(key, [...(seen.get(key) ?? []), p.name])
      }
      if (pending) out.push(`${docId}: ${pending} has pending structs`)
      else if (seen.size > 1) out.push(`${docId}: ${[...seen.values()].map((g) => g.join('+')).join(' vs ')}`)
    }
    const archives = archiveDivergence(up, entity)
    if (archives && out.length < limit) out.push(archives)
  }
  return out
}

/** Whether a clientID was given to a peer that lied (the world knows who drew each). */
function liars(world: World, client: number): boolean {
  const owner = world.clientIds.owners.get(client)
  return owner !== undefined && world.lies.liars.has(owner)
}

/**
 * Active members whose SQL archives of the entity hold different rows (the reference hands rows
 * over until they agree).
 */
function archiveDivergence(up: readonly SimPeer[], entity: EntityId): string | null {
  const seen = new Map<string, MemberId[]>()
  for (const p of up) {
    const f = archiveFingerprint(p.r.entity(entity))
    if (f !== null) seen.set(f, [...(seen.get(f) ?? []), p.name])
  }
  return seen.size > 1 ? `${entity} archives: ${[...seen.values()].map((g) => g.join('+')).join(' vs ')}` : null
}
