/**
 * The fingerprint of a state of the search: everything that decides what can happen next and
 * how the checks will judge it, hashed. docs/explore.md argues why it is enough; in short, the
 * world after a schedule's steps is a function of:
 *   - where the programs stand (ops run per peer, clock jumps, faults taken) and the clock;
 *   - each peer: up or crashed, offline or not, boots, clock skew, and its replica's state
 *     (replicaState.ts); a peer that may crash also its store;
 *   - the messages waiting on each link, in order (kind and bytes; whether a copy already
 *     arrived), but not their numbers: what a message is called does not change what it does;
 *   - the clientIDs each peer drew from its stream, and the events the scheduler holds;
 *   - the oracle's record (historyState.ts).
 * When a replica holds state this cannot read (a profile extension it does not know, a mutant's
 * hooks, an SQL fallback that can act), the peer's own history of inputs stands in for it: a
 * replica is a function of the inputs it got, so that is always enough, only less reduced.
 */
import { createHash } from 'node:crypto'
import { LabError } from '../../engine/base/errors.ts'
import * as Y from 'yjs'
import type { MemberId } from '../../engine/base/ids.ts'
import { deleteSetHash } from '../../engine/sync/stateVectors.ts'
import type { World } from '../../sim/world.ts'
import type { History } from '../oracle/history.ts'
import type { Position } from './choices.ts'
import { historyState } from './historyState.ts'
import type { ExploreProgram } from './program.ts'
import { hashOf, OpaqueState, replicaState, storeState } from './replicaState.ts'

/** What the fingerprint reads. */
export interface FingerprintInput {
  readonly program: ExploreProgram
  readonly world: World
  readonly history: History
  readonly position: Position
  /** Each peer's inputs so far (op, arrival, crash...), used where its state cannot be read. */
  readonly inputs: ReadonlyMap<MemberId, readonly string[]>
  /** Ids of waiting messages a copy of which already arrived. */
  readonly copied: ReadonlySet<number>
  /** Read every peer through its inputs (a mutant's hooks, say). */
  readonly opaque: boolean
}

/** The state's fingerprint (hex), and whether some replica differs from another. */
export function fingerprint(f: FingerprintInput): { readonly fp: string; readonly diverged: boolean } {
  const h = createHash('sha256')
  const { world, position: p } = f
  h.update(`t=${world.now} jumps=${p.jumps} faults=${p.faults}\n`)
  for (const [peer, n] of [...p.ops.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) h.update(`ops ${peer}=${n}\n`)
  for (const e of world.scheduler.pending()) h.update(`event ${e.at} ${e.kind} ${eventPayload(e.payload)}\n`)
  // Per link, in send order; links in name order (their interleaving in send order is no state).
  const links = [...world.network.waiting].sort((a, b) =>
    a.from !== b.from ? (a.from < b.from ? -1 : 1) : a.to < b.to ? -1 : a.to > b.to ? 1 : 0,
  )
  for (const d of links) h.update(`waiting ${d.from}>${d.to} ${d.kind} ${hashOf(d.bytes)} ${f.copied.has(d.id)}\n`)
  const docs = new Map<string, Set<string>>()
  for (const sim of world.peers.values()) {
    const draws = world.clientIds.draws.get(sim.name) ?? 0
    h.update(
      `peer ${sim.name} up=${sim.up} offline=${sim.offline} boots=${sim.boots} skew=${sim.skewMs} ids=${draws}\n`,
    )
    if (!sim.up) h.update(`store ${storeState(sim)}\n`)
    else {
      h.update(peerState(f, sim.name))
      if (f.program.crashes.has(sim.name)) h.update(`store ${storeState(sim)}\n`)
      for (const md of sim.r.docs.loaded()) {
        const key = `${hashOf(Y.encodeStateVector(md.doc))}/${hashOf(deleteSetHash(md.doc))}`
        docs.set(md.id, (docs.get(md.id) ?? new Set()).add(key))
      }
    }
    h.update(`network online=${world.network.isOnline(sim.name)}\n`)
  }
  h.update(historyState(f.history))
  return { fp: h.digest('hex'), diverged: [...docs.values()].some((keys) => keys.size > 1) }
}

/** A running peer's state; its inputs when the state cannot be read. */
function peerState(f: FingerprintInput, peer: MemberId): string {
  const inputs = () => `inputs ${peer} ${hashOf((f.inputs.get(peer) ?? []).join('\n'))}\n`
  if (f.opaque || f.program.fallback) return inputs()
  try {
    return `replica ${peer} ${hashOf(replicaState(f.world.peer(peer).r))}\n`
  } catch (e) {
    if (e instanceof OpaqueState) return inputs()
    throw e
  }
}

/** A scheduler event's payload: a peer's name (wake-ups, booked restarts). */
function eventPayload(payload: unknown): string {
  if (typeof payload === 'string') return payload
  throw new LabError('INTERNAL', `explore met a scheduled event carrying ${typeof payload} during the steps`)
}
