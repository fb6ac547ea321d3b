/**
 * The oracle's record of a run: it observes the world (ops, deliveries, faults, and every document each replica
 * opens) and captures, at the moment they happen, the facts checks need later. Facts are observed, not announced:
 * ops are measured on the documents (observedOps.ts), prunes, moves, tombstones and sizes are read from document
 * state (docWatch.ts), who had to hold a deletion when it was pruned comes from the oracle's own membership model,
 * and what a restarted replica must hold from what its documents integrated before the crash. Engine events add one
 * thing only: an internal error while receiving, which nothing else can tell.
 */
import * as Y from 'yjs'
import type { DocId, EntityId, MemberId } from '../../engine/base/ids.ts'
import type { EngineEvent } from '../../engine/base/events.ts'
import type { ReceiveResult } from '../../engine/replica/receive.ts'
import type { Delivery } from '../../sim/network.ts'
import type { JsonObject } from '../../sim/canonicalJson.ts'
import type { OpRecord } from '../../sim/opRecord.ts'
import type { EntityDecl } from '../../sim/scenario/model.ts'
import type { World, WorldObserver } from '../../sim/world.ts'
import type { SimPeer } from '../../sim/peer.ts'
import type { ProfileName } from '../../engine/base/enums.ts'
import { holdsOp, svHolds } from './causal.ts'
import { fingerprint } from './reads.ts'
import { DocWatch, SPEC_THRESHOLDS } from './docWatch.ts'
import { membershipModel } from './membershipModel.ts'
import { beforeOp, localUpdate, observeOp, type BeforeOp, type LocalUpdate, type ObservedOp } from './observedOps.ts'
import { ORIGIN_LOAD, ORIGIN_SYSTEM } from '../../engine/docs/origins.ts'
import type { StructId } from './reader/views.ts'
import type { Forgery } from '../../engine/mutants/liar.ts'
import { durableStateVector } from './durableState.ts'
import type { Sent } from '../../sim/wire.ts'
import { Dissemination } from './dissemination.ts'
import { Refusals } from './refusals.ts'
import { noteLanding, type ForgeRecord } from './forgeRecords.ts'

/** Every concern an entity's documents may be of. */
const CONCERNS = ['core', 'chat', 'canvas', 'kanban', 'issues', 'disk-private', 'disk-public', 'disk-shared'] as const

export interface PruneObservation {
  readonly t: number
  readonly peer: MemberId
  readonly docId: DocId
  readonly item: string
  /** Who had to hold the deletion: the active members of the oracle's model, as far as the pruner had seen. */
  readonly quorum: readonly MemberId[]
  /** Members of the quorum whose replica did not hold every deletion record at that moment. */
  readonly missing: readonly MemberId[]
}

type Fingerprint = ReturnType<typeof fingerprint>

export interface CrashObservation {
  readonly t: number
  readonly peer: MemberId
  readonly before: ReadonlyMap<DocId, Fingerprint>
  torn?: { readonly docId: DocId; readonly write: string }
  /** The torn document's last good state: what its store held before its last write. */
  lastGood?: Fingerprint
  after?: ReadonlyMap<DocId, Fingerprint>
  restartError?: string
}

const entityOf = (docId: string): EntityId => docId.slice(0, docId.lastIndexOf(':')) as EntityId

export class History implements WorldObserver {
  /** Ops as the engine ran them (their own account: names and stories only). */
  readonly ops: OpRecord[] = []
  /** Ops that ran, as the oracle observed them: what the checks judge. */
  readonly observed: ObservedOp[] = []
  readonly prunes: PruneObservation[] = []
  readonly tombstones: { t: number; peer: MemberId; docId: DocId; item: string }[] = []
  readonly crashes: CrashObservation[] = []
  /**
   * Deliveries of a copy of a message the recipient had already received: must change nothing,
   * neither by what Yjs integrates (`changed`) nor by what the replica writes in response
   * (`rewrote`: its document differs before and after).
   */
  readonly repeats: { t: number; peer: MemberId; kind: string; changed: boolean; rewrote: boolean }[] = []
  /** Items a replica pruned (or saw pruned) showing live again later. */
  readonly reappeared: { t: number; peer: MemberId; docId: DocId; item: string }[] = []
  /** Ops issued while their peer was offline (by a fault). */
  readonly offlineOps: ObservedOp[] = []
  /** Documents whose encoded size, as the oracle measured it, passed their threshold on a replica. */
  readonly thresholds: { t: number; peer: MemberId; docId: DocId; bytes: number }[] = []
  /** Live items that left a replica's CRDT: moved by it (`local`), or removed by a peer's move it integrated. */
  readonly moves: { t: number; peer: MemberId; docId: DocId; item: string; local: boolean }[] = []
  /** Internal errors of the engine while receiving: must never happen. */
  readonly internal: string[] = []
  /** Updates a lying peer sent in two versions (equivocation). */
  readonly forgeries: ForgeRecord[] = []
  private receiving: DocId | null = null // the delivery's document (onBeforeReceive names it)
  /** Who was handed content while perhaps no member (judged by `access`). */
  readonly reads: Dissemination
  /** What honest replicas refused of lying peers: forged updates, equivocations, reads by non-members. */
  readonly refusals = new Refusals()
  private world: World | undefined
  private watchOf: DocWatch | undefined
  private before: BeforeOp = new Map()
  /** While an op runs: its peer, its own transactions' updates, the prunes it caused (judged once it is observed). */
  private running: { peer: MemberId; local: LocalUpdate[]; prunes: (() => void)[] } | null = null
  private crashed: ReturnType<DocWatch['drop']> | null = null
  private readonly delivered = new Set<string>()
  /** State of the document a repeated delivery is about, just before the recipient handles it. */
  private repeatBefore: { key: string; docId: DocId; state: string } | null = null
  private readonly offline = new Set<MemberId>()

