/**
 * What a check is: a claim of the spec (its own sentence), and an evaluation over a finished run.
 * A check that does not apply to a run says so (`evaluated: false`); it never passes by default.
 */
import type { EntityId, MemberId } from '../../engine/base/ids.ts'
import type { SimPeer } from '../../sim/peer.ts'
import type { SimRun } from '../../sim/run.ts'
import type { CheckName } from '../../sim/scenario/schema.ts'
import type { World } from '../../sim/world.ts'
import type { RanOp } from '../oracle/causal.ts'
import type { History } from '../oracle/history.ts'
import { membershipModel, type MembershipModel } from '../oracle/membershipModel.ts'
import { forgedOps } from '../oracle/forgedOps.ts'
import { entityReader, type DocsOf, type EntityReader } from '../oracle/reader/entity.ts'
import type { ProfileName } from '../../engine/base/enums.ts'
import * as Y from 'yjs'

export type CheckOutcome =
  | { readonly evaluated: false; readonly detail?: string }
  | { readonly evaluated: true; readonly holds: boolean; readonly detail: string }

export interface Check {
  readonly name: CheckName
  /** The spec's claim, in its own words. */
  readonly claim: string
  evaluate(ctx: CheckContext): CheckOutcome
}

export const notEvaluated = (detail?: string): CheckOutcome =>
  detail ? { evaluated: false, detail } : { evaluated: false }
export const holds = (detail = ''): CheckOutcome => ({ evaluated: true, holds: true, detail })
export const fails = (detail: string): CheckOutcome => ({ evaluated: true, holds: false, detail })

/** A verdict from a list of violations: the first few, counted; holds when none and the run exercised the claim. */
export function verdict(violations: readonly string[], evaluated: boolean, what = ''): CheckOutcome {
  // A violation fails the claim even in a run that did not exercise its subject; evidence needs the subject.
  if (violations.length === 0) return evaluated ? holds(what) : notEvaluated(what)
  const more = violations.length > 3 ? ` (and ${violations.length - 3} more)` : ''
  return fails(`${violations.slice(0, 3).join('; ')}${more}`)
}

/**
 * What checks read: the run, the oracle's history (ops as observed, facts as watched), its
 * membership model, and its reader of each replica's documents.
 */
export class CheckContext {
  private readonly models = new Map<EntityId, MembershipModel>()
  private readonly readers = new Map<string, EntityReader>()
  readonly ops: readonly RanOp[]
  /** Ops whose writes a liar forged (made under another name, or sent in two versions): they never take effect. */
  readonly forged: ReadonlySet<RanOp>

  constructor(
    readonly run: SimRun,
    readonly history: History,
  ) {
    this.ops = history.observed
    this.forged = forgedOps(this.ops, history)
  }

  get profile(): ProfileName {
    return this.run.profile
  }

  /**
   * The documents a running replica holds of `entity`, by concern: the ones it has open (the
   * oracle watched it open them), else what its store holds (a replica that has not opened a
   * document holds exactly that). Never loaded through the engine.
   */
  docsOf(p: SimPeer, entity: EntityId): DocsOf {
    const watch = this.history.watch(this.world)
    const inStore = new Set<string>(p.store.list(entity))
    return (concern) => {
      const id = `${entity}:${concern}`
      return watch.doc(p.name, id) ?? (inStore.has(id) ? storedDoc(p, id) : undefined)
    }
  }

  /** The oracle's reader of what a running replica holds of `entity` (at the end of the run). */
  reader(p: SimPeer, entity: EntityId): EntityReader {
    const k = `${p.name}\u0000${entity}`
    let r = this.readers.get(k)
    if (!r) this.readers.set(k, (r = entityReader(this.profile, this.docsOf(p, entity))))
    return r
  }

  get world(): World {
    return this.run.world
  }

  /** The oracle's membership model of an entity, from every op of the run. */
  model(entity: EntityId): MembershipModel {
    let m = this.models.get(entity)
    if (!m) {
      const decl = this.run.scenario.entities.find((e) => e.id === entity)
      if (!decl) throw new Error(`no entity ${entity}`)
      m = membershipModel(decl, this.ops, undefined, (o) => this.forged.has(o))
      this.models.set(entity, m)
    }
    return m
  }

  /**
   * The honest-peer rule, the one place that says it: a peer that lied at any moment of the run
   * (`impersonate`, `equivocate`) is Byzantine for the whole run, before and after its lies. No
   * check requires its writes to arrive or take effect (those it makes after `honest` may build on
   * its refused forgeries), nor judges its replica; its forged writes must still show nowhere
   * (`access`), and the honest replicas must still agree (`convergence`).
   */
  honest(peer: MemberId): boolean {
    return !this.world.lies.liars.has(peer)
  }

  /**
   * Whether every honest replica must show `op`'s effect: it took effect by the membership model
   * and its issuer is honest. A liar's unforged write is allowed to show (it is effective) but
   * required nowhere.
   */
  required(op: RanOp): boolean {
    return this.honest(op.peer) && this.model(op.entity).effective(op)
  }

  /**
   * Active members of `entity` that lied. A tombstone is pruned once every active member has
   * acknowledged it: an acknowledgement is a write, and a liar's is required nowhere, so with a
   * liar among the members pruning may wait for ever (as for a member that never comes back).
   */
  byzantineMembers(entity: EntityId): MemberId[] {
    return this.model(entity).active.filter((m) => !this.honest(m))
  }

  /**
   * Whether `op`'s deletions may show on honest replicas although `op` is forged: a Yjs deletion
   * carries no clientID, so where updates are signed (the reference) it names no author but its
   * signer. A liar's deletion signed as itself (while impersonating), or sent alike in both versions
   * (equivocating), is its own, which it may make where it may write as itself: allowed, required
   * nowhere (`honest`). The spec signs nothing: a deletion is named by the clients of its update.
   */
  ownDeletion(op: RanOp): boolean {
    return this.profile === 'reference' && this.forged.has(op) && this.model(op.entity).mayWrite(op)
  }

  /**
   * Running honest peers that are active members of `entity`: by the model, or by what their own
   * core document says. A peer that lied during the run (`impersonate`, `equivocate`) is judged by
   * what honest replicas show of it, never by its own replica.
   */
  activeReplicas(entity: EntityId): SimPeer[] {
    const model = new Set<MemberId>(this.model(entity).active)
    return [...this.world.peers.values()].filter(
      (p) =>
        p.up &&
        this.honest(p.name) &&
        (model.has(p.name) || this.reader(p, entity).core().roleOf(p.name) !== undefined),
    )
  }

  entities(): readonly EntityId[] {
    return this.run.scenario.entities.map((e) => e.id)
  }
}

/** What a replica's store holds of a document, as a fresh Y.Doc; undefined when it holds none. */
const stored = new WeakMap<SimPeer, Map<string, Y.Doc | null>>()
function storedDoc(p: SimPeer, docId: string): Y.Doc | undefined {
  const cache = stored.get(p) ?? stored.set(p, new Map()).get(p)!
  if (!cache.has(docId)) {
    const bytes = p.store.load(docId as `${EntityId}:core`)
    let doc: Y.Doc | null = null
    if (bytes) {
      doc = new Y.Doc()
      if (bytes.snapshot) Y.applyUpdate(doc, bytes.snapshot)
      for (const u of bytes.updates) Y.applyUpdate(doc, u)
    }
    cache.set(docId, doc)
  }
  return cache.get(docId) ?? undefined
}
