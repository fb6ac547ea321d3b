/**
 * Stability attestations (reference profile): a member states, in the document itself, which
 * state it holds and which items it will no longer write to.
 *
 *   `_stable`  { <member>: [stamp, stateVector, frozenBefore] }
 *
 * Written by the member's own replica after everything in `stateVector` was integrated and
 * persisted, in the same way as the reference's tombstone attestations: an entry counts only when
 * the client that wrote it is registered to that member, so no replica can attest for another.
 * `frozenBefore` is a promise: the member's replica refuses local writes to items created before
 * it (an attested item cannot change behind the attestation's back). Both values only grow.
 */
import type { ManagedDoc } from '../docs/documentManager.ts'
import type { MemberId } from '../base/ids.ts'
import { cachedPerVersion } from '../ports/membership.ts'
import type { WriteCtx } from '../ports/records.ts'
import { nextStamp } from '../reference/lamport.ts'
import { registrationOf } from '../reference/registry.ts'
import { entryId, parseClientKey, svToJSON } from '../base/yjsInternals.ts'

export const STABLE = '_stable'

type Entry = [number, Record<string, number>, number]

export interface Attestation {
  readonly member: MemberId
  /** What the member's replica held when it attested (client -> next clock). */
  readonly sv: ReadonlyMap<number, number>
  /** The member writes no more to items created before this (profile time unit). */
  readonly frozenBefore: number
}

/** Attestations the document holds, each written by its member's own replica. */
export function readAttestations(md: ManagedDoc): ReadonlyMap<MemberId, Attestation> {
  return cachedPerVersion(md, 'fallback-attestations', () => {
    const map = md.doc.getMap<Entry>(STABLE)
    const out = new Map<MemberId, Attestation>()
    for (const [member, raw] of map.entries()) {
      const sid = entryId(map, member)
      if (!sid || registrationOf(md, sid.client)?.member !== member || !Array.isArray(raw)) continue
      const sv = new Map<number, number>()
      for (const [k, clock] of Object.entries(raw[1] ?? {}))
        if (typeof clock === 'number') sv.set(parseClientKey(k), clock)
      out.set(member, { member, sv, frozenBefore: typeof raw[2] === 'number' ? raw[2] : Number.NEGATIVE_INFINITY })
    }
    return out
  })
}

/** Writes the member's attestation (inside a system write of `ctx.md`). */
export function writeAttestation(ctx: WriteCtx, sv: ReadonlyMap<number, number>, frozenBefore: number): void {
  ctx.md.doc.getMap<Entry>(STABLE).set(ctx.member, [nextStamp(ctx.md), svToJSON(sv), frozenBefore])
}

/** `a` holds everything `b` names. */
export function svCovers(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): boolean {
  for (const [client, clock] of b) if ((a.get(client) ?? 0) < clock) return false
  return true
}

/** Pointwise minimum: what every one of `svs` holds. */
export function svMeet(svs: readonly ReadonlyMap<number, number>[]): Map<number, number> {
  const out = new Map<number, number>()
  if (svs.length === 0) return out
  for (const [client, clock] of svs[0]!) {
    let min = clock
    for (let i = 1; i < svs.length; i++) min = Math.min(min, svs[i]!.get(client) ?? 0)
    if (min > 0) out.set(client, min)
  }
  return out
}