  /** `entities`: the scenario's declarations (the membership model starts from them). */
  constructor(private readonly entities: readonly EntityDecl[] = []) {
    this.reads = new Dissemination(entities)
  }

  /** The document watch (made at the world's first event: it needs the profile and the thresholds). */
  watch(w: World): DocWatch {
    this.world = w
    if (!this.watchOf) {
      const set = (w.options.engineConfig?.thresholds ?? {}) as Record<string, number>
      this.watchOf = new DocWatch(
        w.options.profile as ProfileName,
        { ...SPEC_THRESHOLDS, ...set },
        {
          prune: (peer, docId, item, deletions) => this.pruned(peer, docId, item, deletions),
          tombstone: (peer, docId, item) => this.tombstones.push({ t: w.now, peer, docId: docId as DocId, item }),
          move: (peer, docId, item, local) => this.moves.push({ t: w.now, peer, docId: docId as DocId, item, local }),
          reappeared: (peer, docId, item) => this.reappeared.push({ t: w.now, peer, docId: docId as DocId, item }),
          threshold: (peer, docId, bytes) => this.thresholds.push({ t: w.now, peer, docId: docId as DocId, bytes }),
          update: (peer, docId, update, origin) => {
            // The op's own transactions: not the bookkeeping after it (acks, prunes: system), nor a document's load.
            const own = this.running?.peer === peer && origin !== ORIGIN_SYSTEM && origin !== ORIGIN_LOAD
            const doc = own ? this.watchOf?.doc(peer, docId) : undefined
            if (doc)
              this.running!.local.push(
                localUpdate(w.options.profile as ProfileName, docId, doc, update, w.peer(peer).clock.now()),
              )
          },
        },
      )
    }
    return this.watchOf
  }

  onOpenDoc(w: World, peer: MemberId, docId: DocId, doc: Y.Doc): void {
    this.watch(w).attach(peer, docId, doc)
  }

  onBeforeOp(w: World, peer: MemberId, entity: EntityId): void {
    this.before = beforeOp(this.openDocs(w, peer, entity))
    this.running = { peer, local: [], prunes: [] }
  }

  onOp(w: World, op: OpRecord): void {
    const running = this.running
    this.running = null
    this.ops.push(op)
    this.reads.noteOp(op)
    if (op.outcome !== undefined) {
      const p = w.peer(op.peer)
      const docs = this.openDocs(w, op.peer, op.entity)
      const observed = observeOp(op, this.before, docs, p.clock.now(), running?.local ?? [])
      this.observed.push(observed)
      if (this.offline.has(op.peer)) this.offlineOps.push(observed)
    }
    // A prune the op caused is judged with the op in the model (the removal that caused it, say).
    for (const judge of running?.prunes ?? []) judge()
  }

  /** The entity's documents `peer`'s replica has open (none is loaded for the oracle). */
  private openDocs(w: World, peer: MemberId, entity: EntityId): Map<string, Y.Doc> {
    const docs = new Map<string, Y.Doc>()
    const watch = this.watch(w)
    for (const concern of CONCERNS) {
      const doc = watch.doc(peer, `${entity}:${concern}`)
      if (doc) docs.set(`${entity}:${concern}`, doc)
    }
    return docs
  }

