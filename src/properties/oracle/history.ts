/**
 * The oracle's record of a run: it observes the world (ops with their causal context and
 * effects, engine events, deliveries, faults) and captures, at the moment they happen, the facts
 * checks need later (who held a deletion when a replica pruned it; what a peer held when it
 * crashed and what it loaded when it restarted).
 */
import * as Y from 'yjs'
import type { DocId, MemberId } from '../../engine/base/ids.ts'
import type { EngineEvent } from '../../engine/base/events.ts'
import type { ReceiveResult } from '../../engine/replica/receive.ts'
import type { Delivery } from '../../sim/network.ts'
import type { JsonObject } from '../../sim/canonicalJson.ts'
import type { OpRecord } from '../../sim/opRecord.ts'
import type { World, WorldObserver } from '../../sim/world.ts'
import type { SimPeer } from '../../sim/peer.ts'
import { ran, svHolds, type RanOp } from './causal.ts'
import { fingerprint, readerOf, visibility } from './reads.ts'
import { parseDocId } from '../../engine/base/ids.ts'
import { deleteSetHash } from '../../engine/sync/stateVectors.ts'
import type { Forgery } from '../../engine/mutants/liar.ts'
import { durableStateVector } from './durableState.ts'

/** Reasons a replica refuses an update as forged (authorship/signedLog.ts). */
const FORGED = new Set(['UNSIGNED', 'BAD_SIGNATURE', 'IMPERSONATION'])

export interface PruneObservation {
  readonly t: number
  readonly peer: MemberId
  readonly docId: DocId
  readonly item: string
  readonly quorum: readonly MemberId[]
  /** Members of the quorum whose replica did not hold every deletion record at that moment. */
  readonly missing: readonly MemberId[]
}

export interface CrashObservation {
  readonly t: number
  readonly peer: MemberId
  readonly before: ReadonlyMap<DocId, ReturnType<typeof fingerprint>>
  torn?: { readonly docId: DocId; readonly write: string }
  after?: ReadonlyMap<DocId, ReturnType<typeof fingerprint>>
  restartError?: string
}

export class History implements WorldObserver {
  readonly ops: OpRecord[] = []
  readonly prunes: PruneObservation[] = []
  readonly tombstones: { t: number; peer: MemberId; docId: DocId; item: string }[] = []
  readonly crashes: CrashObservation[] = []
  /**
   * Deliveries of a copy of a message the recipient had already received: must change nothing,
   * neither by what Yjs integrates (`changed`) nor by what the replica writes in response
   * (`rewrote`: its document differs before and after).
   */
  readonly repeats: { t: number; peer: MemberId; kind: string; changed: boolean; rewrote: boolean }[] = []
  /** Items a replica pruned (or saw pruned) showing again later. */
  readonly reappeared: { t: number; peer: MemberId; docId: DocId; item: string }[] = []
  /** Ops issued while their peer was offline (by a fault). */
  readonly offlineOps: RanOp[] = []
  /** Documents that passed their SQL-fallback threshold on a replica (its `threshold` events). */
  readonly thresholds: { t: number; peer: MemberId; docId: DocId }[] = []
  /** Items that entered a replica's SQL archive: moved by it, archived before a peer's removal, or handed over. */
  readonly moves: {
    t: number
    peer: MemberId
    docId: DocId
    how: 'materialize' | 'archive' | 'handoff'
    items: number
  }[] = []
  /** Internal errors of the engine while receiving: must never happen. */
  readonly internal: string[] = []
  /** Updates a lying peer sent in two versions (equivocation). */
  readonly forgeries: { t: number; peer: MemberId; forgery: Forgery }[] = []
  /** What honest replicas refused of lying peers: forged updates, equivocations, reads by non-members. */
  readonly refusals = { forged: 0, equivocations: 0, refusedReads: 0 }
  private readonly delivered = new Set<string>()
  /** State of the document a repeated delivery is about, just before the recipient handles it. */
  private repeatBefore: { key: string; docId: DocId; state: string } | null = null
  private readonly offline = new Set<MemberId>()
  /** Items some replica pruned, per document. */
  private readonly pruned = new Map<DocId, Set<string>>()
  /** Pruned items each replica was seen without (it pruned them or integrated the prune). */
  private readonly gone = new Map<MemberId, Map<DocId, Set<string>>>()

  onOp(_w: World, op: OpRecord): void {
    this.ops.push(op)
    if (ran(op) && this.offline.has(op.peer)) this.offlineOps.push(op)
  }

  onFault(w: World, fault: string, data: JsonObject): void {
    const peer = typeof data.peer === 'string' ? data.peer : undefined
    if (fault === 'offline' && peer) this.offline.add(peer)
    if (fault === 'online' && peer) this.offline.delete(peer)
    if (fault === 'crash' && peer) {
      const c = this.crashes.findLast((x) => x.peer === peer)
      const torn = data.torn as { doc?: string; write?: string } | undefined
      if (c && torn?.doc) c.torn = { docId: torn.doc as DocId, write: String(torn.write) }
    }
    if (fault === 'restart' && peer) this.restarted(w.peer(peer))
  }

  onForgery(w: World, peer: MemberId, forgery: Forgery): void {
    this.forgeries.push({ t: w.now, peer, forgery })
  }

  onBeforeCrash(w: World, peer: MemberId): void {
    this.crashes.push({ t: w.now, peer, before: fingerprints(w.peer(peer)) })
  }

  private restarted(p: SimPeer): void {
    const c = this.crashes.findLast((x) => x.peer === p.name && !x.after)
    if (!c) return
    try {
      c.after = fingerprints(p)
    } catch (e) {
      c.restartError = (e as Error).message
    }
  }

  onEngine(w: World, peer: MemberId, e: EngineEvent): void {
    if (e.type === 'tombstone') this.tombstones.push({ t: w.now, peer, docId: e.docId, item: e.item })
    if (e.type === 'prune') {
      // Who must hold the deletion: the pruner's active members, whatever quorum its pruning consulted.
      const quorum = [
        ...new Set([...e.quorum, ...w.peer(peer).r.membership(parseDocId(e.docId).entityId).active]),
      ].sort()
      const missing = quorum.filter((m) => !holdsAll(w, m, e.docId, e.deletions))
      this.prunes.push({ t: w.now, peer, docId: e.docId, item: e.item, quorum, missing })
      this.setOf(this.pruned, e.docId).add(e.item)
      this.goneOn(peer, e.docId).add(e.item)
    }
    if ((e.type === 'reject' && e.code === 'INTERNAL') || e.type === 'internal')
      this.internal.push(`${peer}: ${e.message}`)
    if (e.type === 'reject' && FORGED.has(e.code)) this.refusals.forged++
    if (e.type === 'reject' && e.code === 'EQUIVOCATION') this.refusals.equivocations++
    if (e.type === 'refuseRead') this.refusals.refusedReads++
    if (e.type === 'threshold') this.thresholds.push({ t: w.now, peer, docId: e.docId })
    if ((e.type === 'materialize' || e.type === 'archive' || e.type === 'handoff') && e.items.length > 0)
      this.moves.push({ t: w.now, peer, docId: e.docId, how: e.type, items: e.items.length })
  }

  onBeforeReceive(w: World, d: Delivery, docId: DocId): void {
    const k = `${d.id}>${d.to}`
    const r = w.peer(d.to).r
    // Only repeats, and only a loaded document (loading one here would shift the replica's clientIDs).
    this.repeatBefore =
      this.delivered.has(k) && r.docs.loaded().some((md) => md.id === docId)
        ? { key: k, docId, state: docState(r.ydoc(docId)) }
        : null
  }

  onReceive(w: World, d: Delivery, result: ReceiveResult): void {
    const k = `${d.id}>${d.to}`
    if (this.delivered.has(k)) {
      const before = this.repeatBefore?.key === k ? this.repeatBefore : null
      const rewrote = before !== null && docState(w.peer(d.to).r.ydoc(before.docId)) !== before.state
      this.repeats.push({
        t: w.now,
        peer: d.to,
        kind: d.kind,
        changed: result.status === 'applied' && result.changed,
        rewrote,
      })
    }
    this.repeatBefore = null
    this.delivered.add(k)
    // Only a message that changed the document can bring a pruned item back.
    if (result.status === 'applied' && result.changed) this.checkReappearance(w, d.to, result.docId)
  }

  private setOf<K>(m: Map<K, Set<string>>, k: K): Set<string> {
    let set = m.get(k)
    if (!set) m.set(k, (set = new Set()))
    return set
  }

  private goneOn(peer: MemberId, docId: DocId): Set<string> {
    let docs = this.gone.get(peer)
    if (!docs) this.gone.set(peer, (docs = new Map()))
    return this.setOf(docs, docId)
  }

  /** A pruned item visible again on a replica that was already without it. */
  checkReappearance(w: World, peer: MemberId, docId: DocId): void {
    const items = this.pruned.get(docId)
    const reader = readerOf(docId)
    if (!items || items.size === 0 || !reader || !w.peer(peer).up) return
    const r = w.peer(peer).r
    const entity = parseDocId(docId).entityId
    const gone = this.goneOn(peer, docId)
    const shown = visibility(reader, r, entity)
    for (const item of items) {
      if (!shown(item)) gone.add(item)
      else if (gone.has(item)) {
        this.reappeared.push({ t: w.now, peer, docId, item })
        gone.delete(item)
      }
    }
  }
}

/** Does member `m`'s replica (or, while it is down, its disk) hold every struct in `ids`? */
function holdsAll(w: World, m: MemberId, docId: DocId, ids: readonly { client: number; clock: number }[]): boolean {
  const p = w.peers.get(m)
  if (!p) return false
  const sv = p.up ? p.r.stateVector(docId) : durableStateVector(p, docId)
  return ids.every((id) => svHolds(sv, id))
}

/** A document's state vector and delete set: any write changes one of them. */
function docState(doc: Y.Doc): string {
  return `${Buffer.from(Y.encodeStateVector(doc)).toString('hex')}/${Buffer.from(deleteSetHash(doc)).toString('hex')}`
}

function fingerprints(p: SimPeer): Map<DocId, ReturnType<typeof fingerprint>> {
  const out = new Map<DocId, ReturnType<typeof fingerprint>>()
  for (const entity of p.r.entities())
    for (const docId of p.r.docIds(entity)) out.set(docId, fingerprint(p.r.ydoc(docId)))
  return out
}