  onFault(w: World, fault: string, data: JsonObject): void {
    const peer = typeof data.peer === 'string' ? data.peer : undefined
    if (fault === 'offline' && peer) this.offline.add(peer)
    if (fault === 'online' && peer) this.offline.delete(peer)
    if (fault === 'crash' && peer) {
      const c = this.crashes.findLast((x) => x.peer === peer)
      const torn = data.torn as { doc?: string; write?: string } | undefined
      if (c && torn?.doc) {
        c.torn = { docId: torn.doc as DocId, write: String(torn.write) }
        // A torn append loses the document's last update; a torn compaction keeps the previous generation.
        const good = torn.write === 'append' ? this.crashed?.lastGood(torn.doc) : undefined
        if (good) c.lastGood = fingerprint(good)
        else if (torn.write !== 'append') c.lastGood = c.before.get(torn.doc as DocId)
      }
      this.crashed = null
    }
    if (fault === 'restart' && peer) this.restarted(w.peer(peer))
  }

  onForgery(w: World, peer: MemberId, forgery: Forgery): void {
    this.forgeries.push({ t: w.now, peer, forgery, landed: false })
  }

  onSend(w: World, s: Sent): void {
    this.reads.onSend(w, s)
  }

  onBeforeCrash(w: World, peer: MemberId): void {
    this.crashes.push({ t: w.now, peer, before: fingerprints(w.peer(peer)) })
    this.crashed = this.watch(w).drop(peer)
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

  onEngine(_w: World, peer: MemberId, e: EngineEvent): void {
    if ((e.type === 'reject' && e.code === 'INTERNAL') || e.type === 'internal')
      this.internal.push(`${peer}: ${e.message}`)
    this.refusals.note(e)
  }

  onBeforeReceive(w: World, d: Delivery, docId: DocId): void {
    this.receiving = docId
    const k = `${d.id}>${d.to}`
    const doc = this.watch(w).doc(d.to, docId)
    this.repeatBefore = this.delivered.has(k) && doc ? { key: k, docId, state: docState(doc) } : null
  }

  onReceive(w: World, d: Delivery, result: ReceiveResult): void {
    const k = `${d.id}>${d.to}`
    if (this.delivered.has(k)) {
      const before = this.repeatBefore?.key === k ? this.repeatBefore : null
      const doc = before ? this.watch(w).doc(d.to, before.docId) : undefined
      const rewrote = before !== null && doc !== undefined && docState(doc) !== before.state
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
    this.reads.onReceive(d, result)
    if (this.receiving) noteLanding(this.forgeries, d, w, this.receiving)
  }

  /** A replica removed a tombstone: who, by the oracle's model, had to hold the deletion then, and who did not. */
  private pruned(peer: MemberId, docId: string, item: string, deletions: readonly StructId[]): void {
    if (this.running) {
      this.running.prunes.push(() => this.pruned(peer, docId, item, deletions))
      return
    }
    const w = this.world!
    const entity = entityOf(docId)
    const decl = this.entities.find((e) => e.id === entity)
    const seen = this.svs(w, peer, entity)
    const quorum = decl ? membershipModel(decl, this.observed, (o) => holdsOp(seen, o)).active : []
    const missing = quorum.filter((m) => !holdsAll(w, this.watch(w), m, docId as DocId, deletions))
    this.prunes.push({ t: w.now, peer, docId: docId as DocId, item, quorum, missing })
  }

  /** State vectors of the entity's documents `peer`'s replica holds now. */
  private svs(w: World, peer: MemberId, entity: EntityId): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {}
    for (const [docId, doc] of this.openDocs(w, peer, entity)) out[docId] = svJson(Y.encodeStateVector(doc))
    return out
  }
}

const svJson = (sv: Uint8Array): Record<string, number> => {
  const out: Record<string, number> = {}
  for (const [client, clock] of Y.decodeStateVector(sv)) out[client.toString(36)] = clock
  return out
}

/** Does member `m`'s replica (its open document, else its store) hold every struct in `ids`? */
function holdsAll(w: World, watch: DocWatch, m: MemberId, docId: DocId, ids: readonly StructId[]): boolean {
  const p = w.peers.get(m)
  if (!p) return false
  const open = p.up ? watch.doc(m, docId) : undefined
  const sv = open
    ? (Y.decodeStateVector(Y.encodeStateVector(open)) as Map<number, number>)
    : durableStateVector(p, docId)
  return ids.every((id) => svHolds(sv, id))
}

/** A document's state vector and delete set: any write changes one of them. */
function docState(doc: Y.Doc): string {
  return Buffer.from(Y.encodeSnapshot(Y.snapshot(doc))).toString('hex')
}

function fingerprints(p: SimPeer): Map<DocId, Fingerprint> {
  const out = new Map<DocId, Fingerprint>()
  for (const entity of p.r.entities())
    for (const docId of p.r.docIds(entity)) out.set(docId, fingerprint(p.r.ydoc(docId)))
  return out
}
